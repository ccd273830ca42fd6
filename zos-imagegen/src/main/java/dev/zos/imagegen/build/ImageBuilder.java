package dev.zos.imagegen.build;

import dev.zos.core.identity.TwinKey;
import dev.zos.imagegen.format.FormatRegistry;
import dev.zos.imagegen.format.ImageFormat;
import dev.zos.imagegen.initramfs.FsTree;
import dev.zos.imagegen.initramfs.Initramfs;
import dev.zos.imagegen.kernel.DebianKernels;
import dev.zos.imagegen.kernel.Kernel;
import dev.zos.imagegen.kernel.ModuleIndex;
import dev.zos.imagegen.kernel.ModuleResolver;
import dev.zos.imagegen.manifest.ImageSigner;
import dev.zos.imagegen.manifest.Manifest;
import dev.zos.imagegen.manifest.ReleaseKey;
import dev.zos.imagegen.runtime.AgentBundle;
import dev.zos.imagegen.runtime.AotCache;
import dev.zos.imagegen.runtime.ImageJars;
import dev.zos.imagegen.runtime.InitShim;
import dev.zos.imagegen.runtime.JavaRuntime;
import dev.zos.imagegen.runtime.SharedLibraries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The image pipeline, stage by stage: request → kernel and modules → root file system (init, runtime,
 * agent) → signed manifest → initramfs → the chosen format. Caches live under {@code cacheRoot}.
 */
public final class ImageBuilder {
    private final Path cacheRoot;
    private final FormatRegistry formats;
    private final Consumer<String> progress;

    public ImageBuilder(Path cacheRoot, FormatRegistry formats, Consumer<String> progress) {
        this.cacheRoot = cacheRoot;
        this.formats = formats;
        this.progress = progress;
    }

    /** The kernel, the signed initramfs and the command line for a request (no format written). */
    public BootArtifacts artifacts(BuildRequest r) {
        Kernel kernel = new DebianKernels(cacheRoot.resolve("kernels")).fetch(r.kernelRelease());
        progress.accept("kernel " + kernel.release() + " (" + kernel.source() + ")");
        ModuleIndex index = ModuleIndex.scan(kernel.modulesDir());
        List<String> order = new ModuleResolver(index).loadOrder(ModuleResolver.NODE_MODULES);
        AgentBundle agent = ImageJars.slim(AgentBundle.in(r.agentDir()), cacheRoot);
        JavaRuntime jr = new JavaRuntime(JavaRuntime.currentJdk(), cacheRoot);
        List<String> modules = jr.modules(agent);
        progress.accept("java runtime: " + String.join(",", modules));
        Path runtime = jr.link(modules);
        Path init = InitShim.build(cacheRoot);
        TwinKey key = ReleaseKey.loadSecret(r.releaseKey());
        Map<String, Path> helpers = NodeRootfs.helperPrograms();
        Map<String, Path> loaded = NodeRootfs.loadedLibraries();
        Map<String, Path> libraries = new TreeMap<>(SharedLibraries.of(runtime));
        libraries.putAll(SharedLibraries.of(List.copyOf(helpers.values()), null));
        libraries.putAll(loaded);
        libraries.putAll(SharedLibraries.of(List.copyOf(loaded.values()), null));
        FsTree tree = NodeRootfs.assemble(init, kernel, index, order, runtime, libraries, helpers, agent);
        AotCache.of(runtime, agent, cacheRoot, r.mtime()).ifPresentOrElse(aot -> {
            AotCache.install(tree, aot);
            progress.accept("agent AOT cache: " + aot);
        }, () -> progress.accept("agent AOT cache: none (the agent has no zos-node main class or the JDK is older than 25)"));
        ImageSigner.sign(tree, key);
        progress.accept("initramfs: " + tree.nodes().size() + " entries, " + r.compression().name().toLowerCase() + ", signed by " + key.publicKeyHex());
        byte[] initramfs = Initramfs.write(tree, r.compression(), r.mtime());
        int manifestFiles = tree.get(Manifest.PATH) instanceof FsTree.File f ? Manifest.parse(f.bytes()).entries().size() : 0;
        return new BootArtifacts(kernel.vmlinuz(), initramfs, Cmdline.of(r), r, kernel.release(), kernel.source(),
                order.size(), manifestFiles, key.publicKeyHex());
    }

    public BuildResult build(BuildRequest r, Path outDir) {
        long start = System.nanoTime();
        ImageFormat format = formats.get(r.format()); // unknown names fail before any work
        format.preflight();
        BootArtifacts a = artifacts(r);
        try {
            Files.createDirectories(outDir);
            List<Path> files = format.write(a, outDir);
            List<BuildResult.Output> out = new ArrayList<>();
            for (Path f : files) {
                out.add(new BuildResult.Output(f.toString(), Files.size(f)));
            }
            return new BuildResult(format.name(), a.kernelRelease(), a.kernelSource(), out, a.cmdline(), a.modules(),
                    a.manifestFiles(), a.releaseKey(), (System.nanoTime() - start) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image into " + outDir, e);
        }
    }
}
