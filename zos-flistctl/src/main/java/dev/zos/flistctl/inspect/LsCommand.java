package dev.zos.flistctl.inspect;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.flist.inspect.Entries;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flistctl.Sizes;

import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ls", mixinStandardHelpOptions = true,
        description = "List a directory of an flist (mode, owner, size, mtime in UTC, name), without fetching blocks.")
public final class LsCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    @Parameters(paramLabel = "PATH", defaultValue = "/", description = "Directory or file in the flist (default: /).")
    String path;

    @Mixin
    OutputMixin output;

    LsCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        List<EntryView> entries;
        try (FlistReader flist = FlistReader.open(meta)) {
            entries = Entries.list(flist, path).stream().map(EntryView::of).toList();
        }
        output.print(out(), entries, () -> new Table(List.of("MODE", "UID", "GID", "SIZE", "MTIME", "NAME"),
                entries.stream().map(e -> List.of(e.permissions(), Integer.toString(e.uid()), Integer.toString(e.gid()),
                        Long.toString(e.size()), Sizes.time(e.mtime()), e.displayName(e.name()))).toList()));
        return 0;
    }
}
