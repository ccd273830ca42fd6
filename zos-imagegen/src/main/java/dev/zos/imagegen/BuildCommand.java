package dev.zos.imagegen;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.imagegen.build.BuildRequest;
import dev.zos.imagegen.build.BuildResult;
import dev.zos.imagegen.build.ImageBuilder;
import dev.zos.imagegen.build.Runmode;
import dev.zos.imagegen.format.FormatRegistry;
import dev.zos.imagegen.initramfs.Compression;
import dev.zos.imagegen.manifest.ReleaseKey;
import dev.zos.imagegen.runtime.AgentBundle;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "build", mixinStandardHelpOptions = true,
        description = {"Build a signed, reproducible node image for a farm and a grid.",
            "Formats: kernel (vmlinuz + initramfs.img + cmdline), ipxe (boot.ipxe + files), iso (hybrid BIOS+UEFI),",
            "usb (raw disk image), efi (one unified kernel image). The same inputs give byte-identical output."})
final class BuildCommand extends BaseCommand {
    @Option(names = "--farm", required = true, paramLabel = "ID", description = "Farm id the nodes join (farmer_id=).")
    long farm;

    @Option(names = "--grid", required = true, paramLabel = "URL", description = "Grid URL, e.g. http://10.0.2.2:8080 (registry, relay and boot server).")
    URI grid;

    @Option(names = "--runmode", defaultValue = "prod", paramLabel = "MODE", description = "dev, test or prod (default: ${DEFAULT-VALUE}).")
    Runmode runmode;

    @Option(names = "--format", defaultValue = "kernel", paramLabel = "FORMAT", description = "kernel, ipxe, iso, usb or efi (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--cmdline", paramLabel = "EXTRA", description = "Extra kernel command line words, appended last.")
    String extra;

    @Option(names = "--console", paramLabel = "TTY", description = "Serial console on the command line, e.g. ttyS0.")
    String console;

    @Option(names = "--debug", description = "Add zos-debug to the command line.")
    boolean debug;

    @Option(names = "--release-key", paramLabel = "FILE", description = "Release secret key that signs the manifest (default: $XDG_CONFIG_HOME/zos/release.key, created on first use).")
    Path releaseKey;

    @Option(names = "--kernel-version", paramLabel = "RELEASE", description = "Debian kernel release (default: apt's linux-image-amd64).")
    String kernelVersion;

    @Option(names = "--compression", defaultValue = "zstd", paramLabel = "ALGO", description = "Initramfs compression: zstd or xz (default: ${DEFAULT-VALUE}).")
    String compression;

    @Option(names = "--agent", paramLabel = "DIR", description = "Built node agent (zos-node.jar + lib/); default: zos-node/target found from the current folder.")
    Path agent;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to write the image into.")
    Path out;

    BuildCommand(CliContext context) {
        super(context);
    }

    static Path defaultKey(CliContext context) {
        return context.configDir().resolve("release.key");
    }

    @Override
    protected int run() {
        var registry = FormatRegistry.standard();
        registry.get(format); // unknown formats fail before any work
        Path key = releaseKey;
        if (key == null) {
            key = defaultKey(context);
            if (!Files.exists(key)) {
                ReleaseKey.create(key, false);
                err().println("created release key " + key + " (public: " + ReleaseKey.publicFileOf(key) + ")");
            }
        }
        long mtime = parseEpoch(context.getenv("SOURCE_DATE_EPOCH"));
        Path agentDir = agent != null ? agent : AgentBundle.locate(Path.of(""));
        var request = new BuildRequest(farm, grid, runmode, format, kernelVersion, console, extra, debug,
                Compression.byName(compression), key, agentDir, mtime);
        var err = err();
        BuildResult r = new ImageBuilder(context.cacheDir(), registry, line -> {
            err.println("  " + line);
            err.flush();
        }).build(request, out);
        out().println("built " + r.format() + " image for farm " + farm + " in " + r.millis() + " ms (kernel " + r.kernel() + ", "
                + r.modules() + " modules, " + r.manifestFiles() + " files signed by " + r.releaseKey() + ")");
        for (BuildResult.Output f : r.files()) {
            out().printf("  %-40s %,12d bytes%n", f.path(), f.size());
        }
        out().println("  cmdline: " + r.cmdline());
        return 0;
    }

    private static long parseEpoch(String s) {
        if (s == null || s.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw ZosException.invalid("SOURCE_DATE_EPOCH must be seconds since 1970, got '" + s + "'");
        }
    }
}
