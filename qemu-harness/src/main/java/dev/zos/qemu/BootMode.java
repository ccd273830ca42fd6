package dev.zos.qemu;

/** How QEMU boots an image: which firmware, which device. */
public enum BootMode {
    /** {@code -kernel/-initrd/-append} with the uncompressed PVH vmlinux (SeaBIOS never runs). */
    KERNEL,
    /** A hybrid ISO as a CD under SeaBIOS. */
    ISO,
    /** A raw disk image (USB stick) under SeaBIOS. */
    USB,
    /** A unified kernel image as EFI/BOOT/BOOTX64.EFI on a FAT drive under OVMF. */
    EFI,
    /** Network boot under SeaBIOS with QEMU's iPXE ROM: the user network's DHCP hands out a boot URL (an iPXE script). */
    NETBOOT
}
