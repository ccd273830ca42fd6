package dev.zos.imagegen;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.imagegen.kernel.DebianKernels;
import dev.zos.imagegen.kernel.Kernel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fetch",
        description = {"Download Debian's linux-image-amd64 (or --version) with apt, check it against apt's SHA-256",
            "and unpack kernel and modules into the cache. Offline, the cached kernel is used and the output says so."})
final class KernelFetchCommand extends BaseCommand {
    // --version names the kernel here, so only --help comes from picocli
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "RELEASE", description = "Kernel release, e.g. 6.1.0-50-amd64 (default: apt's linux-image-amd64).")
    String release;

    @Mixin
    OutputMixin output;

    KernelFetchCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        Kernel k = new DebianKernels(context.cacheDir().resolve("kernels")).fetch(release);
        var view = new KernelView(k.release(), k.packageVersion(), k.moduleCount(), k.source(), k.sha256(), k.vmlinuz().getParent().toString());
        output.print(out(), view, () -> Table.ofFields(
                java.util.List.of("kernel", "package", "modules", "source", "sha256", "path"),
                java.util.List.of(view.release(), "linux-image-" + view.release() + " " + view.packageVersion(), view.modules(),
                        view.source(), view.sha256(), view.path())));
        return 0;
    }

    record KernelView(String release, String packageVersion, int modules, String source, String sha256, String path) {
    }
}
