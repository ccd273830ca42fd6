package dev.zos.grid.boot;

import dev.zos.core.ZosException;
import dev.zos.imagegen.build.BootArtifacts;
import dev.zos.imagegen.build.BuildRequest;
import dev.zos.imagegen.build.Cmdline;
import dev.zos.imagegen.build.ImageBuilder;
import dev.zos.imagegen.format.FormatRegistry;
import dev.zos.imagegen.format.ImageFormat;
import dev.zos.imagegen.initramfs.Compression;
import dev.zos.imagegen.kernel.DebianKernels;
import dev.zos.imagegen.kernel.Kernel;
import dev.zos.imagegen.manifest.ReleaseKey;
import dev.zos.imagegen.os.Trees;
import dev.zos.imagegen.runtime.AgentBundle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The boot server's files, built with zos-imagegen and kept on disk under names derived from every input: the
 * initramfs (agent jars, kernel, release key, JDK) is one for all farms; an ISO, USB or EFI image also depends on
 * its command line (runmode, farm, grid URL, extra words). A file is built once: concurrent requests for the same
 * key wait for the one build, and a build lands by an atomic rename, so a crash leaves no half file behind.
 */
final class BootMedia {
    private static final Logger LOG = LoggerFactory.getLogger(BootMedia.class);
    static final Compression COMPRESSION = Compression.ZSTD;
    /** Every file has this one timestamp, so the same inputs give the same bytes (and the same ETag is honest). */
    static final long MTIME = 0;

    /** A file ready to serve; {@code etag} is the hash of its inputs. */
    record Built(Path file, String etag) {
        long size() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
    }

    private final BootConfig config;
    private final Path dir;
    private final FormatRegistry formats = FormatRegistry.standard();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicInteger builds = new AtomicInteger();
    private final String releaseKeyHex;
    private Kernel kernel;
    private String agentFingerprint;
    private String agentHash;

