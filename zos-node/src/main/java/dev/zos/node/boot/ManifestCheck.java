package dev.zos.node.boot;

import dev.zos.core.identity.Ed25519;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Checks the running image against its signed manifest before anything else starts: the signature of
 * {@code /etc/zos/manifest} with the release key, then every file's BLAKE2b-256 hash and size, every link,
 * and that no file outside the kernel file systems is unlisted. The format is zos-imagegen's ({@code zos-manifest 1}).
 */
public final class ManifestCheck {
    static final String MANIFEST = "etc/zos/manifest";
    static final String SIGNATURE = "etc/zos/manifest.sig";
    public static final String KEY = "etc/zos/release.pub";
    private static final Set<String> SKIP = Set.of("proc", "sys", "dev", "run", "tmp");

    private ManifestCheck() {
    }

    /** The outcome: files checked and one line per problem (empty when the image is intact). */
    public record Result(int files, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Result check(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        byte[] text;
        byte[] key;
        byte[] sig;
        try {
            text = Files.readAllBytes(root.resolve(MANIFEST));
            key = HexFormat.of().parseHex(Files.readString(root.resolve(KEY), StandardCharsets.US_ASCII).strip());
            sig = HexFormat.of().parseHex(Files.readString(root.resolve(SIGNATURE), StandardCharsets.US_ASCII).strip());
        } catch (IOException | IllegalArgumentException e) {
            return new Result(0, List.of("/" + MANIFEST + ": manifest, signature or release key missing or unreadable"));
        }
        if (!Ed25519.verify(key, text, sig)) {
            return new Result(0, List.of("/" + MANIFEST + ": signature does not verify with release key " + HexFormat.of().formatHex(key)));
        }
        String[] lines = new String(text, StandardCharsets.UTF_8).split("\n");
        if (lines.length == 0 || !lines[0].equals("zos-manifest 1")) {
            return new Result(0, List.of("/" + MANIFEST + ": unknown manifest format"));
        }
        Set<String> listed = new HashSet<>();
        int files = 0;
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            if (f.length == 4 && f[0].equals("file")) {
                files++;
                listed.add(f[3]);
                Path p = root.resolve(f[3].substring(1));
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    problems.add(f[3] + ": missing");
                } else if (Files.size(p) != Long.parseLong(f[2]) || !blake2b256(p).equals(f[1])) {
                    problems.add(f[3] + ": BLAKE2b-256 mismatch (content changed)");
                }
            } else if (f.length == 3 && f[0].equals("link")) {
                listed.add(f[2]);
                Path p = root.resolve(f[2].substring(1));
                if (!Files.isSymbolicLink(p) || !Files.readSymbolicLink(p).toString().equals(f[1])) {
                    problems.add(f[2] + ": link missing or pointing elsewhere");
                }
            } else {
                problems.add("/" + MANIFEST + ": line " + (i + 1) + " is malformed");
            }
        }
        Set<String> own = Set.of("/" + MANIFEST, "/" + SIGNATURE, "/" + KEY);
        try (Stream<Path> all = Files.walk(root)) {
            all.filter(p -> !p.equals(root) && !SKIP.contains(root.relativize(p).getName(0).toString()))
                    .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(p))
                    .map(p -> "/" + root.relativize(p))
                    .filter(p -> !listed.contains(p) && !own.contains(p))
                    .sorted()
                    .forEach(p -> problems.add(p + ": not in the manifest"));
        }
        return new Result(files, List.copyOf(problems));
    }

    static String blake2b256(Path file) throws IOException {
        var d = new Blake2bDigest(256);
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                d.update(buf, 0, n);
            }
        }
        byte[] out = new byte[32];
        d.doFinal(out, 0);
        return HexFormat.of().formatHex(out);
    }
}
