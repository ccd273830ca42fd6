package dev.zos.imagegen;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.core.ZosException;
import dev.zos.imagegen.initramfs.Initramfs;
import dev.zos.imagegen.manifest.ImageSigner;
import dev.zos.imagegen.manifest.ReleaseKey;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Check an image offline: the manifest's signature with the release public key, every file's",
            "BLAKE2b-256 hash, and that no file is unlisted. IMAGE is a kernel/ipxe folder, an initramfs, zos.efi, zos.iso or zos-usb.img."})
final class VerifyCommand extends BaseCommand {
    @Parameters(index = "0", paramLabel = "IMAGE", description = "Image to check.")
    Path image;

    @Option(names = "--key", required = true, paramLabel = "PUB", description = "Release public key file (FILE.pub from 'key new').")
    Path key;

    VerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() throws Exception {
        byte[] pub = ReleaseKey.loadPublic(key);
        var tree = Initramfs.read(ImageFiles.initramfsOf(image), image.toString());
        ImageSigner.Report report = ImageSigner.verify(tree, pub);
        if (!report.ok()) {
            for (String p : report.problems()) {
                err().println("  " + p);
            }
            throw ZosException.forbidden(image + " fails verification: " + report.problems().size() + " problem(s), first: " + report.problems().get(0));
        }
        out().println(image + ": OK, signature valid, " + report.files() + " files match the manifest");
        return 0;
    }
}
