package dev.zos.imagegen.runtime;

import dev.zos.imagegen.os.Trees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * The agent's jars as the image carries them, made from the {@link AgentBundle} Maven built and cached under
 * {@code <cache>/agent-jars/<key>/} (key: the input jars and {@link #VERSION}). Every byte here is unpacked by the
 * kernel, hashed by the manifest check and searched by the class loader under TCG, so:
 * <ul>
 * <li>jars holding only {@link #LEFT_OUT_PACKAGES} are left out (the AWS SDK, which zos-flist needs for s3:// stores
 * only: a node never opens one, and zos-flist says so clearly if an flist routes to one);</li>
 * <li>jars of {@link #SHRUNK_PACKAGES} keep only the classes the agent reaches;</li>
 * <li>native libraries for other systems than Linux x86-64 with glibc are dropped (sqlite-jdbc, zstd-jni,
 * snappy-java and jffi carry a dozen platforms each: 20 MB of the 50);</li>
 * <li>signatures are dropped and the manifests keep their main section only (a signed jar is verified entry by
 * entry as classes load; bcprov's manifest alone lists a digest per class);</li>
 * <li>entries are re-stored uncompressed, so the initramfs compressor sees the class files across jars (zstd over
 * stored classes beats deflate per entry) and the class loader does not inflate them;</li>
 * <li>zos-node.jar's Class-Path names the kept jars only.</li>
 * </ul>
 * The output is a function of the input bytes only (sorted entries, one fixed time), so images stay reproducible.
 */
public final class ImageJars {
    /** Bump when the transformation changes, so cached results are remade. */
    static final String VERSION = "3";
    /** Packages of jars the image leaves out when a jar holds nothing else. */
    public static final List<String> LEFT_OUT_PACKAGES = List.of("software/amazon/", "org/reactivestreams/");
    /**
     * Packages of jars the image shrinks to the classes the rest of the agent reaches (following every class name in
     * their class files, as text). Only for libraries used through plain calls, never looked up by computed names:
     * the agent uses Bouncy Castle's lightweight API (Ed25519, BLAKE2b, curves), not its JCA provider, and reaches
     * about a tenth of bcprov's 13 MB.
     */
    public static final List<String> SHRUNK_PACKAGES = List.of("org/bouncycastle/");
    private static final java.util.regex.Pattern CLASS_NAME = java.util.regex.Pattern.compile("org[/.]bouncycastle[/.][A-Za-z0-9_$/.]+");
    private static final Set<String> NATIVE_SUFFIXES = Set.of(".so", ".dll", ".dylib", ".jnilib", ".a");
    private static final LocalDateTime TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private ImageJars() {
    }

    /** The slimmed bundle (cached), with the same layout as Maven's: {@code zos-node.jar} and {@code lib/}. */
    public static AgentBundle slim(AgentBundle agent, Path cacheRoot) {
        Hashing key = new Hashing().add(VERSION).add(agent.jar());
        for (Path lib : agent.libs()) {
            key.add(lib.getFileName().toString()).add(lib);
        }
        Path dir = cacheRoot.resolve("agent-jars").resolve(key.hex());
        if (Files.isRegularFile(dir.resolve(AgentBundle.JAR))) {
            return AgentBundle.in(dir);
        }
        try {
            Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
            Trees.delete(tmp);
            Files.createDirectories(tmp.resolve("lib"));
            List<Path> libs = new ArrayList<>();
            for (Path lib : agent.libs()) {
                if (!onlyLeftOutPackages(lib)) {
                    libs.add(lib);
                }
            }
            List<Path> shrunk = new ArrayList<>();
            List<Path> roots = new ArrayList<>(List.of(agent.jar()));
            for (Path lib : libs) {
                (onlyPackages(lib, SHRUNK_PACKAGES) ? shrunk : roots).add(lib);
            }
            Set<String> reached = reachable(roots, shrunk);
            List<String> kept = new ArrayList<>();
            for (Path lib : libs) {
                Files.write(tmp.resolve("lib").resolve(lib.getFileName()), rewrite(lib, null, shrunk.contains(lib) ? reached : null));
                kept.add("lib/" + lib.getFileName());
            }
            Files.write(tmp.resolve(AgentBundle.JAR), rewrite(agent.jar(), kept, null));
            Trees.delete(dir);
            Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            return AgentBundle.in(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the agent's jars for the image under " + dir, e);
        }
    }

    /** True when every class of the jar is in one of {@link #LEFT_OUT_PACKAGES}. */
    static boolean onlyLeftOutPackages(Path jar) throws IOException {
        return onlyPackages(jar, LEFT_OUT_PACKAGES);
    }

    /** True when the jar has classes and every one is in one of {@code packages}. */
    static boolean onlyPackages(Path jar, List<String> packages) throws IOException {
        boolean anyClass = false;
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                String n = e.getName();
                if (n.endsWith(".class") && !n.endsWith("module-info.class")) {
                    anyClass = true;
                    String plain = n.startsWith("META-INF/versions/") ? n.replaceFirst("^META-INF/versions/\\d+/", "") : n;
                    if (packages.stream().noneMatch(plain::startsWith)) {
                        return false;
                    }
                }
            }
        }
        return anyClass;
    }

    /**
     * The classes (internal names) of the {@code shrunk} jars that the {@code roots} jars reach, directly or through
     * each other: every {@link #SHRUNK_PACKAGES} name in a class file counts (constant pool, descriptors, strings).
     */
    static Set<String> reachable(List<Path> roots, List<Path> shrunk) throws IOException {
        java.util.Map<String, List<byte[]>> classes = new java.util.HashMap<>();
        for (Path jar : shrunk) {
            try (ZipFile z = new ZipFile(jar.toFile())) {
                for (ZipEntry e : z.stream().toList()) {
                    String n = e.getName();
                    if (n.endsWith(".class")) {
                        String plain = n.replaceFirst("^META-INF/versions/\\d+/", "");
                        try (InputStream in = z.getInputStream(e)) {
                            classes.computeIfAbsent(plain.substring(0, plain.length() - 6), k -> new ArrayList<>()).add(in.readAllBytes());
                        }
                    }
                }
            }
        }
        java.util.Set<String> reached = new java.util.TreeSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        for (Path jar : roots) {
            try (ZipFile z = new ZipFile(jar.toFile())) {
                for (ZipEntry e : z.stream().toList()) {
                    if (e.getName().endsWith(".class")) {
                        try (InputStream in = z.getInputStream(e)) {
                            names(in.readAllBytes(), todo);
                        }
                    }
                }
            }
        }
        while (!todo.isEmpty()) {
            String c = todo.poll();
            List<byte[]> files = classes.get(c);
            if (files != null && reached.add(c)) {
                files.forEach(f -> names(f, todo));
            }
        }
        return reached;
    }

    /** Adds every class name of {@link #SHRUNK_PACKAGES} written in the class file (slashed or dotted) to {@code out}. */
    private static void names(byte[] classFile, java.util.Collection<String> out) {
        var m = CLASS_NAME.matcher(new String(classFile, java.nio.charset.StandardCharsets.ISO_8859_1));
        while (m.find()) {
            String name = m.group().replace('.', '/');
            out.add(name.endsWith("/class") ? name.substring(0, name.length() - 6) : name);
        }
    }

    /** True for a native library of another system than Linux x86-64 with glibc (judged by its folder names). */
    static boolean foreignNative(String entry) {
        int dot = entry.lastIndexOf('.');
        if (dot < 0 || !NATIVE_SUFFIXES.contains(entry.substring(dot).toLowerCase(Locale.ROOT))) {
            return false;
        }
        List<String> words = Arrays.asList(entry.toLowerCase(Locale.ROOT).split("[/-]"));
        boolean linux = words.contains("linux");
        boolean x64 = words.contains("x86_64") || words.contains("amd64");
        return !(linux && x64) || words.contains("musl") || words.contains("android");
    }

    static boolean signature(String entry) {
        String n = entry.toUpperCase(Locale.ROOT);
        return n.startsWith("META-INF/") && n.indexOf('/', "META-INF/".length()) < 0
                && (n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA") || n.endsWith(".EC") || n.startsWith("META-INF/SIG-"));
    }

    /**
     * The jar's kept entries, stored, sorted, at one time; {@code classPath} (the kept jars) filters the manifest's
     * Class-Path when given; {@code onlyClasses} (internal names), when given, are the only classes kept.
     */
    static byte[] rewrite(Path jar, List<String> classPath, Set<String> onlyClasses) throws IOException {
        var out = new ByteArrayOutputStream();
        try (ZipFile z = new ZipFile(jar.toFile()); var zip = new ZipOutputStream(out)) {
            zip.setMethod(ZipOutputStream.STORED);
            List<ZipEntry> entries = new ArrayList<>(z.stream().toList());
            // the manifest stays first (JarInputStream looks for it there), the rest in name order
            entries.sort((a, b) -> {
                int ra = rank(a.getName());
                int rb = rank(b.getName());
                return ra != rb ? Integer.compare(ra, rb) : a.getName().compareTo(b.getName());
            });
            Set<String> keptPackages = new java.util.HashSet<>();
            if (onlyClasses != null) {
                onlyClasses.forEach(c -> keptPackages.add(c.substring(0, Math.max(0, c.lastIndexOf('/')))));
            }
            String last = null;
            for (ZipEntry e : entries) {
                String n = e.getName();
                if (n.equals(last) || foreignNative(n) || signature(n)) {
                    continue;
                }
                if (onlyClasses != null && n.endsWith("module-info.class")) {
                    continue; // it would export packages the shrunk jar no longer has (the class path ignores it anyway)
                }
                if (onlyClasses != null && n.endsWith(".class")) {
                    String plain = n.replaceFirst("^META-INF/versions/\\d+/", "");
                    if (!onlyClasses.contains(plain.substring(0, plain.length() - 6))) {
                        continue;
                    }
                } else if (onlyClasses != null && !n.startsWith("META-INF/")
                        && (n.endsWith("/") || !keptPackages.contains(n.substring(0, Math.max(0, n.lastIndexOf('/')))))) {
                    continue; // folders, and resources of packages no kept class is in
                }
                last = n;
                byte[] data;
                try (InputStream in = z.getInputStream(e)) {
                    data = in.readAllBytes();
                }
                if (n.equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    data = mainSection(data, classPath);
                }
                ZipEntry o = new ZipEntry(n);
                o.setMethod(ZipEntry.STORED);
                o.setTimeLocal(TIME);
                o.setSize(data.length);
                o.setCompressedSize(data.length);
                CRC32 crc = new CRC32();
                crc.update(data);
                o.setCrc(crc.getValue());
                zip.putNextEntry(o);
                zip.write(data);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static int rank(String name) {
        if (name.equalsIgnoreCase("META-INF/")) {
            return 0;
        }
        return name.equalsIgnoreCase("META-INF/MANIFEST.MF") ? 1 : 2;
    }

    /** The manifest's main attributes only (no per-entry digests), its Class-Path filtered to {@code classPath} when given. */
    static byte[] mainSection(byte[] manifest, List<String> classPath) throws IOException {
        Manifest in = new Manifest(new ByteArrayInputStream(manifest));
        Manifest out = new Manifest();
        out.getMainAttributes().putAll(in.getMainAttributes());
        String cp = out.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        if (classPath != null && cp != null) {
            // the original order (it decides which jar wins for a class), without the jars left out
            List<String> kept = Arrays.stream(cp.trim().split("\\s+")).filter(classPath::contains).toList();
            if (kept.isEmpty()) {
                out.getMainAttributes().remove(Attributes.Name.CLASS_PATH);
            } else {
                out.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", kept));
            }
        }
        var bytes = new ByteArrayOutputStream();
        out.write((OutputStream) bytes);
        return bytes.toByteArray();
    }
}
