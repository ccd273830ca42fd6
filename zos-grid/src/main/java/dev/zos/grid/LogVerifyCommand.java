package dev.zos.grid;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.core.ZosException;
import dev.zos.grid.registry.Registry;
import dev.zos.grid.registry.VerifyReport;
import dev.zos.grid.registry.store.RegistryStores;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Re-check every signature and hash of the registry log and report the first break.",
            "Exit status 1 when the log is broken. Safe to run while the grid serves (it only reads)."})
final class LogVerifyCommand extends BaseCommand {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory of an embedded grid (default $XDG_DATA_HOME/zos/grid).")
    Path dataDir;

    @Option(names = "--registry", paramLabel = "URL", description = "A postgres://user:pass@host:port/db registry instead.")
    String registry;

    @Mixin
    OutputMixin output;

    LogVerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        String location = registry != null ? registry
                : (dataDir != null ? dataDir : context.dataDir().resolve("grid")).resolve("registry.db").toString();
        if (registry == null && !java.nio.file.Files.exists(Path.of(location))) {
            throw ZosException.notFound("no registry at " + location + "; pass the grid's --data-dir or --registry");
        }
        VerifyReport report;
        try (var store = RegistryStores.openForReading(location)) {
            report = Registry.verify(store);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
        if (output.format() == OutputFormat.TABLE) {
            out().println(report.describe());
        } else {
            output.print(out(), report, () -> null);
        }
        return report.ok() ? 0 : 1;
    }
}
