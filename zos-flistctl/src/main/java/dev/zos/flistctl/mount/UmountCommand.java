package dev.zos.flistctl.mount;

import dev.zos.cli.kit.BaseCommand;
import dev.zos.cli.kit.CliContext;
import dev.zos.flist.mount.FlistMount;

import java.nio.file.Path;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "umount", mixinStandardHelpOptions = true,
        description = {"Unmount an flist mounted with 'zos-flistctl mount' (fusermount -u; as root, umount when that"
                + " fails). Refuses mounts that are not flists (fuse.g8ufs)."},
        footerHeading = "%nExamples:%n", footer = "  zos-flistctl umount /mnt/app")
public final class UmountCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "TARGET", description = "Where the flist is mounted.")
    Path target;

    public UmountCommand(CliContext context) {
        super(context);
    }

    @Override
    protected int run() {
        FlistMount.unmount(target);
        out().println("unmounted " + target.toAbsolutePath().normalize());
        return 0;
    }
}
