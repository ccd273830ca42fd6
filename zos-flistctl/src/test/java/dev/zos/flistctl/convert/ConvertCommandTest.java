package dev.zos.flistctl.convert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.flist.meta.FlistReader;
import dev.zos.flistctl.FlistctlMain;
import dev.zos.testkit.CliHarness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code zos-flistctl convert} on a real OCI image layout, through the real command line. */
class ConvertCommandTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    CliHarness cli;
    Path layout;
    Path layerBlob;

    @BeforeEach
    void image() throws Exception {
        cli = new CliHarness(FlistctlMain.class, tmp.resolve("home"));
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
            put(tar, "etc/", null);
            put(tar, "etc/os-release", "ID=test\n");
            put(tar, "bin/", null);
            put(tar, "bin/hello", "#!/bin/sh\necho hello\n");
        }
        byte[] tar = tarBytes.toByteArray();
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream out = new GzipCompressorOutputStream(gz)) {
            out.write(tar);
        }
        layout = tmp.resolve("oci");
        ObjectNode config = JSON.createObjectNode().put("os", "linux").put("architecture", "amd64");
        config.putObject("config").put("WorkingDir", "/bin").putArray("Cmd").add("/bin/hello");
        config.putObject("rootfs").put("type", "layers").putArray("diff_ids").add("sha256:" + sha(tar));
        ObjectNode manifest = JSON.createObjectNode().put("schemaVersion", 2)
                .put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.set("config", blob(JSON.writeValueAsBytes(config), "application/vnd.oci.image.config.v1+json"));
        ObjectNode layer = blob(gz.toByteArray(), "application/vnd.oci.image.layer.v1.tar+gzip");
        layerBlob = layout.resolve("blobs/sha256/" + layer.get("digest").asText().substring(7));
        manifest.putArray("layers").add(layer);
        ObjectNode index = JSON.createObjectNode().put("schemaVersion", 2);
        ObjectNode desc = blob(JSON.writeValueAsBytes(manifest), "application/vnd.oci.image.manifest.v1+json");
        desc.putObject("annotations").put("org.opencontainers.image.ref.name", "hello:1");
        index.putArray("manifests").add(desc);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    }

    private static void put(TarArchiveOutputStream tar, String name, String content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(content == null ? 040755 : 0100755);
        byte[] b = content == null ? new byte[0] : content.getBytes(StandardCharsets.UTF_8);
        e.setSize(b.length);
        tar.putArchiveEntry(e);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private ObjectNode blob(byte[] data, String type) throws Exception {
        Path p = layout.resolve("blobs/sha256/" + sha(data));
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        return JSON.createObjectNode().put("mediaType", type).put("digest", "sha256:" + sha(data)).put("size", data.length);
    }

    private static String sha(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void convertsAndPrintsTheSummaryAsJson() throws Exception {
        Path fl = tmp.resolve("hello.fl");
        var r = cli.run("convert", layout.toString(), "-m", fl.toString(), "-s", "dir://" + tmp.resolve("store"),
                "--tag", "author=me", "-o", "json");
        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode out = JSON.readTree(r.out());
        assertThat(out.path("files").asLong()).isEqualTo(3); // bin/hello, etc/os-release, .startup.toml
        assertThat(out.path("blocks").asLong()).isEqualTo(3);
        assertThat(out.path("image").asText()).isEqualTo("hello:1");
        assertThat(out.path("layers")).hasSize(1);
        assertThat(out.path("layers").get(0).path("compression").asText()).isEqualTo("gzip");
        assertThat(out.path("tags").path("cmd").asText()).isEqualTo("[\"/bin/hello\"]");
        assertThat(out.path("tags").path("author").asText()).isEqualTo("me");
        try (FlistReader f = FlistReader.open(fl)) {
            assertThat(f.tags()).containsEntry("workdir", "/bin").containsEntry("author", "me");
            assertThat(f.lookup("/bin/hello")).isPresent();
            assertThat(f.lookup("/.startup.toml")).isPresent();
        }

        var table = cli.run("convert", layout.toString(), "-m", fl.toString(), "-s", "dir://" + tmp.resolve("store"));
        assertThat(table.exitCode()).as(table.toString()).isZero();
        assertThat(table.out()).contains("uploaded blocks", "tag cmd", "hello:1");
    }

    @Test
    void aTamperedLayerFailsWithOneLineAndWritesNothing() throws Exception {
        byte[] b = Files.readAllBytes(layerBlob);
        Files.write(layerBlob, java.util.Arrays.copyOf(b, b.length + 1));
        Path fl = tmp.resolve("bad.fl");
        var r = cli.run("convert", layout.toString(), "-m", fl.toString(), "-s", "dir://" + tmp.resolve("store"));
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err().strip().lines()).singleElement().satisfies(l -> assertThat(l).contains("layer 1", "larger than"));
        assertThat(fl).doesNotExist();
    }

    @Test
    void usageErrorsExitWithTwo() {
        var r = cli.run("convert", layout.toString(), "-m", tmp.resolve("x.fl").toString());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--store");
        var bad = cli.run("convert", layout.toString(), "-m", tmp.resolve("x.fl").toString(), "-s", "dir:///tmp/s",
                "--platform", "linux");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("bad platform 'linux'");
    }
}
