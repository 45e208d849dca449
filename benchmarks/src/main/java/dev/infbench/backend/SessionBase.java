package dev.infbench.backend;

import java.util.List;
import java.util.Map;

/**
 * What every backend's session keeps the same way: the settings read back when it opened, and the asked settings
 * that did not take effect. A session adds to the settings as it learns more (the inputs it was bound).
 */
public abstract class SessionBase implements BackendSession {
    private final Map<String, Object> effective;
    private final List<String> mismatches;

    /** {@code effective} must be mutable: {@link #setting} adds to it. */
    protected SessionBase(Map<String, Object> effective, List<String> mismatches) {
        this.effective = effective;
        this.mismatches = List.copyOf(mismatches);
    }

    /** Records one more effective setting. */
    protected final void setting(String key, Object value) {
        effective.put(key, value);
    }

    @Override
    public final Map<String, Object> effectiveSettings() {
        return effective;
    }

    @Override
    public final List<String> mismatches() {
        return mismatches;
    }
}
