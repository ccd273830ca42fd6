package dev.zos.imagegen.runtime;

import dev.zos.core.identity.TwinKey;
import dev.zos.imagegen.initramfs.FsTree;
import dev.zos.imagegen.manifest.ImageSigner;
import dev.zos.imagegen.os.Exec;
import dev.zos.imagegen.os.Trees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * The agent's AOT cache (JDK 25, JEP 483/514): its classes loaded and linked ahead, made at build time by a training
 * run of {@code zos-node boot --once} on the image's own Java runtime and jars, and kept in the image as
 * {@link #IMAGE_PATH}, where /init passes {@code -XX:AOTCache} instead of the runtime's base CDS archive (which it then
 * replaces). Under TCG a class loaded from a jar costs milliseconds; from the cache, next to nothing.
 *
 * <p>The JVM accepts a cache only for the same runtime, class path (relocated is fine), jar sizes and modification
 * times, and flags: the training copies the jars with the image's one time and runs with {@link #JVM_FLAGS}, which
 * init.c passes too. A training run is not byte-reproducible, so the result is cached under
 * {@code <cache>/aot/<key>/} (key: runtime, jars, flags, time) and reused: builds on one machine give identical images,
 * builds on two machines differ in this file only.
 */
public final class AotCache {
    public static final String IMAGE_PATH = "/usr/lib/zos/agent.aot";
    /** The base CDS archive the cache replaces. */
    public static final String BASE_ARCHIVE = "/usr/lib/jvm/lib/server/classes.jsa";
    /** PID 1's JVM options that the cache depends on; init.c passes exactly these (a test checks it). */
    public static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.home=/root",
            "--enable-native-access=ALL-UNNAMED");
    static final String MAIN = "dev.zos.node.NodeMain";
    /** Bump when the training changes. */
    static final String VERSION = "1";

    private AotCache() {
    }

    /**
     * The cache for this runtime and agent (trained now or found in the cache), or empty when the agent has no
     * zos-node main class to train (a stand-in agent) or the runtime is older than JDK 25.
     */
    public static Optional<Path> of(Path runtime, AgentBundle agent, Path cacheRoot, long mtime) {
        if (!trainable(runtime, agent)) {
            return Optional.empty();
        }
        Hashing key = new Hashing().add(VERSION).add(runtime.toString()).add(runtime.resolve("release"))
                .add(runtime.resolve("lib/server/libjvm.so")).add(String.join(" ", JVM_FLAGS)).add(Long.toString(mtime)).add(agent.jar());
        for (Path lib : agent.libs()) {
            key.add(lib.getFileName().toString()).add(lib);
        }
        Path dir = cacheRoot.resolve("aot").resolve(key.hex());
        Path aot = dir.resolve("agent.aot");
        if (Files.isRegularFile(aot)) {
            return Optional.of(aot);
        }
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        try {
            Trees.delete(tmp);
            Path zos = tmp.resolve("usr/lib/zos");
            Files.createDirectories(zos.resolve("lib"));
            FileTime time = FileTime.from(mtime, TimeUnit.SECONDS);
            copy(agent.jar(), zos.resolve(AgentBundle.JAR), time);
            for (Path lib : agent.libs()) {
                copy(lib, zos.resolve("lib").resolve(lib.getFileName()), time);
            }
            Path root = trainingRoot(tmp.resolve("root"));
            Path cmdline = tmp.resolve("cmdline");
            Files.writeString(cmdline, "quiet farmer_id=1 runmode=dev\n");
            List<String> cmd = new ArrayList<>(List.of(runtime.resolve("bin/java").toString(), "-XX:AOTCacheOutput=" + tmp.resolve("agent.aot"),
                    "-Xlog:aot=off", "-Xlog:cds=off"));
            cmd.addAll(JVM_FLAGS);
            cmd.addAll(List.of("-cp", zos.resolve(AgentBundle.JAR).toString(), MAIN, "boot", "--once", "--root", root.toString(),
                    "--cmdline", cmdline.toString()));
            Exec.Result r = Exec.run(tmp, Map.of(), cmd);
            if (r.exitCode() != 0 || !Files.isRegularFile(tmp.resolve("agent.aot"))) {
                throw new dev.zos.core.ZosException(dev.zos.core.ZosException.Kind.INTERNAL, "the agent's AOT training run failed (exit "
                        + r.exitCode() + "): " + (r.err().isBlank() ? r.out() : r.err()).strip());
            }
            Files.createDirectories(dir);
            Files.move(tmp.resolve("agent.aot"), aot.resolveSibling("agent.aot.tmp"), StandardCopyOption.REPLACE_EXISTING);
            Files.move(aot.resolveSibling("agent.aot.tmp"), aot, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(aot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the agent's AOT cache under " + dir, e);
        } finally {
            try {
                Trees.delete(tmp);
            } catch (IOException e) {
                // a leftover training folder is deleted by the next training
            }
        }
    }

    /** Adds the cache to the tree in place of the base CDS archive. */
    public static void install(FsTree tree, Path aot) {
        tree.file(IMAGE_PATH, 0644, aot);
        tree.remove(BASE_ARCHIVE);
    }

    static boolean trainable(Path runtime, AgentBundle agent) {
        try (ZipFile z = new ZipFile(agent.jar().toFile())) {
            if (z.getEntry(MAIN.replace('.', '/') + ".class") == null) {
                return false;
            }
            String release = Files.readString(runtime.resolve("release"));
            var m = java.util.regex.Pattern.compile("JAVA_VERSION=\"(\\d+)").matcher(release);
            return m.find() && Integer.parseInt(m.group(1)) >= 25;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + agent.jar() + " or " + runtime.resolve("release"), e);
        }
    }

    private static void copy(Path from, Path to, FileTime time) throws IOException {
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, time);
    }

    /** A tiny image signed by a throwaway key: the training runs the same check as a boot, on one file. */
    static Path trainingRoot(Path root) throws IOException {
        byte[] seed = new byte[32];
        Arrays.fill(seed, (byte) 7);
        FsTree t = new FsTree();
        t.file("/etc/os-release", 0644, "NAME=\"Zero-OS\"\nID=zos\n".getBytes(StandardCharsets.UTF_8));
        ImageSigner.sign(t, TwinKey.fromSeed(seed));
        for (var e : t.nodes().entrySet()) {
            if (e.getValue() instanceof FsTree.File f) {
                Path p = root.resolve(e.getKey().substring(1));
                Files.createDirectories(p.getParent());
                Files.write(p, f.bytes());
            }
        }
        return root;
    }
}
