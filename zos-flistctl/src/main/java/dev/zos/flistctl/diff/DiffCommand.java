package dev.zos.flistctl.diff;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.flist.inspect.Change;
import dev.zos.flist.inspect.FlistDiff;
import dev.zos.flist.meta.FlistReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two flists path by path, without fetching blocks (content is compared by block keys).",
            "Lines: '+ PATH' added, '- PATH' removed, '~ PATH (what)' changed, where what lists type, mode, owner,"
                + " size, content, target, rdev, mtime."})
public final class DiffCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true,
            description = "The two flists: -m OLD.fl -m NEW.fl.")
    List<Path> metas = new ArrayList<>();

    @Option(names = "--exit-code", description = "Exit with 1 when the flists differ.")
    boolean exitCode;

    @Mixin
    OutputMixin output;

    DiffCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (metas.size() != 2) {
            throw ZosException.invalid("diff needs exactly two flists: -m OLD.fl -m NEW.fl (got " + metas.size() + ")");
        }
        List<Change> changes;
        try (FlistReader a = FlistReader.open(metas.get(0)); FlistReader b = FlistReader.open(metas.get(1))) {
            changes = FlistDiff.diff(a, b);
        }
        if (output.format() == OutputFormat.TABLE) {
            for (Change c : changes) {
                out().println(switch (c.kind()) {
                    case ADDED -> "+ " + c.path();
                    case REMOVED -> "- " + c.path();
                    case CHANGED -> "~ " + c.path() + " (" + String.join(", ", c.what()) + ")";
                });
            }
            out().flush();
        } else {
            output.print(out(), changes, () -> new Table(List.of(), List.of()));
        }
        return exitCode && !changes.isEmpty() ? 1 : 0;
    }
}
