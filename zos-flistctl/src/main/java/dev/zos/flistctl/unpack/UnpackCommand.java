package dev.zos.flistctl.unpack;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.unpack.UnpackOptions;
import dev.zos.flist.unpack.UnpackResult;
import dev.zos.flist.unpack.Unpacker;
import dev.zos.flistctl.FlistStores;
import dev.zos.flistctl.Sizes;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "unpack", mixinStandardHelpOptions = true,
        description = {"Restore an flist's tree into a directory: files (every block verified), directories, "
            + "symlinks, FIFOs and device nodes, with their modes and mtimes.",
            "Entries whose names would escape TARGET ('..', '/', NUL) are refused and nothing outside TARGET is"
                + " written."})
public final class UnpackCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist to unpack.")
    Path meta;

    @Option(names = {"-p", "--preserve-ownership"},
            description = "Restore numeric owners and groups (needs root).")
    boolean preserveOwnership;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL",
            description = "Read blocks from this store instead of the flist's routes. Repeatable.")
    List<String> stores = new ArrayList<>();

    @Parameters(paramLabel = "TARGET", description = "Directory to restore into (created when missing).")
    Path target;

    UnpackCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target)) {
            throw ZosException.invalid("cannot unpack into " + target + ": it exists and is not a directory");
        }
        UnpackResult r;
        try (FlistReader flist = FlistReader.open(meta); BlockStore store = FlistStores.forReading(flist, stores)) {
            r = Unpacker.unpack(flist, new StoreBlockReader(store), target,
                    UnpackOptions.defaults().withPreserveOwnership(preserveOwnership));
        }
        out().printf("unpacked %s into %s: %,d files (%s), %,d directories, %,d symlinks, %,d special files in %s%n",
                meta, target, r.files(), Sizes.bytes(r.bytes()), r.directories(), r.symlinks(), r.specials(),
                Sizes.seconds(r.elapsed()));
        for (String s : r.skipped()) {
            err().println("skipped " + s);
        }
        out().flush();
        err().flush();
        return 0;
    }
}
