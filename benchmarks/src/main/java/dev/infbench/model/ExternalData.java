package dev.infbench.model;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.infbench.env.FileErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * ONNX external data: tensors whose bytes live in other files, named by a {@code location} relative to the model
 * file. A model file is untrusted input, and a location is a path that ONNX Runtime opens as given (an absolute
 * path, {@code ../}, a symbolic link out of the folder; the {@code onnx} package's CVE-2022-25882 and CVE-2024-27318
 * are this bug). So before any session opens a user's model, every tensor of it — initializers, sparse initializers,
 * tensor and sparse-tensor attributes of any node ({@code Constant} among them), in the graph, in every subgraph of
 * If/Loop/Scan, in functions — is found by walking the whole protobuf, and each location must name a regular file
 * inside the model's own folder, with its offset and length inside that file. Nothing outside is opened: the checks
 * read only file metadata.
 */
public final class ExternalData {
    /**
     * ONNX Runtime's marker for data already in memory: with it, the offset is read as a memory address. A model file
     * must never carry it.
     */
    static final String ORT_MEMORY_TAG = "*/_ORT_MEM_ADDR_/*";
    /**
     * The most a model with its data embedded may hold: a protobuf message is limited to 2 GiB, less a margin for
     * the graph around the tensors.
     */
    public static final long MAX_EMBEDDED_BYTES = Integer.MAX_VALUE - (64L << 20);

    /**
     * One tensor that reads external data, as the model declares it.
     *
     * @param utf8  whether every key and value of its external data is valid UTF-8 (protobuf's Java strings turn bad
     *              bytes into U+FFFD, so the name checked here would not be the name ONNX Runtime opens)
     * @param bytes the tensor's size in bytes from its type and dimensions, or -1 when the type has no fixed size
     */
    public record Reference(String where, String location, String offset, String length, boolean utf8, long bytes) {
    }

    /** One external region, checked: {@code file} is the real path, inside the model's folder. */
    public record Region(Reference reference, Path file, long offset, long length) {
    }

    /**
     * The external data of one model file, every region checked.
     *
     * @param folder  the real path of the model's folder, where ONNX Runtime must resolve locations
     * @param regions the tensors that read external data, in the order they appear in the model
     * @param files   each distinct location and its real path
     */
    public record Checked(Path folder, List<Region> regions, SortedMap<String, Path> files) {
        /** A model without external data. */
        public static final Checked NONE = new Checked(null, List.of(), Collections.emptySortedMap());

        public boolean none() {
            return regions.isEmpty();
        }

        /** Bytes the tensors read from their files. */
        public long bytes() {
            return regions.stream().mapToLong(Region::length).sum();
        }
    }

    private ExternalData() {
    }

    /** Every tensor of the model that declares external data, wherever in the model it is. */
    public static List<Reference> references(OnnxMl.ModelProto model) {
        List<Reference> found = new ArrayList<>();
        walk(model, "", t -> {
            found.add(reference(t.path(), t.tensor()));
            return t.tensor();
        });
        return found;
    }

    /**
     * Checks every external reference of {@code model}, read from {@code modelFile}; a reference that leaves the
     * model's folder, or does not fit its file, is one {@link UnsafeModelException} naming the tensor and location.
     */
    public static Checked check(Path modelFile, OnnxMl.ModelProto model) {
        List<Reference> refs = references(model);
        if (refs.isEmpty()) {
            return Checked.NONE;
        }
        Path folder;
        try {
            folder = modelFile.toAbsolutePath().getParent().toRealPath();
        } catch (IOException e) {
            throw new UnsafeModelException(modelFile + ": cannot resolve the model's folder: " + e.getMessage());
        }
        List<Region> regions = new ArrayList<>();
        SortedMap<String, Path> files = new TreeMap<>();
        for (Reference r : refs) {
            Region region = region(modelFile, folder, r);
            regions.add(region);
            files.put(r.location(), region.file());
        }
        return new Checked(folder, List.copyOf(regions), Collections.unmodifiableSortedMap(files));
    }

