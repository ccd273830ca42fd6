package dev.zos.qemu;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One virtual machine, fully described: the pure function {@link QemuArgs#of} turns it into QEMU's argument list.
 *
 * @param boot   how it boots; {@code kernel}/{@code initrd}/{@code append} for {@link BootMode#KERNEL},
 *               {@code image} for ISO/USB, {@code efiDir} (a folder holding EFI/BOOT/BOOTX64.EFI) for EFI
 * @param disks  qcow2 disks, attached as virtio block devices in order
 * @param ovmfCode UEFI firmware code (required for EFI, optional for the others: an ISO or USB image or a network
 *                 boot under UEFI), null for SeaBIOS; {@code ovmfVars} a fresh per-VM copy of the variable store
 * @param hostForwards user-network port forwards, e.g. {@code tcp::2222-:22}
 * @param bootUrl the URL QEMU's DHCP hands out as the boot file ({@link BootMode#NETBOOT} only), e.g.
 *                {@code http://10.0.2.2:8080/ipxe/dev/7}
 * @param qmpSocket where QEMU listens for QMP (the harness resets the machine through it), or null for none
 * @param solidStateDisks attach the disks as SCSI disks that report no rotation (the guest sees SSDs, {@code sda}…)
 *                        instead of virtio block devices, which Linux always reports as rotational ({@code vda}…)
 */
public record QemuConfig(String name, Path qemu, BootMode boot, Path kernel, Path initrd, String append, Path image,
                         Path efiDir, int memoryMb, int cpus, boolean kvm, List<Path> disks, Path serialLog,
                         Path ovmfCode, Path ovmfVars, String mac, List<String> hostForwards, boolean noReboot,
                         String bootUrl, Path qmpSocket, boolean solidStateDisks) {
    /** A sun_path holds 108 bytes with its terminating NUL. */
    static final int MAX_SOCKET_PATH = 107;

    /** Without a QMP socket, with virtio disks. */
    public QemuConfig(String name, Path qemu, BootMode boot, Path kernel, Path initrd, String append, Path image,
                      Path efiDir, int memoryMb, int cpus, boolean kvm, List<Path> disks, Path serialLog,
                      Path ovmfCode, Path ovmfVars, String mac, List<String> hostForwards, boolean noReboot, String bootUrl) {
        this(name, qemu, boot, kernel, initrd, append, image, efiDir, memoryMb, cpus, kvm, disks, serialLog, ovmfCode, ovmfVars, mac,
                hostForwards, noReboot, bootUrl, null, false);
    }

    public QemuConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(qemu, "qemu");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(serialLog, "serialLog");
        disks = List.copyOf(disks);
        hostForwards = List.copyOf(hostForwards);
        if (memoryMb < 128) {
            throw new IllegalArgumentException("memory must be at least 128 MiB, got " + memoryMb);
        }
        if (cpus < 1) {
            throw new IllegalArgumentException("cpus must be at least 1, got " + cpus);
        }
        switch (boot) {
            case KERNEL -> {
                Objects.requireNonNull(kernel, "kernel boot needs a kernel");
                Objects.requireNonNull(initrd, "kernel boot needs an initrd");
            }
            case ISO, USB -> Objects.requireNonNull(image, boot + " boot needs an image");
            case EFI -> {
                Objects.requireNonNull(efiDir, "EFI boot needs a folder with EFI/BOOT/BOOTX64.EFI");
                Objects.requireNonNull(ovmfCode, "EFI boot needs OVMF_CODE");
                Objects.requireNonNull(ovmfVars, "EFI boot needs a copy of OVMF_VARS");
            }
            case NETBOOT -> {
                Objects.requireNonNull(bootUrl, "network boot needs a boot URL");
                if (!bootUrl.matches("(https?|tftp)://\\S+")) {
                    throw new IllegalArgumentException("boot URL must be an http(s) or tftp URL without spaces, got " + bootUrl);
                }
                if (ovmfCode != null) {
                    Objects.requireNonNull(ovmfVars, "network boot under OVMF needs a copy of OVMF_VARS");
                }
            }
        }
        if ((ovmfCode == null) != (ovmfVars == null)) {
            throw new IllegalArgumentException("OVMF code and a copy of its variables go together");
        }
        if (qmpSocket != null && (qmpSocket.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SOCKET_PATH
                || qmpSocket.toString().contains(","))) {
            throw new IllegalArgumentException("the QMP socket path must be at most " + MAX_SOCKET_PATH
                    + " bytes without commas, got " + qmpSocket);
        }
        if (mac != null && !mac.matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
            throw new IllegalArgumentException("mac must look like 52:54:00:12:34:56, got " + mac);
        }
    }

    /** A machine that does not boot from the network. */
    public QemuConfig(String name, Path qemu, BootMode boot, Path kernel, Path initrd, String append, Path image,
                      Path efiDir, int memoryMb, int cpus, boolean kvm, List<Path> disks, Path serialLog,
                      Path ovmfCode, Path ovmfVars, String mac, List<String> hostForwards, boolean noReboot) {
        this(name, qemu, boot, kernel, initrd, append, image, efiDir, memoryMb, cpus, kvm, disks, serialLog, ovmfCode, ovmfVars,
                mac, hostForwards, noReboot, null);
    }
}
