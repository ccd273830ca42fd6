package dev.zos.imagegen.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.imagegen.TestKernels;
import dev.zos.imagegen.format.FormatRegistry;
import dev.zos.imagegen.initramfs.Compression;
import dev.zos.imagegen.initramfs.FsTree;
import dev.zos.imagegen.initramfs.Initramfs;
import dev.zos.imagegen.manifest.ImageSigner;
import dev.zos.imagegen.manifest.ReleaseKey;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole pipeline on the real kernel: reproducible, signed, and without a shell. */
class ImageBuilderTest {
    @TempDir
    static Path tmp;
    static Path key;
    static Path agent;

    @BeforeAll
    static void setUp() throws IOException {
        key = tmp.resolve("release.key");
        ReleaseKey.create(key, false);
        agent = tmp.resolve("agent");
        Files.createDirectories(agent.resolve("lib"));
        // a stand-in agent: a jar with a manifest, so the test does not depend on zos-node being built
        var mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (var jar = new JarOutputStream(Files.newOutputStream(agent.resolve("zos-node.jar")), mf)) {
            jar.putNextEntry(new java.util.jar.JarEntry("README"));
            jar.write("stand-in agent".getBytes());
        }
    }

    private static BuildRequest request(String format) {
        return new BuildRequest(7, URI.create("http://10.0.2.2:8080"), Runmode.DEV, format, null, "ttyS0", null, false,
                Compression.ZSTD, key, agent, 0);
    }

    private static ImageBuilder builder() {
        return new ImageBuilder(TestKernels.cacheRoot(), FormatRegistry.standard(), s -> { });
    }

    @Test
    void sameInputsGiveByteIdenticalImages() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        builder().build(request("kernel"), a);
        builder().build(request("kernel"), b);
        for (String f : List.of("vmlinuz", "initramfs.img", "cmdline")) {
            assertThat(sha256(b.resolve(f))).as(f).isEqualTo(sha256(a.resolve(f)));
        }
        FsTree tree = Initramfs.read(Files.readAllBytes(a.resolve("initramfs.img")), "initramfs");
        assertThat(ImageSigner.verify(tree, ReleaseKey.loadPublic(ReleaseKey.publicFileOf(key))).problems()).isEmpty();
        assertNoShell(tree);
        assertThat(tree.get("/init")).isInstanceOf(FsTree.File.class);
        assertThat(tree.get("/usr/lib/jvm/bin/java")).isInstanceOf(FsTree.File.class);
        assertThat(tree.get("/dev/console")).isEqualTo(new FsTree.CharDevice(0600, 5, 1));
        // the cache disk is formatted on first boot by the one helper program, with its libraries
        assertThat(tree.get("/usr/sbin/mkfs.ext4")).isInstanceOf(FsTree.File.class);
        assertThat(tree.nodes().keySet()).anyMatch(p -> p.contains("libext2fs.so")).anyMatch(p -> p.contains("libcom_err.so"));
        String order = new String(((FsTree.File) tree.get(NodeRootfs.MODULES_ORDER)).bytes());
        assertThat(order).contains("virtio_net.ko", "ext4.ko").doesNotContain(".xz", ".zst");
        assertRunsWorkloads(tree, order);
    }

    /**
     * What the workload drivers run: every helper at its host path with its libraries, the libraries jnr loads by name,
     * the links they expect, and the modules of disks, overlays, FUSE, bridges and veths.
     */
    static void assertRunsWorkloads(FsTree tree, String order) {
        for (String helper : List.of("/usr/bin/crun", "/usr/sbin/ip", "/usr/bin/mount", "/usr/bin/umount", "/usr/sbin/e2fsck", "/usr/sbin/resize2fs")) {
            assertThat(tree.get(helper)).as(helper).isInstanceOf(FsTree.File.class);
        }
        assertThat(tree.get("/usr/sbin/runc")).as("one OCI runtime, the small one").isNull();
        assertThat(tree.nodes().keySet()).contains("/lib/x86_64-linux-gnu/libfuse.so.2", "/usr/lib/x86_64-linux-gnu/libsodium.so.23")
                .anyMatch(p -> p.endsWith("/libyajl.so.2")).anyMatch(p -> p.endsWith("/libmnl.so.0")).anyMatch(p -> p.endsWith("/libmount.so.1"));
        assertThat(tree.get("/etc/mtab")).isEqualTo(new FsTree.Symlink("/proc/self/mounts"));
        assertThat(tree.get("/var/run")).isEqualTo(new FsTree.Symlink("/run"));
        assertThat(order).contains("/loop.ko", "/overlay.ko", "/fuse.ko", "/bridge.ko", "/stp.ko", "/veth.ko");
    }

    /** The image has no shell, no busybox, no getty and no sshd: nothing to log in with. */
    static void assertNoShell(FsTree tree) {
        for (String path : tree.nodes().keySet()) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            assertThat(name).as(path).isNotIn("sh", "bash", "dash", "ash", "zsh", "busybox", "sshd", "dropbear", "login");
            assertThat(name).as(path).doesNotContain("getty");
        }
        assertThat(tree.get("/bin/sh")).isNull();
    }

    @Test
    void unknownFormatIsRejectedWithTheValidOnes() {
        assertThatThrownBy(() -> builder().build(request("floppy"), tmp.resolve("x")))
                .isInstanceOf(ZosException.class)
                .hasMessage("unknown image format 'floppy'; valid formats: kernel, ipxe, iso, usb, efi");
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();
    }

    @Test
    void commandLineCarriesFarmRunmodeGridAndOnlyAskedExtras() {
        assertThat(Cmdline.of(request("kernel"))).isEqualTo("quiet console=ttyS0,115200 panic=10 version=v3 runmode=dev farmer_id=7 "
                + "zos-grid=http://10.0.2.2:8080 registry=http://10.0.2.2:8080 relay=ws://10.0.2.2:8080/");
        var debug = new BuildRequest(3, URI.create("https://grid.example/"), Runmode.PROD, "kernel", null, null, "vlan:pub=4", true,
                Compression.XZ, key, agent, 0);
        assertThat(Cmdline.of(debug)).isEqualTo("quiet panic=10 version=v3 runmode=prod farmer_id=3 zos-grid=https://grid.example "
                + "registry=https://grid.example relay=wss://grid.example/ zos-debug vlan:pub=4");
    }

    @Test
    void badRequestsFailWithAClearMessage() {
        assertThatThrownBy(() -> new BuildRequest(0, URI.create("http://x"), Runmode.DEV, "kernel", null, null, null, false, Compression.ZSTD, key, agent, 0))
                .hasMessageContaining("--farm");
        assertThatThrownBy(() -> new BuildRequest(1, URI.create("ftp://x"), Runmode.DEV, "kernel", null, null, null, false, Compression.ZSTD, key, agent, 0))
                .hasMessageContaining("--grid");
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
