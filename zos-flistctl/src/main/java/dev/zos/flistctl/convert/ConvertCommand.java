package dev.zos.flistctl.convert;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.flist.oci.ConvertOptions;
import dev.zos.flist.oci.ConvertResult;
import dev.zos.flist.oci.ImageConverter;
import dev.zos.flist.oci.Platform;
import dev.zos.flist.store.BlockStore;
import dev.zos.flistctl.FlistStores;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a container image into an flist, without a Docker daemon or a registry.",
            "IMAGE is a docker save tarball, an OCI image layout directory, or a tar of one. Every blob is checked"
                + " against its digest before anything is uploaded; layers are applied in order (whiteouts, opaque"
                + " directories, hard links); the image's entrypoint, cmd, env, workdir and user become flist tags and"
                + " a /.startup.toml as rfs writes it."})
public final class ConvertCommand extends BaseCommand {

    @Parameters(paramLabel = "IMAGE", description = "docker save tarball, OCI image layout directory, or a tar of one.")
    Path image;

    @Option(names = {"-m", "--meta"}, paramLabel = "OUT.fl", required = true, description = "The flist to write.")
    Path meta;

    @Option(names = {"-s", "--store"}, paramLabel = "[xx-xx=]URL", required = true,
            description = "Store for the blocks (dir:///path, ...); a range xx-xx= of the block id's first byte"
                    + " shards blocks over stores. Repeat for several.")
    List<String> stores = new ArrayList<>();

    @Option(names = {"-t", "--tag"}, paramLabel = "KEY=VALUE",
            description = "A tag to write; overrides the tags taken from the image. Repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
            description = "Which platform of a multi-platform image (default: the only one, else linux/amd64).")
    String platform;

    @Option(names = "--ref", paramLabel = "NAME",
            description = "Which image of an archive holding several (e.g. alpine:3.19).")
    String ref;

    @Option(names = "--no-startup-file", description = "Do not write /.startup.toml.")
    boolean noStartupFile;

    @Option(names = "--no-strip-password", description = "Keep store passwords in the flist's routes.")
    boolean keepPasswords;

    @Option(names = "--workers", paramLabel = "N", description = "Block worker threads (default: one per processor).")
    Integer workers;

    @Mixin
    OutputMixin output;

    ConvertCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        if (!Files.exists(image)) {
            throw ZosException.notFound("image " + image + " does not exist");
        }
        Path parent = meta.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw ZosException.invalid("cannot write " + meta + ": directory " + parent + " does not exist");
        }
        if (Files.isDirectory(meta)) {
            throw ZosException.invalid("cannot write " + meta + ": it is a directory");
        }
        ConvertOptions options = ConvertOptions.defaults().withRef(ref).withKeepPasswords(keepPasswords)
                .withStartupFile(!noStartupFile);
        if (platform != null) {
            options = options.withPlatform(Platform.parse(platform));
        }
        if (workers != null) {
            if (workers < 1) {
                throw ZosException.invalid("--workers must be at least 1, got " + workers);
            }
            options = options.withWorkers(workers);
        }
        for (String t : tags) {
            int i = t.indexOf('=');
            if (i <= 0) {
                throw ZosException.invalid("bad --tag '" + t + "': expected KEY=VALUE");
            }
            options = options.withTag(t.substring(0, i), t.substring(i + 1));
        }
        boolean progress = context.interactive();
        if (progress) {
            options = options.withProgress(p -> {
                err().printf("\r%s layer %d/%d (%,d blocks)   ", p.phase().equals("verify") ? "verifying" : "uploading",
                        p.layer(), p.layers(), p.blocks());
                err().flush();
            });
        }
        ConvertResult result;
        try (BlockStore store = FlistStores.registry().openRouted(stores)) {
            result = ImageConverter.convert(image, meta, store, options);
        } finally {
            if (progress) {
                err().print("\r\033[K");
                err().flush();
            }
        }
        ConvertSummary summary = ConvertSummary.of(result);
        output.print(out(), summary, () -> summary.table());
        return 0;
    }
}
