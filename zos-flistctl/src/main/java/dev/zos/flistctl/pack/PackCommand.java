package dev.zos.flistctl.pack;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.flist.meta.FlistMetadata;
import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.PackResult;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.store.BlockStore;
import dev.zos.flistctl.FlistStores;
import dev.zos.flistctl.Sizes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "pack", mixinStandardHelpOptions = true,
        description = {"Pack a directory into an flist and upload its blocks to one or more stores.",
            "Blocks are encrypted and deduplicated as rfs does; store passwords are left out of the flist's routes"
                + " unless --no-strip-password is given."})
public final class PackCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "OUT.fl", required = true, description = "The flist to write.")
    Path meta;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL", required = true,
            description = "Store for the blocks: dir:///path, http(s)://..., or another scheme; a range xx-xx= of the"
                    + " block id's first byte shards blocks over stores. Repeat for several.")
    List<String> stores = new ArrayList<>();

    @Option(names = {"-t", "--tag"}, paramLabel = "KEY=VALUE", description = "A tag to write (version, description,"
            + " author, any other). Repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--no-strip-password", description = "Keep store passwords in the flist's routes.")
    boolean keepPasswords;

    @Option(names = "--workers", paramLabel = "N", description = "Block worker threads (default: one per processor).")
    Integer workers;

    @Parameters(paramLabel = "DIR", description = "The directory to pack.")
    Path dir;

    @Mixin
    OutputMixin output;

    PackCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (!Files.isDirectory(dir)) {
            throw ZosException.invalid("cannot pack " + dir + ": not a directory");
        }
        Path parent = meta.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw ZosException.invalid("cannot write " + meta + ": directory " + parent + " does not exist");
        }
        if (meta.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize())) {
            throw ZosException.invalid("cannot write " + meta + " inside " + dir
                    + ", the directory being packed: write the flist somewhere else");
        }
        if (Files.isDirectory(meta)) {
            throw ZosException.invalid("cannot write " + meta + ": it is a directory");
        }
        PackOptions.Builder options = PackOptions.builder().keepPasswords(keepPasswords);
        for (String t : tags) {
            Map.Entry<String, String> kv = FlistMetadata.parseTag(t);
            options.tag(kv.getKey(), kv.getValue());
        }
        if (workers != null) {
            if (workers < 1) {
                throw ZosException.invalid("--workers must be at least 1, got " + workers);
            }
            options.workers(workers);
        }
        stores.forEach(FlistStores::checkRoute);
        ProgressLine progress = context.interactive() ? new ProgressLine(err()) : null;
        if (progress != null) {
            options.progress(progress);
        }
        PackResult result;
        try (BlockStore store = FlistStores.registry().openRouted(stores)) {
            result = Packer.pack(dir, meta, store, options.build());
        } finally {
            if (progress != null) {
                progress.finish();
            }
        }
        if (output.format() == OutputFormat.TABLE) {
            out().println(summary(result));
            out().flush();
        } else {
            output.print(out(), PackSummary.of(result), () -> new Table(List.of(), List.of()));
        }
        return 0;
    }

    static String summary(PackResult r) {
        long unique = r.uploadedBlocks() + r.presentBlocks();
        return String.format("packed %s: %,d files, %s, %,d blocks (%,d unique: %,d uploaded, %,d already stored),"
                        + " dedup %s, in %s", r.flist(), r.files(), Sizes.bytes(r.bytes()), r.blocks(), unique,
                r.uploadedBlocks(), r.presentBlocks(), Sizes.bytes(r.dedupBytes()), Sizes.seconds(r.elapsed()));
    }
}
