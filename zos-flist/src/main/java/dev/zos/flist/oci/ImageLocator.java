package dev.zos.flist.oci;

import dev.zos.core.ZosException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Finds the image to convert in an archive: an OCI image layout ({@code index.json}, nested indexes followed) or a
 * {@code docker save} tarball ({@code manifest.json}). Every document read is checked against its digest.
 * When the archive holds several images, the wanted ref and platform (default {@code linux/amd64}) choose one.
 */
final class ImageLocator {

    static final int MAX_DOC = 4 << 20;
    private static final int MAX_DEPTH = 4;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INDEX_TYPES = Set.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final Set<String> MANIFEST_TYPES = Set.of("application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Set<String> CONFIG_TYPES = Set.of("application/vnd.oci.image.config.v1+json",
            "application/vnd.docker.container.image.v1+json");
    private static final Pattern BLOB_PATH = Pattern.compile("^(?:\\./)?blobs/(sha256|sha512)/([0-9a-f]+)$");
    private static final Pattern LEGACY_CONFIG = Pattern.compile("^(?:\\./)?([0-9a-f]{64})\\.json$");

    private final ImageArchive archive;

    private ImageLocator(ImageArchive archive) {
        this.archive = archive;
    }

    /** A manifest found in the archive, before the choice. */
    private record Candidate(String ref, Platform platform, ResolvedImage image) {
    }

    static ResolvedImage locate(ImageArchive archive, String wantRef, Platform wantPlatform) {
        ImageLocator l = new ImageLocator(archive);
        try {
            List<Candidate> all;
            if (archive.exists("index.json")) {
                all = l.fromIndex();
            } else if (archive.exists("manifest.json")) {
                all = l.fromDockerSave();
            } else {
                throw ZosException.invalid(archive.name() + " has neither index.json (OCI image layout) nor"
                        + " manifest.json (docker save)");
            }
            return choose(archive, all, wantRef, wantPlatform);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read " + archive.name() + ": " + e.getMessage(), e);
        }
    }

    private static ResolvedImage choose(ImageArchive archive, List<Candidate> all, String wantRef, Platform wantPlatform) {
        if (all.isEmpty()) {
            throw ZosException.invalid(archive.name() + " holds no container image manifest");
        }
        List<Candidate> c = all;
        if (wantRef != null && !wantRef.isBlank()) {
            c = c.stream().filter(x -> refMatches(x.ref(), wantRef)).toList();
            if (c.isEmpty()) {
                throw ZosException.notFound(archive.name() + " has no image '" + wantRef + "'; it has: " + listing(all));
            }
        }
        if (c.size() > 1 || wantPlatform != null) {
            Platform p = wantPlatform != null ? wantPlatform : Platform.DEFAULT;
            List<Candidate> byPlatform = c.stream().filter(x -> p.accepts(x.platform())).toList();
            if (byPlatform.isEmpty()) {
                throw ZosException.notFound(archive.name() + " has no image for platform " + p
                        + (wantPlatform == null ? " (the default; choose one with --platform)" : "") + "; it has: "
                        + listing(c));
            }
            c = byPlatform;
        }
        if (c.size() > 1) {
            throw ZosException.invalid(archive.name() + " holds " + c.size() + " images for this platform: choose one"
                    + " with --ref (" + listing(c) + ")");
        }
        return c.get(0).image();
    }

    private static boolean refMatches(String ref, String want) {
        if (ref.isEmpty()) {
            return false;
        }
        for (String r : ref.split(" ")) {
            if (r.equals(want) || r.endsWith("/" + want) || (!want.contains(":") && (r.equals(want + ":latest")
                    || r.endsWith("/" + want + ":latest")))) {
                return true;
            }
        }
        return false;
    }

    private static String listing(List<Candidate> c) {
        Set<String> out = new LinkedHashSet<>();
        for (Candidate x : c) {
            out.add((x.ref().isEmpty() ? "(no name)" : x.ref()) + " " + x.platform());
        }
        return String.join(", ", out);
    }