    /** {@code dir} holds the built files; leftovers of builds a crash interrupted are removed. */
    BootMedia(BootConfig config, Path dir) {
        this.config = config;
        this.dir = dir;
        this.releaseKeyHex = ReleaseKey.loadSecret(config.releaseKey()).publicKeyHex();
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, ".build-*")) {
                for (Path p : s) {
                    Trees.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the boot cache " + dir, e);
        }
    }

    /** How many builds ran in this process (initramfs and images): tests see that a cached file was not rebuilt. */
    int builds() {
        return builds.get();
    }

    /** The kernel every image boots: the configured release, or apt's current one (the newest cached offline), resolved once. */
    synchronized Kernel kernel() {
        if (kernel == null) {
            kernel = new DebianKernels(config.cacheRoot().resolve("kernels")).fetch(config.kernelRelease());
            LOG.info("boot server: kernel {} ({})", kernel.release(), kernel.source());
        }
        return kernel;
    }

    Built vmlinuz() {
        Kernel k = kernel();
        return new Built(k.vmlinuz(), hash("vmlinuz", k.release(), k.sha256() == null ? "" : k.sha256()));
    }

    /** The signed initramfs, the same for every farm and runmode. */
    Built initramfs() {
        Kernel k = kernel();
        String key = hash("initramfs", agentHash(), k.release(), releaseKeyHex, COMPRESSION.name(), Runtime.version().toString());
        return cached(key, dir.resolve("initramfs-" + key + ".img"), work -> {
            BootArtifacts a = new ImageBuilder(config.cacheRoot(), formats, line -> LOG.info("boot server: {}", line))
                    .artifacts(request(new BootTarget(config.runmode(), 1, List.of()), URI.create("http://boot.invalid"), "kernel"));
            Path out = work.resolve("initramfs.img");
            Files.write(out, a.initramfs());
            return out;
        });
    }

    /** An ISO, USB or EFI image for a farm, its command line pointing at {@code grid}. */
    Built image(String formatName, BootTarget target, URI grid) {
        ImageFormat format = formats.get(formatName);
        Built initramfs = initramfs();
        BuildRequest r = request(target, grid, formatName);
        String cmdline = Cmdline.of(r);
        String key = hash("image", formatName, initramfs.etag(), cmdline);
        return cached(key, dir.resolve(formatName + "-" + key + extension(formatName)), work -> {
            format.preflight();
            Kernel k = kernel();
            var a = new BootArtifacts(k.vmlinuz(), Files.readAllBytes(initramfs.file()), cmdline, r, k.release(), k.source(), 0, 0,
                    releaseKeyHex);
            Path out = work.resolve("out");
            Files.createDirectories(out);
            List<Path> files = format.write(a, out);
            if (files.size() != 1) {
                throw new IllegalStateException(formatName + " wrote " + files.size() + " files, expected one");
            }
            return files.get(0);
        });
    }

    /** The command line a node of this farm boots with. */
    String cmdline(BootTarget target, URI grid) {
        return Cmdline.of(request(target, grid, "kernel"));
    }

    static String extension(String format) {
        return switch (format) {
            case "iso" -> ".iso";
            case "usb" -> ".img";
            case "efi" -> ".efi";
            default -> throw new IllegalArgumentException("no single-file image format " + format);
        };
    }

    private BuildRequest request(BootTarget target, URI grid, String format) {
        return new BuildRequest(target.farm(), grid, target.runmode(), format, kernel().release(), null, target.extraCmdline(),
                false, COMPRESSION, config.releaseKey(), config.agentDir(), MTIME);
    }

    /** The hash of the agent's jars, recomputed only when their names, sizes or times change (a rebuilt agent). */
    private synchronized String agentHash() {
        AgentBundle agent = AgentBundle.in(config.agentDir());
        List<Path> files = new ArrayList<>();
        files.add(agent.jar());
        files.addAll(agent.libs());
        StringBuilder fingerprint = new StringBuilder();
        try {
            for (Path f : files) {
                fingerprint.append(f.getFileName()).append(' ').append(Files.size(f)).append(' ')
                        .append(Files.getLastModifiedTime(f).toMillis()).append('\n');
            }
            if (!fingerprint.toString().equals(agentFingerprint)) {
                MessageDigest md = sha256();
                for (Path f : files) {
                    md.update(f.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                    md.update(Files.readAllBytes(f));
                }
                agentHash = HexFormat.of().formatHex(md.digest());
                agentFingerprint = fingerprint.toString();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node agent in " + config.agentDir(), e);
        }
        return agentHash;
    }

    @FunctionalInterface
    private interface Build {
        /** Writes the file under {@code work} (a fresh folder) and returns it. */
        Path into(Path work) throws IOException;
    }

    private Built cached(String key, Path target, Build build) {
        if (Files.isRegularFile(target)) {
            return new Built(target, key);
        }
        Object lock = locks.computeIfAbsent(key, k -> new Object());
        synchronized (lock) {
            if (Files.isRegularFile(target)) {
                return new Built(target, key);
            }
            long start = System.nanoTime();
            Path work = null;
            try {
                work = Files.createTempDirectory(dir, ".build-");
                Path made = build.into(work);
                Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
                builds.incrementAndGet();
                LOG.info("boot server: built {} ({} bytes) in {} ms", target.getFileName(), Files.size(target),
                        (System.nanoTime() - start) / 1_000_000);
                return new Built(target, key);
            } catch (IOException e) {
                throw new ZosException(ZosException.Kind.UNAVAILABLE, "cannot build " + target.getFileName() + ": " + e.getMessage(), e);
            } finally {
                if (work != null) {
                    try {
                        Trees.delete(work);
                    } catch (IOException e) {
                        LOG.warn("boot server: cannot remove {}: {}", work, e.getMessage());
                    }
                }
            }
        }
    }

    static String hash(String... parts) {
        MessageDigest md = sha256();
        for (String p : parts) {
            md.update(p.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest()).substring(0, 32);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
