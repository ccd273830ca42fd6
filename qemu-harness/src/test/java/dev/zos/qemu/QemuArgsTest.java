package dev.zos.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class QemuArgsTest {
    private static QemuConfig config(BootMode mode, boolean kvm) {
        return config(mode, kvm, mode == BootMode.EFI);
    }

    private static QemuConfig config(BootMode mode, boolean kvm, boolean uefi) {
        return new QemuConfig("zos-node-1", Path.of("/usr/bin/qemu-system-x86_64"), mode, Path.of("/k/vmlinux"), Path.of("/k/initramfs.img"),
                "quiet farmer_id=7", Path.of("/i/zos.iso"), Path.of("/e/esp"), 1024, 2, kvm, List.of(Path.of("/w/disk.qcow2")),
                Path.of("/w/console.log"), uefi ? Path.of("/ovmf/CODE.fd") : null, uefi ? Path.of("/w/VARS.fd") : null, "52:54:00:12:34:01", List.of("tcp::2222-:22"), true);
    }

    @Test
    void kernelBootUnderTcg() {
        assertThat(QemuArgs.of(config(BootMode.KERNEL, false))).containsExactly(
                "/usr/bin/qemu-system-x86_64", "-name", "zos-node-1", "-accel", "tcg", "-cpu", "max", "-m", "1024", "-smp", "2",
                "-display", "none", "-monitor", "none", "-serial", "file:/w/console.log", "-no-reboot",
                "-netdev", "user,id=n0,hostfwd=tcp::2222-:22", "-device", "virtio-net-pci,netdev=n0,mac=52:54:00:12:34:01",
                "-drive", "file=/w/disk.qcow2,if=virtio,format=qcow2",
                "-kernel", "/k/vmlinux", "-initrd", "/k/initramfs.img", "-append", "quiet farmer_id=7");
    }

    @Test
    void aQmpSocketIsAUnixServerThatDoesNotWaitForAClient() {
        QemuConfig c = config(BootMode.KERNEL, false);
        QemuConfig withQmp = new QemuConfig(c.name(), c.qemu(), c.boot(), c.kernel(), c.initrd(), c.append(), c.image(), c.efiDir(),
                c.memoryMb(), c.cpus(), c.kvm(), c.disks(), c.serialLog(), c.ovmfCode(), c.ovmfVars(), c.mac(), c.hostForwards(), false,
                null, Path.of("/w/qmp.sock"), false);
        assertThat(QemuArgs.of(withQmp)).containsSequence("-qmp", "unix:/w/qmp.sock,server=on,wait=off").doesNotContain("-no-reboot");
        assertThat(QemuArgs.of(c)).doesNotContain("-qmp");
        assertThatThrownBy(() -> new QemuConfig(c.name(), c.qemu(), c.boot(), c.kernel(), c.initrd(), c.append(), c.image(), c.efiDir(),
                c.memoryMb(), c.cpus(), c.kvm(), c.disks(), c.serialLog(), c.ovmfCode(), c.ovmfVars(), c.mac(), c.hostForwards(), false,
                null, Path.of("/" + "d".repeat(120) + "/qmp.sock"), false)).hasMessageContaining("at most 107 bytes");
    }

    @Test
    void solidStateDisksAreScsiDisksThatDoNotRotate() {
        QemuConfig c = config(BootMode.KERNEL, false);
        QemuConfig ssd = new QemuConfig(c.name(), c.qemu(), c.boot(), c.kernel(), c.initrd(), c.append(), c.image(), c.efiDir(),
                c.memoryMb(), c.cpus(), c.kvm(), List.of(Path.of("/w/a.qcow2"), Path.of("/w/b.qcow2")), c.serialLog(), c.ovmfCode(),
                c.ovmfVars(), c.mac(), c.hostForwards(), true, null, null, true);
        assertThat(QemuArgs.of(ssd)).containsSequence("-device", "virtio-scsi-pci,id=scsi0",
                "-drive", "file=/w/a.qcow2,if=none,id=disk0,format=qcow2", "-device", "scsi-hd,drive=disk0,bus=scsi0.0,rotation_rate=1",
                "-drive", "file=/w/b.qcow2,if=none,id=disk1,format=qcow2", "-device", "scsi-hd,drive=disk1,bus=scsi0.0,rotation_rate=1")
                .doesNotContain("file=/w/a.qcow2,if=virtio,format=qcow2");
    }

    @Test
    void kvmUsesTheHostCpu() {
        assertThat(QemuArgs.of(config(BootMode.KERNEL, true))).containsSequence("-accel", "kvm", "-cpu", "host").doesNotContain("tcg");
    }

    @Test
    void isoBootsFromCdUnderBios() {
        List<String> a = QemuArgs.of(config(BootMode.ISO, false));
        assertThat(a).containsSequence("-drive", "file=/i/zos.iso,media=cdrom,readonly=on", "-boot", "d").doesNotContain("-kernel");
        assertThat(String.join(" ", a)).doesNotContain("pflash");
    }

    @Test
    void usbIsARawDiskWithASnapshot() {
        assertThat(QemuArgs.of(config(BootMode.USB, false))).containsSequence("-drive", "file=/i/zos.iso,format=raw,if=ide,snapshot=on");
    }

    @Test
    void efiBootsUnderOvmfWithItsOwnVariables() {
        assertThat(QemuArgs.of(config(BootMode.EFI, false))).containsSequence(
                "-drive", "if=pflash,format=raw,unit=0,readonly=on,file=/ovmf/CODE.fd",
                "-drive", "if=pflash,format=raw,unit=1,file=/w/VARS.fd",
                "-drive", "file=fat:ro:/e/esp,format=raw,if=virtio,readonly=on");
    }

    @Test
    void netbootHandsOutTheBootUrlAndBootsFromTheNetwork() {
        var c = new QemuConfig("zos-node-1", Path.of("/usr/bin/qemu-system-x86_64"), BootMode.NETBOOT, null, null, null, null, null, 1024, 2,
                false, List.of(Path.of("/w/disk.qcow2")), Path.of("/w/console.log"), null, null, "52:54:00:12:34:01", List.of(), true,
                "http://10.0.2.2:8080/ipxe/dev/7/console=ttyS0,115200");
        List<String> a = QemuArgs.of(c);
        assertThat(a).containsSequence("-netdev", "user,id=n0,bootfile=http://10.0.2.2:8080/ipxe/dev/7/console=ttyS0,,115200")
                .containsSequence("-boot", "n").doesNotContain("-kernel", "-initrd");
        assertThat(String.join(" ", a)).doesNotContain("pflash", "cdrom");
        assertThatThrownBy(() -> new QemuConfig("n", Path.of("q"), BootMode.NETBOOT, null, null, null, null, null, 1024, 1, false,
                List.of(), Path.of("log"), null, null, null, List.of(), false, null)).hasMessageContaining("boot URL");
        var uefi = new QemuConfig("n", Path.of("q"), BootMode.NETBOOT, null, null, null, null, null, 1024, 1, false, List.of(),
                Path.of("log"), Path.of("/ovmf/CODE.fd"), Path.of("/w/VARS.fd"), null, List.of(), false, "http://10.0.2.2:1/ipxe/dev/7");
        assertThat(QemuArgs.of(uefi)).containsSequence("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=/ovmf/CODE.fd",
                "-drive", "if=pflash,format=raw,unit=1,file=/w/VARS.fd").containsSequence("-boot", "n");
        assertThatThrownBy(() -> new QemuConfig("n", Path.of("q"), BootMode.NETBOOT, null, null, null, null, null, 1024, 1, false,
                List.of(), Path.of("log"), null, null, null, List.of(), false, "http://x/a b")).hasMessageContaining("boot URL");
    }

    @Test
    void isoBootsFromCdUnderUefiWhenGivenOvmf() {
        List<String> a = QemuArgs.of(config(BootMode.ISO, false, true));
        assertThat(a).containsSequence("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=/ovmf/CODE.fd",
                "-drive", "if=pflash,format=raw,unit=1,file=/w/VARS.fd").containsSequence("-drive", "file=/i/zos.iso,media=cdrom,readonly=on");
    }

    @Test
    void usbUnderBiosHasNoFirmwareFlash() {
        assertThat(String.join(" ", QemuArgs.of(config(BootMode.USB, false)))).doesNotContain("pflash");
    }

    @Test
    void configIsValidated() {
        assertThatThrownBy(() -> new QemuConfig("n", Path.of("q"), BootMode.KERNEL, null, null, null, null, null, 1024, 1, false,
                List.of(), Path.of("log"), null, null, null, List.of(), false)).hasMessageContaining("kernel");
        assertThatThrownBy(() -> new QemuConfig("n", Path.of("q"), BootMode.ISO, null, null, null, Path.of("x.iso"), null, 64, 1, false,
                List.of(), Path.of("log"), null, null, null, List.of(), false)).hasMessageContaining("128 MiB");
        assertThatThrownBy(() -> new QemuConfig("n", Path.of("q"), BootMode.ISO, null, null, null, Path.of("x.iso"), null, 1024, 1, false,
                List.of(), Path.of("log"), Path.of("CODE.fd"), null, null, List.of(), false)).hasMessageContaining("OVMF");
    }

    @Test
    void vmlinuxMagicIsFound() {
        byte[] data = {1, 2, (byte) 0xFD, '7', 'z', 'X', 'Z', 0, 5};
        assertThat(Vmlinux.indexOf(data, new byte[] {(byte) 0xFD, '7', 'z', 'X', 'Z', 0})).isEqualTo(2);
    }
}
