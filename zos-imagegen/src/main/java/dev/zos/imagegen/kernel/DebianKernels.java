package dev.zos.imagegen.kernel;

import dev.zos.core.ZosException;
import dev.zos.imagegen.os.Exec;
import dev.zos.imagegen.os.Trees;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.ar.ArArchiveEntry;
import org.apache.commons.compress.archivers.ar.ArArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Debian's {@code linux-image-amd64} through apt, checked against apt's recorded SHA-256 and unpacked
 * (vmlinuz and modules only) into {@code <cache>/kernels/<release>/}. Offline, the cache answers.
 */
public final class DebianKernels {
    private static final Pattern RELEASE = Pattern.compile("\\d+\\.\\d+\\.\\d+-\\d+(-cloud)?-amd64");
    private static final Pattern DEPENDS = Pattern.compile("linux-image-(\\d+\\.\\d+\\.\\d+-\\d+(?:-cloud)?-amd64)");
    private static final String META = "kernel.properties";

    private final Path cacheRoot;

    /** {@code cacheRoot} is {@code $XDG_CACHE_HOME/zos/kernels}. */
    public DebianKernels(Path cacheRoot) {
        this.cacheRoot = cacheRoot;
    }

    /**
     * The kernel of that release ({@code 6.1.0-50-amd64}), or apt's current {@code linux-image-amd64}
     * when {@code release} is null: from the cache when it is there, else downloaded and checked.
     */
    public Kernel fetch(String release) {
        if (release != null && !RELEASE.matcher(release).matches()) {
            throw ZosException.invalid("kernel version '" + release + "' is not a Debian kernel release like 6.1.0-50-amd64");
        }
        String wanted = release;
        if (wanted == null) {
            Optional<String> current = currentRelease();
            if (current.isEmpty()) {
                return newestCached().orElseThrow(() -> new ZosException(ZosException.Kind.UNAVAILABLE,
                        "apt knows no linux-image-amd64 and the kernel cache " + cacheRoot + " is empty; run apt-get update"));
            }
            wanted = current.get();
        }
        Optional<Kernel> cached = cached(wanted, Kernel.CACHE);
        if (cached.isPresent()) {
            return cached.get();
        }
        try {
            return download(wanted);
        } catch (ZosException e) {
            if (release == null && e.kind() == ZosException.Kind.UNAVAILABLE) {
                return newestCached().orElseThrow(() -> e);
            }
            throw e;
        }
    }

