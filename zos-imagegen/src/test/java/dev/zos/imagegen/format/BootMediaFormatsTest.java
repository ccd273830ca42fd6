package dev.zos.imagegen.format;

import static org.assertj.core.api.Assertions.assertThat;

import dev.zos.imagegen.TestKernels;
import dev.zos.imagegen.build.BuildRequest;
import dev.zos.imagegen.build.Cmdline;
import dev.zos.imagegen.build.ImageBuilder;
import dev.zos.imagegen.build.Runmode;
import dev.zos.imagegen.initramfs.Compression;
import dev.zos.imagegen.manifest.ReleaseKey;
import dev.zos.testkit.ExternalService;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot media as built (booting them is qemu-harness' BootMediaIT): the ISO and the USB image carry the kernel
 * and the initramfs once, with the same command line for isolinux (BIOS) and GRUB (UEFI), GRUB finding the file
 * system by this image's marker; the EFI executable carries the command line in its {@code .cmdline} section; the
 * same request gives the same bytes. Needs xorriso, isolinux, mtools, grub-efi-amd64-bin, systemd-boot-efi.
 */
class BootMediaFormatsTest {
    @TempDir
    static Path tmp;
    static Path key;
    static Path agent;

    @BeforeAll
    static void setUp() throws IOException {
        for (String tool : List.of("xorriso", "mformat", "mcopy", "grub-mkimage", "objcopy")) {
            ExternalService.require(Stream.of("/usr/bin", "/usr/sbin", "/bin").anyMatch(d -> Files.isExecutable(Path.of(d, tool))),
                    tool + " is missing: apt-get install -y xorriso mtools grub-common grub-efi-amd64-bin isolinux syslinux-common systemd-boot-efi");
        }
        key = tmp.resolve("release.key");
        ReleaseKey.create(key, false);
        agent = tmp.resolve("agent");
        Files.createDirectories(agent.resolve("lib"));
        var mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (var jar = new JarOutputStream(Files.newOutputStream(agent.resolve("zos-node.jar")), mf)) {
            jar.putNextEntry(new java.util.jar.JarEntry("README"));
            jar.write("stand-in agent".getBytes());
        }
    }

    private static BuildRequest request(String format) {
        return new BuildRequest(7, URI.create("http://10.0.2.2:8080"), Runmode.DEV, format, null, "ttyS0", "no_timer_check", false,
                Compression.ZSTD, key, agent, 1_700_000_000L);
    }

    private static Path build(String format, String dir) {
        Path out = tmp.resolve(dir);
        new ImageBuilder(TestKernels.cacheRoot(), FormatRegistry.standard(), s -> { }).build(request(format), out);
        return out;
    }

    @Test
    void isoBootsOneKernelAndInitramfsFromBothLoadersAndIsReproducible() throws Exception {
        Path a = build("iso", "iso-a").resolve(IsoFormat.FILE);
        Path b = build("iso", "iso-b").resolve(IsoFormat.FILE);
        assertThat(sha256(b)).as("same request, same bytes").isEqualTo(sha256(a));
        String cmdline = Cmdline.of(request("iso"));
        Path x = extract(a, tmp.resolve("iso-x"));
        assertThat(Files.readString(x.resolve("isolinux/isolinux.cfg"))).contains("KERNEL /vmlinuz", "INITRD /initrd.img", "APPEND " + cmdline + "\n");
        long initrd = Files.size(x.resolve("initrd.img"));
        // the initramfs is on the ISO once: the EFI side is GRUB (well under a MiB), not a second copy inside a UKI
        assertThat(Files.size(a)).isLessThan(Files.size(x.resolve("vmlinuz")) + initrd + (8L << 20));
        assertThat(Files.size(x.resolve("efiboot.img"))).isLessThanOrEqualTo(4L << 20);
        Path grub = tmp.resolve("BOOTX64.EFI");
        run(List.of("mcopy", "-n", "-i", x.resolve("efiboot.img").toString(), "::/EFI/BOOT/BOOTX64.EFI", grub.toString()));
        String grubBytes = new String(Files.readAllBytes(grub), StandardCharsets.ISO_8859_1);
        try (Stream<Path> s = Files.list(x)) {
            String marker = s.map(p -> p.getFileName().toString()).filter(n -> n.matches("zos-[0-9a-f]{16}\\.id")).findFirst().orElseThrow();
            assertThat(grubBytes).contains("search --no-floppy --set=root --file /" + marker + "\n", "linux /vmlinuz " + cmdline + "\n", "initrd /initrd.img\n",
                    "serial --unit=0 --speed=115200");
        }
    }

    @Test
    void usbImageIsTheHybridLayoutAndEfiCarriesItsCommandLine() throws Exception {
        Path usb = build("usb", "usb").resolve(UsbFormat.FILE);
        byte[] head = new byte[512];
        try (var in = Files.newInputStream(usb)) {
            assertThat(in.readNBytes(head, 0, 512)).isEqualTo(512);
        }
        assertThat(head[510]).as("MBR signature").isEqualTo((byte) 0x55);
        assertThat(head[511]).isEqualTo((byte) 0xAA);
        Path x = extract(usb, tmp.resolve("usb-x"));
        assertThat(Files.readString(x.resolve("isolinux/isolinux.cfg"))).contains("APPEND " + Cmdline.of(request("usb")));

        Path efi = build("efi", "efi").resolve(EfiFormat.FILE);
        String sections = run(List.of("objdump", "-h", efi.toString()));
        assertThat(sections).contains(".osrel", ".cmdline", ".linux", ".initrd");
        Path cmdline = tmp.resolve("cmdline.bin");
        run(List.of("objcopy", "-O", "binary", "--only-section=.cmdline", efi.toString(), cmdline.toString()));
        assertThat(new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).replace("\0", "")).isEqualTo(Cmdline.of(request("efi")));
    }

    private static Path extract(Path iso, Path dir) throws Exception {
        run(List.of("xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", dir.toString()));
        return dir;
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }

    private static String sha256(Path p) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }
}
