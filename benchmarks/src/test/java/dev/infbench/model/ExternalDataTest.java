package dev.infbench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import dev.infbench.model.TinyOnnxModels.Holder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * External data of an untrusted model: every location anywhere in the model must name a regular file inside the
 * model's folder, within bounds; nothing is read until the check passed; variants embed the data.
 */
class ExternalDataTest {
    @TempDir
    Path root;

    private Path models() throws IOException {
        return Files.createDirectories(root.resolve("models"));
    }

    private static OnnxMl.ModelProto parse(Path model) throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(model));
    }

    @Test
    void weightsBesideTheModelPassAndAreEmbeddedByteForByte() throws IOException {
        Path model = TinyOnnxModels.withExternalWeight(models(), "m.onnx", "w.bin", Holder.INITIALIZER, true);

        ExternalData.Checked checked = ExternalData.check(model, parse(model));

        assertThat(checked.none()).isFalse();
        assertThat(checked.folder()).isEqualTo(models().toRealPath());
        assertThat(checked.files()).containsOnlyKeys("w.bin");
        assertThat(checked.bytes()).isEqualTo(TinyOnnxModels.EXTERNAL_WEIGHT_BYTES);
        OnnxMl.ModelProto embedded = ExternalData.embed(parse(model), checked, Files.size(model));
        assertThat(ExternalData.references(embedded)).isEmpty();
        OnnxMl.TensorProto w = embedded.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("fc.weight")).findFirst().orElseThrow();
        assertThat(w.getRawData().toByteArray()).isEqualTo(Files.readAllBytes(models().resolve("w.bin")));
    }

    @Test
    void weightsInASubfolderOfTheModelsFolderPass() throws IOException {
        Files.createDirectories(models().resolve("weights"));
        Path model = TinyOnnxModels.withExternalWeight(models(), "m.onnx", "weights/w.bin", Holder.INITIALIZER, true);

        assertThat(ExternalData.check(model, parse(model)).files()).containsOnlyKeys("weights/w.bin");
    }

    @Test
    void anAbsoluteLocationIsRefused() throws IOException {
        Path secret = Files.write(root.resolve("secret.bin"), new byte[4096]);
        refused(TinyOnnxModels.withExternalWeight(models(), "m.onnx", secret.toString(), Holder.INITIALIZER, false),
                "initializer 'fc.weight'", "an absolute path");
    }

    @Test
    void aLocationClimbingOutWithDotDotIsRefusedEvenWhenItWouldComeBack() throws IOException {
        Files.write(root.resolve("secret.bin"), new byte[4096]);
        refused(TinyOnnxModels.withExternalWeight(models(), "m.onnx", "../secret.bin", Holder.INITIALIZER, false),
                "'../secret.bin'", "climbs out");
        Files.write(models().resolve("w.bin"), new byte[4096]);
        refused(TinyOnnxModels.withExternalWeight(models(), "n.onnx", "../models/w.bin", Holder.INITIALIZER, false),
                "climbs out");
    }

    @Test
    void aSymbolicLinkLeavingTheFolderIsRefused() throws IOException {
        Path secret = Files.write(root.resolve("secret.bin"), new byte[4096]);
        Files.createSymbolicLink(models().resolve("link.bin"), secret);
        refused(TinyOnnxModels.withExternalWeight(models(), "m.onnx", "link.bin", Holder.INITIALIZER, false),
                "symbolic link", secret.toRealPath().toString());
    }

    @Test
    void aSymbolicLinkWithinTheFolderIsAccepted() throws IOException {
        TinyOnnxModels.withExternalWeight(models(), "m.onnx", "w.bin", Holder.INITIALIZER, true);
        Files.createSymbolicLink(models().resolve("alias.bin"), models().resolve("w.bin"));
        Path model = TinyOnnxModels.withExternalWeight(models(), "a.onnx", "alias.bin", Holder.INITIALIZER, false);

        assertThat(ExternalData.check(model, parse(model)).files().get("alias.bin"))
                .isEqualTo(models().resolve("w.bin").toRealPath());
    }

    @Test
    void locationsHiddenInAConstantNodeOrASubgraphAreFoundAndRefused() throws IOException {
        Files.write(root.resolve("secret.bin"), new byte[4096]);
        refused(TinyOnnxModels.withExternalWeight(models(), "c.onnx", "../secret.bin", Holder.CONSTANT_NODE, false),
                "node 'fc.weight' (Constant) > attribute 'value'", "climbs out");
        refused(TinyOnnxModels.withExternalWeight(models(), "s.onnx", "../secret.bin", Holder.SUBGRAPH, false),
                "(If) > attribute 'then_branch' > g 'then' > initializer 'w.then'", "climbs out");
    }

    @Test
    void sparseInitializersAndFunctionsAreSearchedToo() throws IOException {
        OnnxMl.TensorProto external = OnnxMl.TensorProto.newBuilder().setName("values").setDataType(1).addDims(4)
                .setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(OnnxMl.StringStringEntryProto.newBuilder().setKey("location").setValue("/etc/x"))
                .build();
        OnnxMl.ModelProto sparse = OnnxMl.ModelProto.newBuilder().setGraph(OnnxMl.GraphProto.newBuilder()
                .addSparseInitializer(OnnxMl.SparseTensorProto.newBuilder().setValues(external))).build();
        OnnxMl.ModelProto function = OnnxMl.ModelProto.newBuilder().addFunctions(OnnxMl.FunctionProto.newBuilder()
                .setName("f").addNode(OnnxMl.NodeProto.newBuilder().setOpType("Constant").addAttribute(
                        OnnxMl.AttributeProto.newBuilder().setName("value").setT(external)))).build();

        assertThat(ExternalData.references(sparse)).singleElement()
                .satisfies(r -> assertThat(r.where()).contains("sparse_initializer"));
        assertThat(ExternalData.references(function)).singleElement()
                .satisfies(r -> assertThat(r.where()).contains("functions 'f'").contains("Constant"));
        assertThatThrownBy(() -> ExternalData.check(models().resolve("m.onnx"), sparse))
                .isInstanceOf(UnsafeModelException.class).hasMessageContaining("absolute");
    }

    @Test
    void onnxRuntimesInMemoryMarkerIsRefused() throws IOException {
        refused(TinyOnnxModels.withExternalWeight(models(), "m.onnx", "*/_ORT_MEM_ADDR_/*", Holder.INITIALIZER,
                false), "marker for data in process memory");
    }

    @Test
    void aMissingFileAFolderAndAFifoAreRefused() throws IOException, InterruptedException {
        refused(TinyOnnxModels.withExternalWeight(models(), "m.onnx", "missing.bin", Holder.INITIALIZER, false),
                "no such file");
        Files.createDirectories(models().resolve("dir.bin"));
        refused(TinyOnnxModels.withExternalWeight(models(), "d.onnx", "dir.bin", Holder.INITIALIZER, false),
                "not a regular file");
        Process mkfifo = new ProcessBuilder("mkfifo", models().resolve("fifo.bin").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        // A FIFO would block whoever opened it: the check must refuse it from its metadata alone.
        refused(TinyOnnxModels.withExternalWeight(models(), "f.onnx", "fifo.bin", Holder.INITIALIZER, false),
                "not a regular file");
    }

    @Test
    void anOffsetOrLengthBeyondTheFileIsRefused() throws IOException {
        Path model = TinyOnnxModels.withExternalWeight(models(), "m.onnx", "w.bin", Holder.INITIALIZER, true);
        Files.write(models().resolve("w.bin"), new byte[100]);
        refused(model, "beyond the end of the file (100 bytes)");

        OnnxMl.ModelProto m = parse(model);
        OnnxMl.ModelProto.Builder b = m.toBuilder();
        OnnxMl.TensorProto.Builder t = b.getGraphBuilder().getInitializerBuilderList().stream()
                .filter(x -> x.getName().equals("fc.weight")).findFirst().orElseThrow();
        t.setExternalData(1, t.getExternalData(1).toBuilder().setValue("-5"));
        assertThatThrownBy(() -> ExternalData.check(model, b.build())).isInstanceOf(UnsafeModelException.class)
                .hasMessageContaining("offset '-5', not a whole number of bytes");
    }

    @Test
    void aLocationThatIsNotValidUtf8IsRefused() throws IOException {
        // Java would check the name with U+FFFD in it; ONNX Runtime would open the raw bytes (another file).
        Path model = TinyOnnxModels.withExternalWeight(models(), "m.onnx", "w.bin", Holder.INITIALIZER, true);
        OnnxMl.ModelProto.Builder b = parse(model).toBuilder();
        OnnxMl.TensorProto.Builder t = b.getGraphBuilder().getInitializerBuilderList().stream()
                .filter(x -> x.getName().equals("fc.weight")).findFirst().orElseThrow();
        t.setExternalData(0, t.getExternalData(0).toBuilder()
                .setValueBytes(com.google.protobuf.ByteString.copyFrom(new byte[] {'w', (byte) 0xFF, '.', 'b'})));
        Files.write(models().resolve("w\uFFFD.b"), new byte[TinyOnnxModels.EXTERNAL_WEIGHT_BYTES]);

        assertThatThrownBy(() -> ExternalData.check(model, b.build())).isInstanceOf(UnsafeModelException.class)
                .hasMessageContaining("not valid UTF-8");
    }

    @Test
    void theLengthMustBeTheTensorsSizeAndDefaultsToIt() throws IOException {
        Path model = TinyOnnxModels.withExternalWeight(models(), "m.onnx", "w.bin", Holder.INITIALIZER, true);
        Files.write(models().resolve("w.bin"), new byte[4 * TinyOnnxModels.EXTERNAL_WEIGHT_BYTES],
                java.nio.file.StandardOpenOption.APPEND);
        OnnxMl.ModelProto.Builder b = parse(model).toBuilder();
        OnnxMl.TensorProto.Builder t = b.getGraphBuilder().getInitializerBuilderList().stream()
                .filter(x -> x.getName().equals("fc.weight")).findFirst().orElseThrow();
        t.setExternalData(2, t.getExternalData(2).toBuilder().setValue("12"));
        assertThatThrownBy(() -> ExternalData.check(model, b.build())).isInstanceOf(UnsafeModelException.class)
                .hasMessageContaining("with length 12, but the tensor holds 1280 bytes");

        t.removeExternalData(2); // no length: the tensor's own size, not the rest of the file
        ExternalData.Checked checked = ExternalData.check(model, b.build());
        assertThat(checked.regions()).singleElement().extracting(ExternalData.Region::length)
                .isEqualTo((long) TinyOnnxModels.EXTERNAL_WEIGHT_BYTES);
    }

    @Test
    void theModelsIdentityCoversItsExternalData() throws IOException {
        Path model = TinyOnnxModels.withExternalWeight(models(), "m.onnx", "w.bin", Holder.INITIALIZER, true);
        ModelVariant v = ModelVariant.ofFile(model.toString(), "fp32", model, "test");
        String before = v.read().sha256();
        assertThat(before).isNotEqualTo(ModelVariant.sha256(Files.readAllBytes(model)));

        byte[] w = Files.readAllBytes(models().resolve("w.bin"));
        w[7] ^= 1;
        Files.write(models().resolve("w.bin"), w);

        assertThat(v.read().sha256()).isNotEqualTo(before);
        assertThat(v.read().dataFolder()).isEqualTo(models().toRealPath());
    }

    @Test
    void aVariantGeneratedBeforeTheWeightsChangedIsNotReused() throws IOException {
        Path model = TinyOnnxModels.withExternalWeight(models(), "m.onnx", "w.bin", Holder.INITIALIZER, true);
        ModelVariant fp32 = ModelVariant.ofFile(model.toString(), "fp32", model, "test");
        ModelVariant fp16 = ModelVariant.generated(model.toString(), "fp16", fp32, ModelTransform.toFloat16());
        byte[] first = fp16.read().bytes();
        assertThat(ExternalData.references(parse(first))).as("a generated variant embeds its data").isEmpty();
        assertThat(fp16.read().bytes()).as("cached").isEqualTo(first);

        byte[] w = Files.readAllBytes(models().resolve("w.bin"));
        for (int i = 0; i < w.length; i += 4) {
            w[i + 3] ^= 0x40; // a large change to every float, visible in fp16 too
        }
        Files.write(models().resolve("w.bin"), w);

        assertThat(fp16.read().bytes()).isNotEqualTo(first);
    }

    private static OnnxMl.ModelProto parse(byte[] bytes) throws IOException {
        return OnnxMl.ModelProto.parseFrom(bytes);
    }

    @Test
    void aModelWithoutExternalDataKeepsThePlainHashOfItsBytes() throws IOException {
        Path model = TinyOnnxModels.imageClassifier(models());
        ModelVariant v = ModelVariant.ofFile(model.toString(), "fp32", model, "test");

        assertThat(v.read().sha256()).isEqualTo(ModelVariant.sha256(Files.readAllBytes(model)));
        assertThat(v.read().dataFolder()).isNull();
    }

    private static void refused(Path model, String... words) throws IOException {
        OnnxMl.ModelProto m = parse(model);
        assertThatThrownBy(() -> ExternalData.check(model, m)).isInstanceOf(UnsafeModelException.class)
                .satisfies(e -> assertThat(e.getMessage()).contains(words).doesNotContain("\n"));
        // The same refusal through the path every session takes.
        assertThatThrownBy(() -> ModelVariant.ofFile(model.toString(), "fp32", model, "test").read())
                .isInstanceOf(UnsafeModelException.class);
    }
}