    /** The release apt's linux-image-amd64 points at (runs apt-get update once when apt knows nothing). */
    Optional<String> currentRelease() {
        Map<String, String> meta = aptShow("linux-image-amd64");
        if (meta.isEmpty()) {
            Exec.run(List.of("apt-get", "update", "-qq"));
            meta = aptShow("linux-image-amd64");
        }
        Matcher m = DEPENDS.matcher(meta.getOrDefault("Depends", ""));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static Map<String, String> aptShow(String pkg) {
        Map<String, String> fields = new HashMap<>();
        Exec.Result r;
        try {
            r = Exec.run(List.of("apt-cache", "show", "--no-all-versions", pkg));
        } catch (ZosException e) {
            return fields; // no apt on this machine
        }
        if (r.exitCode() != 0) {
            return fields;
        }
        for (String line : r.out().split("\n")) {
            if (line.isBlank()) {
                break; // first record only
            }
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith(" ")) {
                fields.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).strip());
            }
        }
        return fields;
    }

    private Kernel download(String release) {
        String pkg = "linux-image-" + release;
        Map<String, String> meta = aptShow(pkg);
        String sha = meta.get("SHA256");
        if (sha == null) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "apt has no record of " + pkg + " (run apt-get update, or pick another --version)");
        }
        try {
            Files.createDirectories(cacheRoot);
            Path tmp = Files.createTempDirectory(cacheRoot, ".download-");
            try {
                Exec.check(tmp, List.of("apt-get", "download", "-q", "-o", "APT::Sandbox::User=root", pkg));
                Path deb;
                try (Stream<Path> s = Files.list(tmp)) {
                    deb = s.filter(p -> p.toString().endsWith(".deb")).findFirst()
                            .orElseThrow(() -> new ZosException(ZosException.Kind.UNAVAILABLE, "apt-get download " + pkg + " wrote no .deb"));
                }
                String actual = sha256(deb);
                if (!actual.equalsIgnoreCase(sha)) {
                    throw ZosException.forbidden(deb.getFileName() + " has SHA-256 " + actual + " but apt recorded " + sha + "; refusing it");
                }
                Path staging = tmp.resolve("unpacked");
                int modules = unpack(deb, release, staging);
                Properties p = new Properties();
                p.setProperty("release", release);
                p.setProperty("packageVersion", meta.getOrDefault("Version", "?"));
                p.setProperty("sha256", actual);
                p.setProperty("modules", Integer.toString(modules));
                try (var w = Files.newBufferedWriter(staging.resolve(META))) {
                    p.store(w, null);
                }
                Path target = cacheRoot.resolve(release);
                Trees.delete(target);
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Trees.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + pkg + " into " + cacheRoot, e);
        }
        return cached(release, Kernel.DOWNLOADED).orElseThrow();
    }

    /** Extracts {@code boot/vmlinuz-*} and {@code lib/modules/**} from the .deb's data.tar.xz. */
    static int unpack(Path deb, String release, Path into) throws IOException {
        int modules = 0;
        Files.createDirectories(into);
        try (var ar = new ArArchiveInputStream(new BufferedInputStream(Files.newInputStream(deb)))) {
            ArArchiveEntry e;
            while ((e = ar.getNextEntry()) != null) {
                if (!e.getName().startsWith("data.tar")) {
                    continue;
                }
                if (!e.getName().equals("data.tar.xz")) {
                    throw ZosException.invalid(deb.getFileName() + " has " + e.getName() + "; only data.tar.xz is supported");
                }
                InputStream xz = new XZInputStream(new BufferedInputStream(ar, 1 << 16));
                var tar = new TarArchiveInputStream(xz);
                TarArchiveEntry t;
                while ((t = tar.getNextEntry()) != null) {
                    String name = t.getName().startsWith("./") ? t.getName().substring(2) : t.getName();
                    Path out;
                    if (name.equals("boot/vmlinuz-" + release)) {
                        out = into.resolve("vmlinuz");
                    } else if (name.startsWith("lib/modules/" + release + "/") && t.isFile()) {
                        out = into.resolve("modules").resolve(name.substring(("lib/modules/" + release + "/").length())).normalize();
                        if (!out.startsWith(into.resolve("modules"))) {
                            throw ZosException.invalid(deb.getFileName() + " holds an entry outside its folder: " + name);
                        }
                        if (ModuleIndex.moduleName(out.getFileName().toString()) != null) {
                            modules++;
                        }
                    } else {
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                }
                break;
            }
        }
        if (!Files.exists(into.resolve("vmlinuz"))) {
            throw ZosException.invalid(deb.getFileName() + " has no boot/vmlinuz-" + release);
        }
        return modules;
    }

    private Optional<Kernel> cached(String release, String source) {
        Path dir = cacheRoot.resolve(release);
        Path meta = dir.resolve(META);
        if (!Files.isRegularFile(meta)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (var r = Files.newBufferedReader(meta)) {
            p.load(r);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(new Kernel(release, p.getProperty("packageVersion"), p.getProperty("sha256"),
                dir.resolve("vmlinuz"), dir.resolve("modules"), Integer.parseInt(p.getProperty("modules", "0")), source));
    }

    private Optional<Kernel> newestCached() {
        if (!Files.isDirectory(cacheRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(cacheRoot)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve(META)))
                    .map(d -> d.getFileName().toString())
                    .max(Comparator.comparing(DebianKernels::versionKey))
                    .flatMap(r -> cached(r, Kernel.OFFLINE_CACHE));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String versionKey(String release) {
        StringBuilder sb = new StringBuilder();
        for (String part : release.split("[.-]")) {
            sb.append(part.matches("\\d+") ? String.format("%08d", Integer.parseInt(part)) : part).append('.');
        }
        return sb.toString();
    }

    static String sha256(Path file) throws IOException {
        try (var in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
