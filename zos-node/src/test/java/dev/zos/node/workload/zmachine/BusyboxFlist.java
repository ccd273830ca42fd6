package dev.zos.node.workload.zmachine;

import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.node.workload.host.ProcessRunner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A tiny root filesystem from Debian's busybox-static, packed as an flist and served by a {@link TestHub}. */
final class BusyboxFlist {
    private BusyboxFlist() {
    }

    /**
     * /bin/busybox with a symlink per applet and a {@code /.startup.toml} (rfs's shape) for machines deployed without
     * an entrypoint, packed into a dir:// store under {@code tmp}.
     */
    static byte[] pack(Path tmp, ProcessRunner runner) throws Exception {
        Path rootfs = tmp.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        for (String d : List.of("proc", "sys", "dev", "tmp", "etc", "data")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : runner.check("busybox", List.of("busybox", "--list"), Duration.ofSeconds(10))
                .stdout().split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        Files.writeString(rootfs.resolve(".startup.toml"), """
                [startup.entry]
                name = "core.system"

                [startup.entry.args]
                name = "/bin/sh"
                args = ["-c", "echo \\"started by the flist in $(pwd) as $ROLE\\"; exec sleep 600"]
                dir = "/tmp"

                [startup.entry.args.env]
                ROLE = "its own startup"
                """);
        Path fl = tmp.resolve("busybox.fl");
        try (BlockStore store = Stores.defaults().open("dir://" + tmp.resolve("blocks"))) {
            Packer.pack(rootfs, fl, store, PackOptions.defaults());
        }
        return Files.readAllBytes(fl);
    }

    /** Serves the flist at {@code path} with its {@code .md5}, as the hub does. */
    static void serve(TestHub hub, String path, byte[] flist) throws Exception {
        hub.put(path, flist);
        hub.put(path + ".md5", (FlistFetcherTest.md5(flist) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
