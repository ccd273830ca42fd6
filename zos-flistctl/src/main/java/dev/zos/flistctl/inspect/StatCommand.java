package dev.zos.flistctl.inspect;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.flist.inspect.Entries;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flistctl.Sizes;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "stat", mixinStandardHelpOptions = true,
        description = "Show everything the flist records about one entry, including its block ids.")
public final class StatCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist.")
    Path meta;

    @Parameters(paramLabel = "PATH", description = "Entry in the flist, e.g. /etc/passwd.")
    String path;

    @Mixin
    OutputMixin output;

    StatCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        EntryView v;
        try (FlistReader flist = FlistReader.open(meta)) {
            Entries.Entry e = Entries.at(flist, path);
            List<String> ids = e.inode().isRegular()
                    ? flist.blocks(e.inode().ino()).stream().map(BlockRef::idHex).toList() : List.of();
            v = EntryView.detailed(e, ids);
        }
        output.print(out(), v, () -> table(v));
        return 0;
    }

    private static Table table(EntryView v) {
        List<String> names = new ArrayList<>(List.of("path", "type", "mode", "owner", "size", "mtime", "ctime", "ino"));
        List<Object> values = new ArrayList<>(List.of(v.path(), v.type(), v.mode() + " (" + v.permissions() + ")",
                v.uid() + ":" + v.gid(), v.size() + " (" + Sizes.bytes(v.size()) + ")", Sizes.time(v.mtime()),
                Sizes.time(v.ctime()), v.ino()));
        if (v.target() != null) {
            names.add("target");
            values.add(v.target());
        }
        if (v.rdev() != null) {
            names.add("rdev");
            values.add(v.rdev());
        }
        names.add("blocks");
        values.add(v.blocks().size());
        for (int i = 0; i < v.blocks().size(); i++) {
            names.add("block " + (i + 1));
            values.add(v.blocks().get(i));
        }
        return Table.ofFields(names, values);
    }
}
