package dev.infbench.model;

import dev.infbench.model.text.Tokenizer;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * What a serving pipeline does around the model, for the stage breakdown: the preprocessing that turns a request into
 * the model's input tensors, and the postprocessing that turns its outputs into an answer. Text: tokenize the bundled
 * sentences with the model's own tokenizer into ids, mask and types; afterwards mean pooling over the attention mask
 * and L2 normalisation (a sentence embedding). Images: decode a PNG, resize it (bilinear) to the model's input and
 * normalise it with the ImageNet mean and deviation; afterwards softmax and the top 5 classes.
 */
public final class PipelineStages {
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};
    /** The sample image's size: a camera-like 4:3 picture, resized to the model's input by the preprocessing. */
    static final int SAMPLE_WIDTH = 400;
    static final int SAMPLE_HEIGHT = 300;
    private static final int TOP_K = 5;

    private PipelineStages() {
    }

    /** Turns a request into the model's inputs, each call anew. */
    public interface Pre extends AutoCloseable {
        InputBatch prepare();

        /** What it does, for the report. */
        String describe();

        @Override
        default void close() {
        }
    }

    /** Turns the model's outputs into the answer; returns something for the caller to consume. */
    public interface Post {
        Object finish(List<HostTensor> outputs, InputBatch inputs);

        String describe();
    }

    /** The pipeline's two ends for a model, or null (and why in {@code why}) for a model of no known kind. */
    public static Pre pre(ModelSpec model, List<InputSpec> specs, int batch) {
        if (model.kind() == ModelKind.TEXT && model.tokenizer() != null) {
            return text(model.tokenizer(), specs, TextInputs.draw(batch, TextInputs.SEED));
        }
        if (model.kind() == ModelKind.IMAGE) {
            return image(specs, samplePng(), batch);
        }
        throw new IllegalArgumentException(model.name() + ": no pipeline for a model of kind " + model.kind()
                + (model.kind() == ModelKind.TEXT ? " without a tokenizer" : "")
                + " (text models with a tokenizer and image models have one)");
    }

    public static Post post(ModelSpec model) {
        return model.kind() == ModelKind.TEXT ? EMBEDDING : CLASSES;
    }

    private static Pre text(String tokenizerResource, List<InputSpec> specs, List<String> sentences) {
        Tokenizer tokenizer = Tokenizer.open(tokenizerResource);
        InputSpec ids = specs.stream().filter(s -> s.role() == InputSpec.Role.TOKEN_IDS).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a text model without a token-ids input"));
        int seq = (int) ids.shape()[ids.shape().length - 1];
        return new Pre() {
            @Override
            public InputBatch prepare() {
                TextInputs.Tokens tokens = tokenizer.tokenize(sentences, seq);
                List<HostTensor> tensors = new ArrayList<>();
                for (InputSpec s : specs) {
                    long[] values = switch (s.role()) {
                        case TOKEN_IDS -> tokens.ids();
                        case ATTENTION_MASK -> tokens.mask();
                        case TOKEN_TYPE_IDS -> tokens.types();
                        default -> null;
                    };
                    HostTensor t = HostTensor.allocate(s.name(), s.dtype(), s.shape());
                    if (values != null) {
                        for (int i = 0; i < values.length && i < t.count(); i++) {
                            t.set(i, values[i]);
                        }
                    } else if (s.role() == InputSpec.Role.POSITION_IDS) {
                        for (long i = 0; i < t.count(); i++) {
                            t.set(i, i % seq);
                        }
                    }
                    tensors.add(t);
                }
                return InputBatch.of(tensors);
            }

            @Override
            public String describe() {
                return "tokenize " + sentences.size() + " bundled sentence(s) with the model's tokenizer.json to "
                        + seq + " tokens, into the input tensors";
            }

            @Override
            public void close() {
                tokenizer.close();
            }
        };
    }

    private static Pre image(List<InputSpec> specs, byte[] png, int batch) {
        InputSpec spec = specs.stream().filter(s -> s.shape().length == 4).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("an image model without a 4-D input"));
        long[] d = spec.shape();
        boolean channelsLast = d[3] == 3 && d[1] != 3;
        int h = (int) (channelsLast ? d[1] : d[2]);
        int w = (int) (channelsLast ? d[2] : d[3]);
        return new Pre() {
            @Override
            public InputBatch prepare() {
                HostTensor t = HostTensor.allocate(spec.name(), spec.dtype(), d);
                for (int n = 0; n < batch; n++) {
                    BufferedImage resized = resize(decode(png), w, h);
                    for (int y = 0; y < h; y++) {
                        for (int x = 0; x < w; x++) {
                            int rgb = resized.getRGB(x, y);
                            for (int c = 0; c < 3; c++) {
                                float v = ((rgb >> (16 - 8 * c)) & 0xff) / 255f;
                                long at = channelsLast ? (((long) n * h + y) * w + x) * 3 + c
                                        : (((long) n * 3 + c) * h + y) * w + x;
                                t.set(at, (v - MEAN[c]) / STD[c]);
                            }
                        }
                    }
                }
                return InputBatch.of(List.of(t));
            }

            @Override
            public String describe() {
                return "decode a " + SAMPLE_WIDTH + "x" + SAMPLE_HEIGHT + " PNG per sample, resize it (bilinear) to "
                        + w + "x" + h + ", normalise with the ImageNet mean and deviation into "
                        + (channelsLast ? "NHWC" : "NCHW");
            }
        };
    }

    private static BufferedImage decode(byte[] png) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            if (image == null) {
                throw new IllegalStateException("the sample image is not a readable PNG");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage resize(BufferedImage image, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    /** The sample image: a seeded synthetic picture (see {@link SyntheticImages}) as PNG bytes, made in the fork. */
    static byte[] samplePng() {
        float[] pixels = SyntheticImages.batch(1, 3, SAMPLE_HEIGHT, SAMPLE_WIDTH, TextInputs.SEED);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float p : pixels) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        float range = max > min ? max - min : 1;
        BufferedImage image = new BufferedImage(SAMPLE_WIDTH, SAMPLE_HEIGHT, BufferedImage.TYPE_INT_RGB);
        int plane = SAMPLE_WIDTH * SAMPLE_HEIGHT;
        for (int y = 0; y < SAMPLE_HEIGHT; y++) {
            for (int x = 0; x < SAMPLE_WIDTH; x++) {
                int rgb = 0;
                for (int c = 0; c < 3; c++) {
                    int v = Math.round(255 * (pixels[c * plane + y * SAMPLE_WIDTH + x] - min) / range);
                    rgb = (rgb << 8) | Math.max(0, Math.min(255, v));
                }
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Sentence embeddings: the mean of the last hidden state over the attention mask, L2-normalised. */
    private static final Post EMBEDDING = new Post() {
        @Override
        public Object finish(List<HostTensor> outputs, InputBatch inputs) {
            HostTensor hidden = outputs.stream().filter(o -> o.shape().length == 3).findFirst().orElse(outputs.get(0));
            HostTensor mask = inputs.tensors().values().stream().filter(t -> t.name().contains("mask")).findFirst()
                    .orElse(null);
            long[] s = hidden.shape();
            int rows = (int) s[0];
            int tokens = s.length == 3 ? (int) s[1] : 1;
            int width = (int) s[s.length - 1];
            float[][] embeddings = new float[rows][width];
            for (int r = 0; r < rows; r++) {
                double kept = 0;
                for (int t = 0; t < tokens; t++) {
                    double m = mask == null || mask.count() != (long) rows * tokens ? 1 : mask.get((long) r * tokens + t);
                    if (m == 0) {
                        continue;
                    }
                    kept += m;
                    long base = ((long) r * tokens + t) * width;
                    for (int k = 0; k < width; k++) {
                        embeddings[r][k] += (float) (m * hidden.get(base + k));
                    }
                }
                double norm = 0;
                for (int k = 0; k < width; k++) {
                    embeddings[r][k] /= (float) Math.max(kept, 1e-9);
                    norm += embeddings[r][k] * embeddings[r][k];
                }
                float scale = (float) (1 / Math.max(Math.sqrt(norm), 1e-12));
                for (int k = 0; k < width; k++) {
                    embeddings[r][k] *= scale;
                }
            }
            return embeddings;
        }

        @Override
        public String describe() {
            return "mean pooling of the last hidden state over the attention mask, L2 normalisation";
        }
    };

    /** Classes: softmax over the logits of each sample and its top 5. */
    private static final Post CLASSES = new Post() {
        @Override
        public Object finish(List<HostTensor> outputs, InputBatch inputs) {
            HostTensor logits = outputs.get(0);
            long[] s = logits.shape();
            int rows = (int) s[0];
            int classes = (int) (logits.count() / Math.max(rows, 1));
            int[][] top = new int[rows][];
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, logits.get((long) r * classes + c));
                }
                double[] p = new double[classes];
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    p[c] = Math.exp(logits.get((long) r * classes + c) - max);
                    sum += p[c];
                }
                for (int c = 0; c < classes; c++) {
                    p[c] /= sum;
                }
                int k = Math.min(TOP_K, classes);
                top[r] = new int[k];
                boolean[] taken = new boolean[classes];
                for (int i = 0; i < k; i++) {
                    int best = -1;
                    for (int c = 0; c < classes; c++) {
                        if (!taken[c] && (best < 0 || p[c] > p[best])) {
                            best = c;
                        }
                    }
                    taken[best] = true;
                    top[r][i] = best;
                }
            }
            return top;
        }

        @Override
        public String describe() {
            return "softmax over the logits and the top " + TOP_K + " classes of each sample";
        }
    };
}
