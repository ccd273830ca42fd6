package dev.zos.flist.oci;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes real OCI image layouts and docker save tarballs, as the tools that make them lay them out. */
final class TestImages {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestImages() {
    }

    /** One image: its layer tars (uncompressed), how to compress them, its config, name and platform. */
    record Image(List<byte[]> layers, LayerFormat format, ObjectNode config, String ref, Platform platform) {
        Image withRef(String r) {
            return new Image(layers, format, config, r, platform);
        }

        Image withFormat(LayerFormat f) {
            return new Image(layers, f, config, ref, platform);
        }

        Image withPlatform(Platform p) {
            ObjectNode c = config.deepCopy();
            c.put("os", p.os()).put("architecture", p.architecture());
            return new Image(layers, format, c, ref, p);
        }
    }

    static ObjectNode config(List<byte[]> layers, String entrypoint, String cmd) {
        ObjectNode c = JSON.createObjectNode();
        c.put("architecture", "amd64").put("os", "linux").put("created", "2024-01-02T03:04:05Z");
        ObjectNode cc = c.putObject("config");
        if (entrypoint != null) {
            cc.putArray("Entrypoint").add(entrypoint);
        }
        if (cmd != null) {
            ArrayNode a = cc.putArray("Cmd");
            for (String s : cmd.split("\\|")) {
                a.add(s);
            }
        }
        cc.putArray("Env").add("PATH=/usr/local/bin:/usr/bin:/bin").add("GREETING=hello \"world\"=1");
        cc.put("WorkingDir", "/srv/www").put("User", "1000:1000");
        ObjectNode rootfs = c.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.putArray("diff_ids");
        for (byte[] l : layers) {
            ids.add("sha256:" + sha256(l));
        }
        return c;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static ObjectNode writeBlob(Path layout, byte[] data, String mediaType) throws IOException {
        String hex = sha256(data);
        Path p = layout.resolve("blobs/sha256/" + hex);
        Files.createDirectories(p.getParent());
        Files.write(p, data);
        ObjectNode d = JSON.createObjectNode();
        d.put("mediaType", mediaType).put("digest", "sha256:" + hex).put("size", data.length);
        return d;
    }

    static String layerType(LayerFormat f) {
        return switch (f) {
            case TAR -> "application/vnd.oci.image.layer.v1.tar";
            case GZIP -> "application/vnd.oci.image.layer.v1.tar+gzip";
            case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
        };
    }

    /** Writes the image's manifest and blobs; returns the manifest descriptor (with platform and ref). */
    static ObjectNode manifest(Path layout, Image img) throws IOException {
        ObjectNode m = JSON.createObjectNode();
        m.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        m.set("config", writeBlob(layout, JSON.writeValueAsBytes(img.config()), "application/vnd.oci.image.config.v1+json"));
        ArrayNode layers = m.putArray("layers");
        for (byte[] tar : img.layers()) {
            layers.add(writeBlob(layout, LayerTar.compress(tar, img.format()), layerType(img.format())));
        }
        ObjectNode d = writeBlob(layout, JSON.writeValueAsBytes(m), "application/vnd.oci.image.manifest.v1+json");
        if (img.platform() != null) {
            d.putObject("platform").put("os", img.platform().os()).put("architecture", img.platform().architecture());
        }
        if (img.ref() != null) {
            d.putObject("annotations").put("org.opencontainers.image.ref.name", img.ref());
        }
        return d;
    }

    /** An OCI image layout whose index.json lists the images directly. */
    static Path ociLayout(Path layout, Image... images) throws IOException {
        Files.createDirectories(layout);
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode ms = index.putArray("manifests");
        for (Image img : images) {
            ms.add(manifest(layout, img));
        }
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        return layout;
    }

    /** An OCI image layout whose index.json points to a nested index of per-platform manifests (as buildx writes). */
    static Path nestedLayout(Path layout, String ref, Image... images) throws IOException {
        Files.createDirectories(layout);
        Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        ObjectNode inner = JSON.createObjectNode();
        inner.put("schemaVersion", 2).put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode ms = inner.putArray("manifests");
        for (Image img : images) {
            ms.add(manifest(layout, img));
        }
        ObjectNode d = writeBlob(layout, JSON.writeValueAsBytes(inner), "application/vnd.oci.image.index.v1+json");
        d.putObject("annotations").put("io.containerd.image.name", "docker.io/library/" + ref)
                .put("org.opencontainers.image.ref.name", ref.substring(ref.indexOf(':') + 1));
        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        index.putArray("manifests").add(d);
        Files.write(layout.resolve("index.json"), JSON.writeValueAsBytes(index));
        return layout;
    }

    /** A docker save tarball in the classic layout: {@code <id>/layer.tar}, {@code <config-sha>.json}, manifest.json. */
    static Path dockerSave(Path tarFile, Image img) throws IOException {
        Path dir = Files.createTempDirectory(tarFile.getParent(), "save");
        byte[] config = JSON.writeValueAsBytes(img.config());
        String configName = sha256(config) + ".json";
        Files.write(dir.resolve(configName), config);
        ArrayNode layers = JSON.createArrayNode();
        String parent = "";
        for (byte[] tar : img.layers()) {
            String id = sha256((parent + sha256(tar)).getBytes(StandardCharsets.UTF_8));
            Files.createDirectories(dir.resolve(id));
            Files.write(dir.resolve(id + "/layer.tar"), tar);
            Files.writeString(dir.resolve(id + "/VERSION"), "1.0");
            Files.writeString(dir.resolve(id + "/json"), "{\"id\":\"" + id + "\"}");
            layers.add(id + "/layer.tar");
            parent = id;
        }
        ArrayNode manifest = JSON.createArrayNode();
        ObjectNode e = manifest.addObject();
        e.put("Config", configName);
        e.putArray("RepoTags").add(img.ref() == null ? "test/app:latest" : img.ref());
        e.set("Layers", layers);
        Files.write(dir.resolve("manifest.json"), JSON.writeValueAsBytes(manifest));
        tarOf(dir, tarFile);
        return tarFile;
    }

    /** Tars a directory (names relative to it, directories first), as {@code tar -cf out -C dir .} does. */
    static Path tarOf(Path dir, Path tarFile) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted().forEach(all::add);
        }
        try (OutputStream out = Files.newOutputStream(tarFile);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : all) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = "./" + dir.relativize(p).toString().replace('\\', '/');
                TarArchiveEntry e = new TarArchiveEntry(p, Files.isDirectory(p) ? name + "/" : name);
                tar.putArchiveEntry(e);
                if (Files.isRegularFile(p)) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return tarFile;
    }
}
