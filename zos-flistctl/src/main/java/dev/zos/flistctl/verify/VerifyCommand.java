package dev.zos.flistctl.verify;

import dev.zos.core.registry.client.GridClient;
import dev.zos.flist.sign.FlistSignatures;
import dev.zos.flist.sign.SignatureCheck;
import dev.zos.flist.sign.TwinKeys;

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

    @Option(names = "--key", paramLabel = "HEX",
            description = "Also check the flist's signature: it must be made by this ed25519 public key (64 hex digits).")
    protected String key;

    @Option(names = "--signer-grid", paramLabel = "URL",
            description = "Also check the flist's signature against the key its signing twin has registered on this grid.")
    protected String signerGrid;

    @Mixin
    protected OutputMixin output;

    /** The result of every check, as {@code -o json|yaml} prints it. */
    public record Result(String flist, boolean ok, long files, long blocks, long uniqueBlocks, long bytes,
                         List<BlockProblem> problems, List<String> damagedFiles, long elapsedMillis,
                         SignatureCheck signature) {
    }

    protected VerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (jobs < 1 || jobs > 256) {
            throw ZosException.invalid("--jobs must be between 1 and 256, got " + jobs);
        }
        if (key != null && signerGrid != null) {
            throw ZosException.invalid("--key and --signer-grid are two ways to name the signer; give one");
        }
        SignatureCheck signature = checkSignature();
        VerifyReport report;
        try (FlistReader flist = FlistReader.open(meta)) {
            report = verifyBlocks(flist);
        }
        Result result = new Result(meta.toString(), report.ok() && (signature == null || signature.valid()), report.files(),
                report.blocks(), report.uniqueBlocks(), report.bytes(), report.problems(), report.damagedFiles(),
                report.elapsed().toMillis(), signature);
        render(result);
        if (signature != null && !signature.valid()) {
            throw ZosException.invalid("signature check of " + meta + " failed: " + signature.message());
        }
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

    /** The signature check asked for with --key or --signer-grid, or null. */
    protected SignatureCheck checkSignature() {
        if (key != null) {
            if (!key.matches("[0-9a-fA-F]{64}")) {
                throw ZosException.invalid("--key must be an ed25519 public key, 64 hex digits");
            }
            return FlistSignatures.verify(meta, java.util.HexFormat.of().parseHex(key));
        }
        if (signerGrid != null) {
            return FlistSignatures.verify(meta, TwinKeys.of(GridClient.of(signerGrid)));
        }
        return null;
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
        if (r.signature() != null) {
            out.printf("signature: %s: %s%n", r.signature().status().name().toLowerCase(java.util.Locale.ROOT),
                    r.signature().message());
        }
        if (r.ok()) {
            out.printf("ok: %s: %,d files, %,d blocks (%,d distinct, %s) verified in %s%n", r.flist(), r.files(),
                    r.blocks(), r.uniqueBlocks(), Sizes.bytes(r.bytes()), Sizes.seconds(
                            java.time.Duration.ofMillis(r.elapsedMillis())));
        }
        out.flush();
    }
}
