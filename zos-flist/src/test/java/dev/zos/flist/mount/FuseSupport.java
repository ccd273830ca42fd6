package dev.zos.flist.mount;

import dev.zos.testkit.ExternalService;

import java.nio.file.Files;
import java.nio.file.Path;

import ru.serce.jnrfuse.FuseStubFS;

/** What a real mount test needs: root, /dev/fuse and Debian's libfuse2 (fails under CI=true, skips elsewhere). */
final class FuseSupport {

    private FuseSupport() {
    }

    static void require() {
        ExternalService.require("root".equals(System.getProperty("user.name")), "FUSE mount tests need root");
        ExternalService.require(Files.exists(Path.of("/dev/fuse")), "FUSE mount tests need /dev/fuse (modprobe fuse)");
        boolean lib;
        try {
            new FuseStubFS();
            lib = true;
        } catch (Throwable e) {
            lib = false;
        }
        ExternalService.require(lib, "FUSE mount tests need libfuse2: apt-get install -y libfuse2 fuse3");
    }
}