    // ---- OCI image layout ----

    private List<Candidate> fromIndex() throws IOException {
        JsonNode index = json(archive.readSmall("index.json", MAX_DOC), "index.json");
        List<Candidate> out = new ArrayList<>();
        walkIndex(index, "index.json", "", 0, out);
        return out;
    }

    private void walkIndex(JsonNode index, String what, String inheritedRef, int depth, List<Candidate> out)
            throws IOException {
        JsonNode manifests = index.path("manifests");
        if (!manifests.isArray()) {
            throw ZosException.invalid(archive.name() + ": " + what + " has no manifests list");
        }
        for (int i = 0; i < manifests.size(); i++) {
            JsonNode d = manifests.get(i);
            String dwhat = what + " manifests[" + i + "]";
            JsonNode ann = d.path("annotations");
            if ("attestation-manifest".equals(ann.path("vnd.docker.reference.type").asText())) {
                continue;
            }
            String ref = refOf(ann, inheritedRef);
            Digest digest = Digest.parse(d.path("digest").asText(null), archive.name() + ": " + dwhat);
            String declared = d.path("mediaType").asText("");
            if (!declared.isEmpty() && !INDEX_TYPES.contains(declared) && !MANIFEST_TYPES.contains(declared)) {
                continue; // an artifact or a signature, not an image
            }
            JsonNode doc = blobJson(digest, d.path("size").asLong(-1), dwhat);
            String type = declared.isEmpty() ? doc.path("mediaType").asText("") : declared;
            if (INDEX_TYPES.contains(type) || (type.isEmpty() && doc.has("manifests"))) {
                if (depth >= MAX_DEPTH) {
                    throw ZosException.invalid(archive.name() + ": indexes nested deeper than " + MAX_DEPTH);
                }
                walkIndex(doc, "index " + digest, ref, depth + 1, out);
            } else if (MANIFEST_TYPES.contains(type) || (type.isEmpty() && doc.has("layers"))) {
                ResolvedImage img = fromManifest(doc, digest, ref);
                JsonNode p = d.path("platform");
                Platform platform = p.isObject() ? new Platform(p.path("os").asText(), p.path("architecture").asText(),
                        p.path("variant").asText()) : img.platform();
                if (platform.os().equals("unknown") && platform.architecture().equals("unknown")) {
                    continue;
                }
                out.add(new Candidate(ref, platform, img));
            }
        }
    }

    private static String refOf(JsonNode ann, String inherited) {
        List<String> names = new ArrayList<>();
        for (String key : List.of("io.containerd.image.name", "org.opencontainers.image.ref.name")) {
            String v = ann.path(key).asText("");
            if (!v.isEmpty() && !names.contains(v)) {
                names.add(v);
            }
        }
        return names.isEmpty() ? inherited : String.join(" ", names);
    }

