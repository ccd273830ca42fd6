package dev.zos.qemu;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The QEMU command line for a {@link QemuConfig}: a pure function, unit-tested without QEMU. */
public final class QemuArgs {
    private QemuArgs() {
    }

    public static List<String> of(QemuConfig c) {
        List<String> a = new ArrayList<>();
        a.add(c.qemu().toString());
        a.addAll(List.of("-name", c.name()));
        if (c.kvm()) {
            a.addAll(List.of("-accel", "kvm", "-cpu", "host"));
        } else {
            a.addAll(List.of("-accel", "tcg", "-cpu", "max"));
        }
        a.addAll(List.of("-m", Integer.toString(c.memoryMb()), "-smp", Integer.toString(c.cpus())));
        a.addAll(List.of("-display", "none", "-monitor", "none", "-serial", "file:" + c.serialLog()));
        if (c.qmpSocket() != null) {
            a.addAll(List.of("-qmp", "unix:" + c.qmpSocket() + ",server=on,wait=off"));
        }
        if (c.noReboot()) {
            a.add("-no-reboot");
        }
        StringBuilder net = new StringBuilder("user,id=n0");
        for (String fwd : c.hostForwards()) {
            net.append(",hostfwd=").append(fwd);
        }
        if (c.boot() == BootMode.NETBOOT) {
            // a comma would end QEMU's option value: doubled, it stays in the URL
            net.append(",bootfile=").append(c.bootUrl().replace(",", ",,"));
        }
        a.addAll(List.of("-netdev", net.toString()));
        a.addAll(List.of("-device", "virtio-net-pci,netdev=n0" + (c.mac() != null ? ",mac=" + c.mac() : "")));
        if (c.solidStateDisks() && !c.disks().isEmpty()) {
            a.addAll(List.of("-device", "virtio-scsi-pci,id=scsi0"));
            for (int i = 0; i < c.disks().size(); i++) {
                a.addAll(List.of("-drive", "file=" + c.disks().get(i) + ",if=none,id=disk" + i + ",format=qcow2"));
                a.addAll(List.of("-device", "scsi-hd,drive=disk" + i + ",bus=scsi0.0,rotation_rate=1"));
            }
        } else {
            for (Path d : c.disks()) {
                a.addAll(List.of("-drive", "file=" + d + ",if=virtio,format=qcow2"));
            }
        }
        if (c.ovmfCode() != null) {
            // UEFI firmware (any boot mode): OVMF's code read-only, this VM's own copy of the variable store
            a.addAll(List.of("-drive", "if=pflash,format=raw,unit=0,readonly=on,file=" + c.ovmfCode()));
            a.addAll(List.of("-drive", "if=pflash,format=raw,unit=1,file=" + c.ovmfVars()));
        }
        switch (c.boot()) {
            case KERNEL -> {
                a.addAll(List.of("-kernel", c.kernel().toString(), "-initrd", c.initrd().toString()));
                if (c.append() != null && !c.append().isBlank()) {
                    a.addAll(List.of("-append", c.append()));
                }
            }
            case ISO -> a.addAll(List.of("-drive", "file=" + c.image() + ",media=cdrom,readonly=on", "-boot", "d"));
            // snapshot=on: writes go to a temporary overlay, the image stays as built (a read-only IDE disk is refused)
            case USB -> a.addAll(List.of("-drive", "file=" + c.image() + ",format=raw,if=ide,snapshot=on", "-boot", "c"));
            case EFI -> a.addAll(List.of("-drive", "file=fat:ro:" + c.efiDir() + ",format=raw,if=virtio,readonly=on"));
            // SeaBIOS runs the NIC's iPXE ROM, which takes the DHCP lease and chains to the boot file; under OVMF
            // (its drives added above) the ROM's iPXE is the firmware's network boot
            case NETBOOT -> a.addAll(List.of("-boot", "n"));
        }
        return a;
    }
}