    private static Region region(Path modelFile, Path folder, Reference r) {
        String loc = r.location();
        String what = modelFile.getFileName() + ": " + r.where() + " has external data at ";
        if (loc == null || loc.isEmpty()) {
            throw new UnsafeModelException(what + "no location");
        }
        String shown = "'" + printable(loc) + "'";
        if (!r.utf8()) {
            throw new UnsafeModelException(what + shown + ", whose external data entries are not valid UTF-8 text (the"
                    + " name checked would not be the name ONNX Runtime opens)");
        }
        if (loc.equals(ORT_MEMORY_TAG) || loc.contains("_ORT_MEM_ADDR_")) {
            throw new UnsafeModelException(what + shown + ", ONNX Runtime's marker for data in process memory (its"
                    + " offset would be read as an address); a model file must not carry it");
        }
        for (int i = 0; i < loc.length(); i++) {
            if (Character.isISOControl(loc.charAt(i))) {
                throw new UnsafeModelException(what + shown + ", which holds a control character");
            }
        }
        if (loc.startsWith("/") || loc.startsWith("\\") || loc.startsWith("~") || loc.matches("^[A-Za-z]:.*")) {
            throw new UnsafeModelException(what + shown + ", an absolute path; external data must be a relative path"
                    + " to a file in the model's own folder");
        }
        if (loc.contains("\\")) {
            throw new UnsafeModelException(what + shown + ", which holds a backslash; external data locations use '/'"
                    + " between the folders inside the model's folder");
        }
        for (String part : loc.split("/", -1)) {
            if (part.equals("..")) {
                throw new UnsafeModelException(what + shown + ", which climbs out of the model's folder with '..';"
                        + " external data must be a file in the model's own folder");
            }
        }
        Path real;
        try {
            real = folder.resolve(loc).toRealPath();
        } catch (NoSuchFileException e) {
            throw new UnsafeModelException(what + shown + ": no such file in " + folder + " (external data must lie"
                    + " beside the model)");
        } catch (IOException e) {
            throw new UnsafeModelException(what + shown + ": " + FileErrors.reason(e));
        }
        if (!real.startsWith(folder)) {
            throw new UnsafeModelException(what + shown + ", which leads through a symbolic link to " + real
                    + ", outside the model's folder " + folder);
        }
        if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeModelException(what + shown + ", which is not a regular file (a folder, device or FIFO)");
        }
        long size;
        try {
            size = Files.size(real);
        } catch (IOException e) {
            throw new UnsafeModelException(what + shown + ": " + FileErrors.reason(e));
        }
        long offset = number(what + shown, "offset", r.offset(), 0);
        long length = number(what + shown, "length", r.length(), -1);
        if (offset > size) {
            throw new UnsafeModelException(what + shown + " offset " + offset + ", beyond the end of the file ("
                    + size + " bytes)");
        }
        if (r.bytes() >= 0 && length >= 0 && length != r.bytes()) {
            throw new UnsafeModelException(what + shown + " with length " + length + ", but the tensor holds "
                    + r.bytes() + " bytes");
        }
        if (length < 0) {
            length = r.bytes() >= 0 ? r.bytes() : size - offset;
        }
        if (length > size - offset) {
            throw new UnsafeModelException(what + shown + " offset " + offset + " length " + length
                    + ", beyond the end of the file (" + size + " bytes)");
        }
        return new Region(r, real, offset, length);
    }

    private static long number(String what, String key, String value, long absent) {
        if (value == null) {
            return absent;
        }
        try {
            long n = Long.parseLong(value.strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UnsafeModelException(what + " with " + key + " '" + printable(value)
                    + "', not a whole number of bytes");
        }
    }

    /**
     * The model with every external region read into its tensor's raw data: the form from which variants are
     * generated (a generated file carries its data, never a location copied from its source).
     */
    public static OnnxMl.ModelProto embed(OnnxMl.ModelProto model, Checked checked, long modelBytes) {
        if (checked.none()) {
            return model;
        }
        long total = modelBytes + checked.bytes();
        if (total > MAX_EMBEDDED_BYTES) {
            throw new UnsupportedOperationException(tooBigToEmbed(checked.bytes()));
        }
        // The walk meets the tensors in the order check() listed them.
        java.util.Iterator<Region> regions = checked.regions().iterator();
        return (OnnxMl.ModelProto) walk(model, "", t -> {
            Region r = regions.hasNext() ? regions.next() : null;
            if (r == null || !r.reference().where().equals(t.path())) {
                throw new IllegalStateException("unchecked external data at " + t.path());
            }
            return t.tensor().toBuilder().clearExternalData().clearDataLocation().setRawData(read(r)).build();
        });
    }

    /** Why variants of a model this large are not generated. */
    public static String tooBigToEmbed(long externalBytes) {
        return String.format(java.util.Locale.ROOT, "its external data (%.2f GiB) is more than one ONNX file can hold"
                + " (2 GiB), so no variant embedding it is generated; it runs at fp32 as given", externalBytes
                / (double) (1L << 30));
    }

    /** Adds every file the model reads, by location and content, to {@code digest}. */
    public static void digest(MessageDigest digest, Checked checked) {
        byte[] buf = new byte[1 << 20];
        for (Map.Entry<String, Path> f : checked.files().entrySet()) {
            digest.update((byte) 0);
            digest.update(f.getKey().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            try (InputStream in = Files.newInputStream(f.getValue(), LinkOption.NOFOLLOW_LINKS)) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    digest.update(buf, 0, n);
                }
            } catch (IOException e) {
                throw new UnsafeModelException("cannot read external data " + f.getValue() + ": "
                        + FileErrors.reason(e));
            }
        }
    }

    private static ByteString read(Region r) {
        if (r.length() > Integer.MAX_VALUE) {
            throw new UnsupportedOperationException(tooBigToEmbed(r.length()));
        }
        ByteBuffer buf = ByteBuffer.allocate((int) r.length());
        try (FileChannel ch = FileChannel.open(r.file(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long pos = r.offset();
            while (buf.hasRemaining()) {
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new UnsafeModelException("external data " + r.file() + " ended before offset "
                            + (r.offset() + r.length()) + " (it changed while being read)");
                }
                pos += n;
            }
        } catch (IOException e) {
            throw new UnsafeModelException("cannot read external data " + r.file() + ": " + FileErrors.reason(e));
        }
        buf.flip();
        return ByteString.copyFrom(buf);
    }

    /** A location as it may be shown: control characters as {@code \\uXXXX}. */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().limit(200).forEach(c -> {
            if (Character.isISOControl(c)) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
            } else {
                b.appendCodePoint(c);
            }
        });
        return s.length() > 200 ? b + "..." : b.toString();
    }

    private static Reference reference(String where, OnnxMl.TensorProto t) {
        String location = null;
        String offset = null;
        String length = null;
        boolean utf8 = true;
        for (OnnxMl.StringStringEntryProto e : t.getExternalDataList()) {
            utf8 &= e.getKeyBytes().isValidUtf8() && e.getValueBytes().isValidUtf8();
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = e.getValue();
                case "length" -> length = e.getValue();
                default -> {
                    // checksum and unknown keys do not say where data is read from
                }
            }
        }
        return new Reference(where, location, offset, length, utf8, byteSize(t));
    }

    /** Bytes of a tensor of fixed-size elements (4-bit types packed two to a byte); -1 for strings and unknowns. */
    static long byteSize(OnnxMl.TensorProto t) {
        int bits = switch (t.getDataType()) {
            case 21, 22, 23 -> 4; // uint4, int4, float4e2m1
            case 2, 3, 9, 17, 18, 19, 20 -> 8; // uint8, int8, bool, float8 variants
            case 4, 5, 10, 16 -> 16; // uint16, int16, float16, bfloat16
            case 1, 6, 12 -> 32; // float, int32, uint32
            case 7, 11, 13, 14 -> 64; // int64, double, uint64, complex64
            case 15 -> 128; // complex128
            default -> -1;
        };
        if (bits < 0) {
            return -1;
        }
        try {
            long n = 1;
            for (long d : t.getDimsList()) {
                if (d < 0) {
                    return -1;
                }
                n = Math.multiplyExact(n, d);
            }
            return bits == 4 ? (n + 1) / 2 : Math.multiplyExact(n, bits / 8);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // no file holds it: refused as beyond its end
        }
    }

    /** A tensor met on the walk, and where it is. */
    private record Found(String path, OnnxMl.TensorProto tensor) {
    }

    private static boolean external(OnnxMl.TensorProto t) {
        return t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0;
    }

    /**
     * Visits every tensor with external data anywhere in {@code m}, by reflection over every message field (so no
     * place a tensor can hide is missed), and rebuilds the messages whose tensors {@code visit} replaced.
     */
    private static Message walk(Message m, String path, Function<Found, OnnxMl.TensorProto> visit) {
        if (m instanceof OnnxMl.TensorProto t) {
            return external(t) ? visit.apply(new Found(path, t)) : t;
        }
        Message.Builder b = null;
        for (Map.Entry<FieldDescriptor, Object> e : m.getAllFields().entrySet()) {
            FieldDescriptor fd = e.getKey();
            if (fd.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (fd.isRepeated()) {
                List<?> list = (List<?>) e.getValue();
                for (int i = 0; i < list.size(); i++) {
                    Message child = (Message) list.get(i);
                    Message next = walk(child, child(path, label(fd, child, i)), visit);
                    if (next != child) {
                        if (b == null) {
                            b = m.toBuilder();
                        }
                        b.setRepeatedField(fd, i, next);
                    }
                }
            } else {
                Message child = (Message) e.getValue();
                Message next = walk(child, child(path, label(fd, child, -1)), visit);
                if (next != child) {
                    if (b == null) {
                        b = m.toBuilder();
                    }
                    b.setField(fd, next);
                }
            }
        }
        return b == null ? m : b.build();
    }

    private static String child(String path, String label) {
        return path.isEmpty() ? label : path + " > " + label;
    }

    /** e.g. {@code node 'cond' (If)}, {@code initializer 'w'}, {@code attribute 'value'}. */
    private static String label(FieldDescriptor fd, Message child, int index) {
        String name = stringField(child, "name");
        String op = child instanceof OnnxMl.NodeProto n ? " (" + printable(n.getOpType()) + ")" : "";
        if (name != null && !name.isEmpty()) {
            return fd.getName() + " '" + printable(name) + "'" + op;
        }
        return fd.getName() + (index >= 0 ? "[" + index + "]" : "") + op;
    }

    private static String stringField(Message m, String field) {
        FieldDescriptor fd = m.getDescriptorForType().findFieldByName(field);
        if (fd == null || fd.isRepeated() || fd.getJavaType() != FieldDescriptor.JavaType.STRING) {
            return null;
        }
        return (String) m.getField(fd);
    }
}
