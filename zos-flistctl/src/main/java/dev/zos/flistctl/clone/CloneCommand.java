package dev.zos.flistctl.clone;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.flist.clone.CloneResult;
import dev.zos.flist.clone.Cloner;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flistctl.FlistStores;
import dev.zos.flistctl.Sizes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "clone", mixinStandardHelpOptions = true,
        description = {"Copy every block of an flist to new stores and point its routes at them.",
            "Each block is verified before it is copied; the flist is rewritten (atomically) only when every block is"
                + " in place, so a failed clone changes nothing."})
public final class CloneCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist to clone.")
    Path meta;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL", required = true,
            description = "New store for the blocks. Repeatable, with xx-xx= ranges to shard.")
    List<String> stores = new ArrayList<>();

    @Option(names = {"-o", "--out"}, paramLabel = "OUT.fl",
            description = "Write the cloned flist here (default: rewrite FILE.fl in place).")
    Path out;

    @Option(names = "--from", paramLabel = "[xx-xx=]URL",
            description = "Read blocks from this store instead of the flist's routes. Repeatable.")
    List<String> from = new ArrayList<>();

    @Option(names = "--no-strip-password", description = "Keep store passwords in the new routes.")
    boolean keepPasswords;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "8",
            description = "Blocks copied in parallel (default: ${DEFAULT-VALUE}).")
    int jobs;

    CloneCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (jobs < 1 || jobs > 256) {
            throw ZosException.invalid("--jobs must be between 1 and 256, got " + jobs);
        }
        Path target = out == null ? meta : out;
        if (Files.isDirectory(target)) {
            throw ZosException.invalid("cannot write " + target + ": it is a directory");
        }
        stores.forEach(FlistStores::checkRoute);
        CloneResult r;
        try (FlistReader flist = FlistReader.open(meta);
             BlockStore source = FlistStores.forReading(flist, from);
             BlockStore dest = FlistStores.registry().openRouted(stores)) {
            r = Cloner.clone(meta, source, dest, target, keepPasswords, jobs);
        }
        out().printf("cloned %s to %s: %,d blocks (%,d copied, %s; %,d already there) in %s%n", meta, r.flist(),
                r.blocks(), r.copied(), Sizes.bytes(r.bytes()), r.present(), Sizes.seconds(r.elapsed()));
        out().flush();
        return 0;
    }
}
