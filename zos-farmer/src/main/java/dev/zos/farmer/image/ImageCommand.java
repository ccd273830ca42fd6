package dev.zos.farmer.image;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.cli.kit.GridOption;
import dev.zos.cli.kit.OutputMixin;
import dev.zos.cli.kit.Table;
import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridSession;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "image", mixinStandardHelpOptions = true,
        description = {"Download boot media for a farm from its grid's boot server, built there for the grid's runmode.",
                "Formats: iso (hybrid BIOS+UEFI, also dd-able), usb (raw disk image), efi (one EFI executable),",
                "ipxe (the iPXE script), kernel (a folder with vmlinuz, initramfs.img and cmdline).",
                "The first download of an image waits while the grid builds it."})
public final class ImageCommand extends BaseCommand {
    static final List<String> FORMATS = List.of("iso", "usb", "efi", "ipxe", "kernel");

    @Option(names = "--farm", required = true, paramLabel = "ID", description = "The farm the nodes join.")
    long farm;

    @Option(names = "--format", defaultValue = "iso", paramLabel = "FORMAT", description = "iso, usb, efi, ipxe or kernel (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--runmode", paramLabel = "MODE", description = "dev, test or prod (default: the grid's, as its boot server announces).")
    String runmode;

    @Option(names = "--extra", paramLabel = "WORDS", description = "Extra kernel command line words, e.g. 'zos-debug console=ttyS0'.")
    String extra;

    @Option(names = {"-O", "--out"}, paramLabel = "PATH", description = "Where to write (default: zos-RUNMODE-farmID.EXT here; a folder for kernel).")
    Path out;

    @Mixin
    GridOption grid;

    @Mixin
    OutputMixin output;

    public ImageCommand(CliContext context) {
        super(context);
    }

    /** What was written, for {@code -o json|yaml}. */
    public record Result(long farm, String format, String runmode, String grid, List<File> files) {
        public record File(String path, long size, String sha256) {
        }
    }

    @Override
    protected int run() throws IOException {
        if (!FORMATS.contains(format)) {
            throw ZosException.invalid("--format must be one of " + String.join(", ", FORMATS) + ", got '" + format + "'");
        }
        if (runmode != null && !runmode.matches("dev|test|prod")) {
            throw ZosException.invalid("--runmode must be dev, test or prod, got '" + runmode + "'");
        }
        String extraSegment = extra == null || extra.isBlank() ? "" : "/" + encodeExtra(extra);
        GridSession session = grid.open(context);
        session.client().farm(farm); // NOT_FOUND naming the farm before anything is built
        URI gridUrl = session.client().url();
        BootDownload download = new BootDownload(gridUrl);
        BootDownload.Info info = download.info();
        if (!info.enabled()) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "the grid at " + gridUrl + " does not serve boot media: "
                    + (info.reason() == null ? "its boot server is off" : info.reason()));
        }
        String mode = runmode != null ? runmode : info.runmode() != null ? info.runmode() : "prod";
        String where = "/" + mode + "/" + farm + extraSegment;
        String name = "zos-" + mode + "-farm" + farm;
        BootDownload.Progress progress = context.interactive() && output.format() == dev.zos.cli.kit.OutputFormat.TABLE
                ? new TerminalProgress(err(), context.noColor()) : BootDownload.Progress.NONE;
        List<BootDownload.Saved> saved = new ArrayList<>();
        if (format.equals("kernel")) {
            Path dir = out != null ? out : Path.of(name + "-kernel");
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw ZosException.invalid("--out " + dir + " is a file; the kernel format writes a folder");
            }
            saved.add(download.fetch("/kernel" + where, dir.resolve("vmlinuz"), progress));
            saved.add(download.fetch("/initramfs" + where, dir.resolve("initramfs.img"), progress));
            saved.add(download.fetch("/cmdline" + where, dir.resolve("cmdline"), progress));
        } else {
            String file = name + switch (format) {
                case "iso" -> ".iso";
                case "usb" -> ".img";
                case "efi" -> ".efi";
                default -> ".ipxe";
            };
            Path target = out == null ? Path.of(file) : Files.isDirectory(out) ? out.resolve(file) : out;
            saved.add(download.fetch("/" + format + where, target, progress));
        }
        var result = new Result(farm, format, mode, gridUrl.toString(), saved.stream()
                .map(s -> new Result.File(s.path().toString(), s.size(), s.sha256())).toList());
        output.print(out(), result, () -> new Table(List.of("FILE", "SIZE", "SHA256"), result.files().stream()
                .map(f -> List.of(f.path(), TerminalProgress.human(f.size()), f.sha256().substring(0, 16) + "…")).toList()));
        return 0;
    }

    /**
     * The extra words as the boot server's path segment: {@code %20} between words, {@code ___} for {@code /}, every
     * character outside the ones it accepts escaped, so the server names the bad word instead of a broken URL.
     */
    static String encodeExtra(String words) {
        List<String> out = new ArrayList<>();
        for (String w : words.strip().split("\\s+")) {
            StringBuilder b = new StringBuilder();
            for (byte c : w.replace("/", "___").getBytes(StandardCharsets.UTF_8)) {
                if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || "_.:,=@+-".indexOf(c) >= 0) {
                    b.append((char) c);
                } else {
                    b.append('%').append(String.format(Locale.ROOT, "%02X", c & 0xff));
                }
            }
            out.add(b.toString());
        }
        return String.join("%20", out);
    }
}