    private ResolvedImage fromManifest(JsonNode m, Digest digest, String ref) throws IOException {
        String what = "manifest " + digest;
        JsonNode cd = m.path("config");
        String configType = cd.path("mediaType").asText("");
        if (!configType.isEmpty() && !CONFIG_TYPES.contains(configType)) {
            throw ZosException.invalid(archive.name() + ": " + what + " is not a container image (its config is "
                    + configType + ")");
        }
        Digest configDigest = Digest.parse(cd.path("digest").asText(null), archive.name() + ": " + what + " config");
        ImageConfig config = ImageConfig.parse(blobJson(configDigest, cd.path("size").asLong(-1), what + " config"),
                archive.name() + ": config " + configDigest);
        JsonNode layers = m.path("layers");
        if (!layers.isArray()) {
            throw ZosException.invalid(archive.name() + ": " + what + " has no layers list");
        }
        List<ResolvedImage.Layer> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            JsonNode l = layers.get(i);
            Digest ld = Digest.parse(l.path("digest").asText(null), archive.name() + ": " + what + " layer " + (i + 1));
            out.add(new ResolvedImage.Layer(i, ld.blobPath(), ld, l.path("size").asLong(-1), diffId(config, i, layers.size()),
                    l.path("mediaType").asText("")));
        }
        return new ResolvedImage(firstRef(ref), digest, config.platform(), config, out);
    }

    private static Digest diffId(ImageConfig config, int i, int layerCount) {
        return config.diffIds().size() == layerCount ? config.diffIds().get(i) : null;
    }

    private static String firstRef(String ref) {
        int sp = ref.indexOf(' ');
        return sp < 0 ? ref : ref.substring(0, sp);
    }

    // ---- docker save ----

    private List<Candidate> fromDockerSave() throws IOException {
        JsonNode manifest = json(archive.readSmall("manifest.json", MAX_DOC), "manifest.json");
        if (!manifest.isArray()) {
            throw ZosException.invalid(archive.name() + ": manifest.json is not a list");
        }
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < manifest.size(); i++) {
            JsonNode e = manifest.get(i);
            String what = "manifest.json[" + i + "]";
            String configPath = ImageArchive.relative(e.path("Config").asText(""), archive.name() + ": " + what + " Config");
            Digest configDigest = digestFromPath(configPath);
            if (configDigest == null) {
                throw ZosException.invalid(archive.name() + ": " + what + " Config '" + configPath
                        + "' is not named by its digest, so it cannot be verified");
            }
            JsonNode cfgJson = verifiedJson(configPath, configDigest, -1, what + " config");
            ImageConfig config = ImageConfig.parse(cfgJson, archive.name() + ": config " + configPath);
            List<String> tags = new ArrayList<>();
            e.path("RepoTags").forEach(t -> tags.add(t.asText()));
            JsonNode layers = e.path("Layers");
            List<ResolvedImage.Layer> out2 = new ArrayList<>();
            for (int j = 0; j < layers.size(); j++) {
                String p = ImageArchive.relative(layers.get(j).asText(""), archive.name() + ": " + what + " Layers[" + j + "]");
                Digest d = digestFromPath(p);
                Digest diff = diffId(config, j, layers.size());
                if (d == null && diff == null) {
                    throw ZosException.invalid(archive.name() + ": " + what + " layer " + p + " has no digest to verify"
                            + " (the config's rootfs.diff_ids do not match the layer count)");
                }
                out2.add(new ResolvedImage.Layer(j, p, d, -1, diff, ""));
            }
            String ref = String.join(" ", tags);
            out.add(new Candidate(ref, config.platform(), new ResolvedImage(firstRef(ref), null, config.platform(),
                    config, out2)));
        }
        return out;
    }

    private static Digest digestFromPath(String path) {
        Matcher m = BLOB_PATH.matcher(path);
        if (m.matches()) {
            return Digest.parse(m.group(1) + ":" + m.group(2), path);
        }
        m = LEGACY_CONFIG.matcher(path);
        return m.matches() ? Digest.parse("sha256:" + m.group(1), path) : null;
    }

    // ---- documents ----

    private JsonNode blobJson(Digest digest, long size, String what) throws IOException {
        return verifiedJson(digest.blobPath(), digest, size, what);
    }

    private JsonNode verifiedJson(String path, Digest digest, long size, String what) throws IOException {
        if (!archive.exists(path)) {
            throw ZosException.notFound(archive.name() + " lacks " + what + " (" + path + ")");
        }
        if (archive.size(path) > MAX_DOC) {
            throw ZosException.invalid(archive.name() + ": " + what + " is larger than " + MAX_DOC + " bytes");
        }
        byte[] bytes;
        try (InputStream raw = archive.open(path);
             VerifyingInputStream in = new VerifyingInputStream(raw, digest, size, archive.name() + ": " + what)) {
            bytes = in.readAllBytes();
            in.verify();
        }
        return json(bytes, what);
    }

    private JsonNode json(byte[] bytes, String what) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw ZosException.invalid(archive.name() + ": " + what + " is not valid JSON (" + e.getMessage() + ")");
        }
    }
}
