package dev.zos.imagegen.manifest;

import dev.zos.core.ZosException;
import dev.zos.imagegen.initramfs.FsTree;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The fingerprint of an initramfs: every regular file with its BLAKE2b-256 hash and size, every symlink
 * with its target, sorted by path. Its text form is what the release key signs; the node reads the same text.
 *
 * <pre>
 * zos-manifest 1
 * file &lt;blake2b-256 hex&gt; &lt;size&gt; &lt;path&gt;
 * link &lt;target&gt; &lt;path&gt;
 * </pre>
 */
public record Manifest(List<Entry> entries) {
    public static final String HEADER = "zos-manifest 1";
    public static final String PATH = "/etc/zos/manifest";
    public static final String SIGNATURE_PATH = "/etc/zos/manifest.sig";
    public static final String KEY_PATH = "/etc/zos/release.pub";

    /** One line: a file (hash and size) or a link (target). */
    public record Entry(String path, String hash, long size, String linkTarget) {
    }

    public Manifest {
        entries = List.copyOf(entries);
    }

    /** The manifest of every file and link of the tree, except the manifest, its signature and the key. */
    public static Manifest of(FsTree tree) {
        List<Entry> out = new ArrayList<>();
        for (Map.Entry<String, FsTree.Node> e : tree.nodes().entrySet()) {
            String p = e.getKey();
            if (p.equals(PATH) || p.equals(SIGNATURE_PATH) || p.equals(KEY_PATH)) {
                continue;
            }
            if (p.chars().anyMatch(c -> c <= ' ')) {
                throw ZosException.invalid("image path '" + p + "' holds white space; the manifest cannot name it");
            }
            switch (e.getValue()) {
                case FsTree.File f -> {
                    byte[] data = f.bytes();
                    out.add(new Entry(p, blake2b256(data), data.length, null));
                }
                case FsTree.Symlink s -> out.add(new Entry(p, null, 0, s.target()));
                default -> {
                }
            }
        }
        return new Manifest(out);
    }

    public byte[] toBytes() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Entry e : entries) {
            if (e.linkTarget() != null) {
                sb.append("link ").append(e.linkTarget()).append(' ').append(e.path()).append('\n');
            } else {
                sb.append("file ").append(e.hash()).append(' ').append(e.size()).append(' ').append(e.path()).append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static Manifest parse(byte[] text) {
        String[] lines = new String(text, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw ZosException.invalid("manifest does not start with '" + HEADER + "'");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            if (f.length == 4 && f[0].equals("file") && f[1].matches("[0-9a-f]{64}") && f[2].matches("\\d{1,15}")) {
                out.add(new Entry(f[3], f[1], Long.parseLong(f[2]), null));
            } else if (f.length == 3 && f[0].equals("link")) {
                out.add(new Entry(f[2], null, 0, f[1]));
            } else {
                throw ZosException.invalid("manifest line " + (i + 1) + " is malformed: " + lines[i]);
            }
        }
        return new Manifest(out);
    }

    public static String blake2b256(byte[] data) {
        var d = new Blake2bDigest(256);
        d.update(data, 0, data.length);
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return java.util.HexFormat.of().formatHex(out);
    }
}
