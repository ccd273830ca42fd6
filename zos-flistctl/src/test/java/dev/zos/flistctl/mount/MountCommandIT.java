package dev.zos.flistctl.mount;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.flist.mount.FlistMount;
import dev.zos.flist.mount.MountTable;
import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.dir.DirStore;
import dev.zos.flistctl.FlistctlMain;
import dev.zos.testkit.CliHarness;
import dev.zos.testkit.ExternalService;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code zos-flistctl mount / umount} for real: in the foreground (ended by SIGTERM), detached with {@code -d}.
 * Each mount starts a JVM, so this is an IT.
 */
class MountCommandIT {

    @TempDir
    Path tmp;
    Path fl;
    Path target;
    CliHarness cli;

    @BeforeEach
    void packATree() throws Exception {
        ExternalService.require("root".equals(System.getProperty("user.name")) && Files.exists(Path.of("/dev/fuse")),
                "FUSE mount tests need root and /dev/fuse (apt-get install -y libfuse2 fuse3)");
        Path tree = Files.createDirectories(tmp.resolve("tree/etc"));
        Files.writeString(tree.resolve("motd"), "hello from an flist\n");
        fl = tmp.resolve("app.fl");
        try (BlockStore store = new DirStore(tmp.resolve("store"))) {
            Packer.pack(tmp.resolve("tree"), fl, store, PackOptions.defaults());
        }
        target = Files.createDirectories(tmp.resolve("mnt"));
        cli = new CliHarness(FlistctlMain.class, tmp.resolve("home"));
    }

    private boolean mounted() {
        return MountTable.at(target).filter(e -> e.fsType().equals(FlistMount.FS_TYPE)).isPresent();
    }

    private void awaitMounted(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!mounted()) {
            assertThat(p.isAlive()).as("mount process alive").isTrue();
            assertThat(System.nanoTime()).as("mount within 90 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void foregroundMountServesUntilSigterm() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), FlistctlMain.class.getName(),
                "mount", "-m", fl.toString(), "-c", tmp.resolve("cache").toString(), target.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("fg.log").toFile()).start();
        try {
            awaitMounted(p);
            assertThat(Files.readString(target.resolve("etc/motd"))).isEqualTo("hello from an flist\n");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(mounted()).as("unmounted on SIGTERM; log: %s", Files.readString(tmp.resolve("fg.log"))).isFalse();
        } finally {
            p.destroyForcibly();
            if (mounted()) {
                FlistMount.unmount(target, true);
            }
        }
    }

    @Test
    void daemonMountReturnsWhenLiveAndUmountEndsIt() throws Exception {
        try {
            var r = cli.run("mount", "-m", fl.toString(), "-c", tmp.resolve("cache").toString(), "-d", target.toString());
            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("mounted").contains(target.toString());
            assertThat(mounted()).isTrue();
            assertThat(Files.readString(target.resolve("etc/motd"))).isEqualTo("hello from an flist\n");
            Optional<ProcessHandle> server = ProcessHandle.of(Long.parseLong(MountTable.at(target).orElseThrow().source()));
            assertThat(server).isPresent();

            var again = cli.run("mount", "-m", fl.toString(), "-d", target.toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).contains("already a mount point");

            var u = cli.run("umount", target.toString());
            assertThat(u.exitCode()).as(u.err()).isZero();
            assertThat(mounted()).isFalse();
            server.get().onExit().get(60, TimeUnit.SECONDS);
            assertThat(server.get().isAlive()).isFalse();

            var none = cli.run("umount", target.toString());
            assertThat(none.exitCode()).isEqualTo(1);
            assertThat(none.err()).contains("not a mount point");
        } finally {
            if (mounted()) {
                FlistMount.unmount(target, true);
            }
        }
    }

    @Test
    void badInputFailsWithOneLineAndMountsNothing() {
        var r = cli.run("mount", "-m", tmp.resolve("missing.fl").toString(), target.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip().lines().count()).isEqualTo(1);
        assertThat(r.err()).contains("missing.fl");
        var size = cli.run("mount", "-m", fl.toString(), "--cache-size", "lots", target.toString());
        assertThat(size.exitCode()).isEqualTo(2);
        assertThat(size.err()).contains("'lots' is not a size");
        assertThat(mounted()).isFalse();
    }
}
