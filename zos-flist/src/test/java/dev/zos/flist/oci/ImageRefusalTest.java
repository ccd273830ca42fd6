package dev.zos.flist.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampered blobs, hostile layer entries and ambiguous archives are refused, and nothing is written. */
class ImageRefusalTest {

    @TempDir
    Path tmp;

    private Path store() {
        return tmp.resolve("store");
    }

    private ConvertResult convert(Path image, ConvertOptions options) {
        try (BlockStore s = Stores.defaults().open("dir://" + store())) {
            return ImageConverter.convert(image, tmp.resolve("out.fl"), s, options);
        }
    }

    /** Converting fails with a message containing {@code message}; no flist and no block are written. */
    private void refused(Path image, ConvertOptions options, String... message) throws IOException {
        long blocks = storedBlocks();
        assertThatThrownBy(() -> convert(image, options)).isInstanceOf(ZosException.class)
                .message().contains(message);
        assertThat(tmp.resolve("out.fl")).doesNotExist();
        assertThat(storedBlocks()).as("blocks uploaded by a refused conversion").isEqualTo(blocks);
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".out.fl"));
        }
    }

    private long storedBlocks() throws IOException {
        if (!Files.exists(store())) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(store())) {
            return s.filter(Files::isRegularFile).count();
        }
    }

    private static TestImages.Image oneLayer(byte[] tar) {
        List<byte[]> layers = List.of(tar);
        return new TestImages.Image(layers, LayerFormat.TAR, TestImages.config(layers, null, "/bin/sh"), null,
                Platform.DEFAULT);
    }

    private Path layout(TestImages.Image img) throws IOException {
        return TestImages.ociLayout(tmp.resolve("oci"), img);
    }

    /** The path of the image's first (only) layer blob. */
    private Path layerBlob(Path layout) throws IOException {
        JsonNode index = TestImages.JSON.readTree(layout.resolve("index.json").toFile());
        Digest m = Digest.parse(index.path("manifests").get(0).path("digest").asText(), "test");
        JsonNode manifest = TestImages.JSON.readTree(layout.resolve(m.blobPath()).toFile());
        return layout.resolve(Digest.parse(manifest.path("layers").get(0).path("digest").asText(), "t").blobPath());
    }

    private static void edit(Path p, Function<byte[], byte[]> change) throws IOException {
        Files.write(p, change.apply(Files.readAllBytes(p)));
    }

    @Test
    void aLayerWhoseBytesChangedIsRefused() throws Exception {
        Path oci = layout(ImageConverterTest.image(LayerFormat.TAR));
        Path blob = layerBlob(oci);
        edit(blob, b -> {
            int at = 1024 + 700; // inside the content of the first files
            b[at] ^= 1;
            return b;
        });
        refused(oci, ConvertOptions.defaults(), "does not match its digest", "layer 1 (sha256:" + blob.getFileName());
    }

    @Test
    void aTamperedGzipLayerIsReportedAsTampered() throws Exception {
        Path oci = layout(ImageConverterTest.image(LayerFormat.GZIP));
        Path blob = layerBlob(oci);
        edit(blob, b -> {
            for (int i = 100; i < 140; i++) {
                b[i] ^= 0x55;
            }
            return b;
        });
        refused(oci, ConvertOptions.defaults(), "layer 1 (sha256:" + blob.getFileName(), "does not match its digest");
    }

    @Test
    void aLayerLongerThanDeclaredIsRefused() throws Exception {
        Path oci = layout(ImageConverterTest.image(LayerFormat.GZIP));
        edit(layerBlob(oci), b -> {
            byte[] longer = java.util.Arrays.copyOf(b, b.length + 10);
            return longer;
        });
        refused(oci, ConvertOptions.defaults(), "layer 1", "larger than");
    }

    @Test
    void aTamperedConfigIsRefused() throws Exception {
        Path oci = layout(ImageConverterTest.image(LayerFormat.GZIP));
        JsonNode index = TestImages.JSON.readTree(oci.resolve("index.json").toFile());
        JsonNode manifest = TestImages.JSON.readTree(oci.resolve(Digest.parse(
                index.path("manifests").get(0).path("digest").asText(), "t").blobPath()).toFile());
        Path config = oci.resolve(Digest.parse(manifest.path("config").path("digest").asText(), "t").blobPath());
        edit(config, b -> new String(b).replace("/bin/app", "/bin/evl").getBytes());
        refused(oci, ConvertOptions.defaults(), "config", "does not match its digest");
    }

    @Test
    void aDockerSaveLayerThatDoesNotMatchItsDiffIdIsRefused() throws Exception {
        TestImages.Image img = ImageConverterTest.image(LayerFormat.TAR);
        byte[] evil = ImageConverterTest.topLayer();
        evil[600] ^= 1;
        TestImages.Image tampered = new TestImages.Image(List.of(img.layers().get(0), evil), LayerFormat.TAR,
                img.config(), img.ref(), img.platform());
        Path save = TestImages.dockerSave(tmp.resolve("save.tar"), tampered);
        refused(save, ConvertOptions.defaults(), "layer 2", "diff_id", "does not match its digest");
    }

    @Test
    void parentDirectoryEntriesAreRefused() throws Exception {
        refused(layout(oneLayer(new LayerTar(1).file("ok.txt", "x").file("a/../../evil", "x").tar())),
                ConvertOptions.defaults(), "entry 'a/../../evil' of layer 1", "'..'");
    }

    @Test
    void absoluteEntriesAreRefused() throws Exception {
        refused(layout(oneLayer(new LayerTar(1).file("/etc/passwd", "root::0:0").tar())),
                ConvertOptions.defaults(), "entry '/etc/passwd'", "absolute");
    }

    @Test
    void entriesThroughASymlinkAreRefused() throws Exception {
        refused(layout(oneLayer(new LayerTar(1).symlink("escape", "/etc").file("escape/passwd", "x").tar())),
                ConvertOptions.defaults(), "entry 'escape/passwd'", "goes through the symlink 'escape'");
    }

    @Test
    void hardLinksOutOfTheRootAreRefused() throws Exception {
        refused(layout(oneLayer(new LayerTar(1).hardlink("shadow", "../../etc/shadow").tar())),
                ConvertOptions.defaults(), "entry 'shadow'", "'..'");
        Files.walk(tmp.resolve("oci")).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        refused(layout(oneLayer(new LayerTar(1).symlink("l", "/").hardlink("h", "l/etc/shadow").tar())),
                ConvertOptions.defaults(), "entry 'h'", "goes through the symlink 'l'");
    }

    @Test
    void whiteoutsCannotNameTheParent() throws Exception {
        refused(layout(oneLayer(new LayerTar(1).file("a/.wh...", "").tar())), ConvertOptions.defaults(),
                "entry 'a/.wh...'");
    }

    @Test
    void anArchiveWithoutAnImageIsRefused() throws Exception {
        Files.createDirectories(tmp.resolve("empty"));
        Files.writeString(tmp.resolve("empty/readme"), "nothing");
        refused(tmp.resolve("empty"), ConvertOptions.defaults(), "neither index.json", "nor manifest.json");
        Path gz = tmp.resolve("img.tar.gz");
        Files.write(gz, LayerTar.compress(new LayerTar(1).file("x", "y").tar(), LayerFormat.GZIP));
        refused(gz, ConvertOptions.defaults(), "gzip-compressed", "decompress it first");
    }

    @Test
    void thePlatformChoosesAmongManifests() throws Exception {
        TestImages.Image amd = ImageConverterTest.image(LayerFormat.GZIP);
        TestImages.Image arm = oneLayer(new LayerTar(5).file("arm", "64").tar()).withRef("test/app:1.0")
                .withPlatform(new Platform("linux", "arm64", ""));
        Path oci = TestImages.ociLayout(tmp.resolve("multi"), arm, amd);

        ConvertResult def = convert(oci, ConvertOptions.defaults());
        assertThat(def.platform()).isEqualTo("linux/amd64");
        assertThat(def.files()).isEqualTo(10);

        ConvertResult r = convert(oci, ConvertOptions.defaults().withPlatform(Platform.parse("linux/arm64")));
        assertThat(r.platform()).isEqualTo("linux/arm64");
        try (FlistReader fr = FlistReader.open(r.flist())) {
            assertThat(fr.lookup("/arm")).isPresent();
            assertThat(fr.lookup("/bin")).isEmpty();
            assertThat(fr.tags()).containsEntry("platform", "linux/arm64").containsEntry("cmd", "[\"/bin/sh\"]");
        }
        Files.delete(r.flist());
        refused(oci, ConvertOptions.defaults().withPlatform(Platform.parse("linux/s390x")),
                "no image for platform linux/s390x", "linux/arm64", "linux/amd64");
    }

    @Test
    void severalImagesNeedARef() throws Exception {
        TestImages.Image one = ImageConverterTest.image(LayerFormat.TAR).withRef("one");
        TestImages.Image two = oneLayer(new LayerTar(5).file("two", "2").tar()).withRef("two");
        Path oci = TestImages.ociLayout(tmp.resolve("refs"), one, two);
        refused(oci, ConvertOptions.defaults(), "2 images", "--ref", "one linux/amd64", "two linux/amd64");
        refused(oci, ConvertOptions.defaults().withRef("three"), "no image 'three'");
        ConvertResult r = convert(oci, ConvertOptions.defaults().withRef("two"));
        assertThat(r.image()).isEqualTo("two");
        assertThat(r.files()).isEqualTo(2);
    }
}
