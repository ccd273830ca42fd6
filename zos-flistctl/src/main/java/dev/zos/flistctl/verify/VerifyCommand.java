package dev.zos.flistctl.verify;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputFormat;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.inspect.BlockProblem;
import dev.zos.flist.inspect.Verifier;
import dev.zos.flist.inspect.VerifyReport;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.store.BlockStore;
import dev.zos.flistctl.FlistStores;
import dev.zos.flistctl.Sizes;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code verify}: checks an flist. Each check is one step of {@link #run()} that adds to the problems shown;
 * further checks (a signature, say) are added the same way.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Fetch every block of an flist and check it: BLAKE2b(bytes) = id, the AES-GCM tag, and"
            + " BLAKE2b(plain) = key.",
            "Missing or corrupt blocks are listed with the files that use them; exit status 1 when there is any."})
public class VerifyCommand extends BaseCommand {

    @Option(names = {"-m", "--meta"}, paramLabel = "FILE.fl", required = true, description = "The flist to verify.")
    protected Path meta;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL",
            description = "Read blocks from this store instead of the flist's routes. Repeatable.")
    protected List<String> stores = new ArrayList<>();

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", defaultValue = "8",
            description = "Blocks fetched in parallel (default: ${DEFAULT-VALUE}).")
    protected int jobs;

    @Mixin
    protected OutputMixin output;

    /** The result of every check, as {@code -o json|yaml} prints it. */
    public record Result(String flist, boolean ok, long files, long blocks, long uniqueBlocks, long bytes,
                         List<BlockProblem> problems, List<String> damagedFiles, long elapsedMillis) {
    }

    protected VerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (jobs < 1 || jobs > 256) {
            throw ZosException.invalid("--jobs must be between 1 and 256, got " + jobs);
        }
        VerifyReport report;
        try (FlistReader flist = FlistReader.open(meta)) {
            report = verifyBlocks(flist);
        }
        Result result = new Result(meta.toString(), report.ok(), report.files(), report.blocks(), report.uniqueBlocks(),
                report.bytes(), report.problems(), report.damagedFiles(), report.elapsed().toMillis());
        render(result);
        if (!result.ok()) {
            throw ZosException.invalid("verification of " + meta + " failed: " + result.problems().size() + " of "
                    + result.uniqueBlocks() + " distinct blocks missing or corrupt; damaged files: "
                    + firstFew(result.damagedFiles()));
        }
        return 0;
    }

    /** Up to ten paths, then how many more: the error stays one readable line. */
    static String firstFew(List<String> paths) {
        int shown = Math.min(10, paths.size());
        String head = String.join(", ", paths.subList(0, shown));
        return shown == paths.size() ? head : head + " and " + (paths.size() - shown) + " more (listed above)";
    }

    /** Fetches and checks every block. */
    protected VerifyReport verifyBlocks(FlistReader flist) {
        try (BlockStore store = FlistStores.forReading(flist, stores)) {
            return Verifier.verify(flist, new StoreBlockReader(store), jobs);
        }
    }

    protected void render(Result r) {
        if (output.format() != OutputFormat.TABLE) {
            output.print(out(), r, () -> new Table(List.of(), List.of()));
            return;
        }
        PrintWriter out = out();
        for (BlockProblem p : r.problems()) {
            out.printf("%s block %s used by %s: %s%n", p.kind().name().toLowerCase(java.util.Locale.ROOT), p.id(),
                    String.join(", ", p.paths()), p.detail());
        }
        if (r.ok()) {
            out.printf("ok: %s: %,d files, %,d blocks (%,d distinct, %s) verified in %s%n", r.flist(), r.files(),
                    r.blocks(), r.uniqueBlocks(), Sizes.bytes(r.bytes()), Sizes.seconds(
                            java.time.Duration.ofMillis(r.elapsedMillis())));
        }
        out.flush();
    }
}
