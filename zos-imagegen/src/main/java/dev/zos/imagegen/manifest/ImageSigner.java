package dev.zos.imagegen.manifest;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Ed25519;
import dev.zos.core.identity.TwinKey;
import dev.zos.imagegen.initramfs.FsTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Adds the signed manifest to a tree, and checks a tree against its manifest. */
public final class ImageSigner {
    private ImageSigner() {
    }

    /** Adds {@code /etc/zos/manifest}, its signature and the release public key to the tree. */
    public static Manifest sign(FsTree tree, TwinKey releaseKey) {
        Manifest m = Manifest.of(tree);
        byte[] text = m.toBytes();
        tree.file(Manifest.PATH, 0444, text);
        tree.file(Manifest.SIGNATURE_PATH, 0444, (HexFormat.of().formatHex(releaseKey.sign(text)) + "\n").getBytes(StandardCharsets.US_ASCII));
        tree.file(Manifest.KEY_PATH, 0444, (releaseKey.publicKeyHex() + "\n").getBytes(StandardCharsets.US_ASCII));
        return m;
    }

    /** What {@link #verify} found: the problems, one line each; empty when the image is intact. */
    public record Report(int files, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * Checks the signature (with {@code trustedKey}, or the key inside the image when null), every listed
     * file's hash and size, every link, and that no file is unlisted.
     */
    public static Report verify(FsTree tree, byte[] trustedKey) {
        List<String> problems = new ArrayList<>();
        byte[] text = bytes(tree, Manifest.PATH);
        byte[] sigFile = bytes(tree, Manifest.SIGNATURE_PATH);
        byte[] key = trustedKey != null ? trustedKey : HexFormat.of().parseHex(new String(bytes(tree, Manifest.KEY_PATH), StandardCharsets.US_ASCII).strip());
        byte[] embedded = tree.get(Manifest.KEY_PATH) instanceof FsTree.File f ? f.bytes() : null;
        if (trustedKey != null && embedded != null
                && !HexFormat.of().formatHex(trustedKey).equals(new String(embedded, StandardCharsets.US_ASCII).strip())) {
            problems.add(Manifest.KEY_PATH + ": image carries a different release key than the one given");
        }
        byte[] sig;
        try {
            sig = HexFormat.of().parseHex(new String(sigFile, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            sig = new byte[0];
        }
        if (!Ed25519.verify(key, text, sig)) {
            problems.add(Manifest.PATH + ": signature does not verify with release key " + HexFormat.of().formatHex(key));
            return new Report(0, problems);
        }
        Manifest m = Manifest.parse(text);
        var listed = new java.util.HashSet<String>();
        for (Manifest.Entry e : m.entries()) {
            listed.add(e.path());
            FsTree.Node n = tree.get(e.path());
            if (e.linkTarget() != null) {
                if (!(n instanceof FsTree.Symlink s) || !s.target().equals(e.linkTarget())) {
                    problems.add(e.path() + ": link missing or pointing elsewhere");
                }
            } else if (!(n instanceof FsTree.File f)) {
                problems.add(e.path() + ": missing");
            } else {
                byte[] data = f.bytes();
                if (data.length != e.size() || !Manifest.blake2b256(data).equals(e.hash())) {
                    problems.add(e.path() + ": BLAKE2b-256 mismatch (content changed)");
                }
            }
        }
        for (Map.Entry<String, FsTree.Node> e : tree.nodes().entrySet()) {
            String p = e.getKey();
            boolean manifestFile = p.equals(Manifest.PATH) || p.equals(Manifest.SIGNATURE_PATH) || p.equals(Manifest.KEY_PATH);
            if (!manifestFile && (e.getValue() instanceof FsTree.File || e.getValue() instanceof FsTree.Symlink) && !listed.contains(p)) {
                problems.add(p + ": not in the manifest");
            }
        }
        return new Report(m.entries().size(), List.copyOf(problems));
    }

    private static byte[] bytes(FsTree tree, String path) {
        if (tree.get(path) instanceof FsTree.File f) {
            return f.bytes();
        }
        throw ZosException.forbidden("image has no " + path + "; it was not built by zos-imagegen or was stripped");
    }
}
