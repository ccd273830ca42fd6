package dev.zos.grid.boot;

import java.net.URI;

/**
 * The iPXE script a machine chains to from {@code /ipxe/<runmode>/<farm>[/<extra>]}. It keeps a NIC the firmware (or the
 * ROM that chained this script) already configured, since a new DHCP costs seconds; otherwise it DHCPs each NIC in
 * turn, three rounds. Then it fetches kernel and initramfs from this grid (three tries) and boots them with the farm's
 * command line. The kernel line names the initrd ({@code initrd=}): OVMF's iPXE hands it over only then. On failure it
 * says why and reboots (or, where the ROM has no reboot command, returns to the firmware, which tries again).
 */
final class BootScript {
    static final String INITRD_NAME = "initramfs.img";
    static final String KERNEL_NAME = "vmlinuz";
    static final int ROUNDS = 3;
    static final int REBOOT_DELAY_SECONDS = 10;

    private BootScript() {
    }

    static String of(BootTarget target, URI grid, String cmdline) {
        String base = grid.toString().replaceAll("/+$", "");
        String where = "/" + target.runmode().value() + "/" + target.farm();
        return String.join("\n",
                "#!ipxe",
                "echo Zero-OS network boot: farm " + target.farm() + ", runmode " + target.runmode().value() + ", grid " + base,
                "isset ${net0/mac} || goto no_nic",
                "",
                "# a NIC that is already configured is used as it is",
                "set zosidx:int32 0",
                ":configured",
                "isset ${net${zosidx}/mac} || goto dhcp",
                "isset ${net${zosidx}/ip} && goto network ||",
                "inc zosidx",
                "goto configured",
                "",
                "# else DHCP on each NIC in turn, " + ROUNDS + " rounds",
                ":dhcp",
                "set zosround:int32 0",
                ":dhcp_round",
                "inc zosround",
                "iseq ${zosround} " + (ROUNDS + 1) + " && goto no_network ||",
                "set zosidx:int32 0",
                ":dhcp_nic",
                "isset ${net${zosidx}/mac} || goto dhcp_round",
                "echo DHCP on net${zosidx} (${net${zosidx}/mac}), round ${zosround} of " + ROUNDS,
                "dhcp net${zosidx} && goto network ||",
                "inc zosidx",
                "goto dhcp_nic",
                "",
                ":network",
                "echo Network: net${zosidx} ${net${zosidx}/ip} gateway ${net${zosidx}/gateway}",
                "set zostry:int32 0",
                ":fetch",
                "inc zostry",
                "iseq ${zostry} " + (ROUNDS + 1) + " && goto no_download ||",
                "imgfree " + KERNEL_NAME + " ||",
                "imgfree " + INITRD_NAME + " ||",
                "echo Downloading the Zero-OS kernel and initramfs from " + base + " (try ${zostry} of " + ROUNDS + ")",
                "kernel --name " + KERNEL_NAME + " " + base + "/kernel" + where + " initrd=" + INITRD_NAME + " " + cmdline + " || goto fetch",
                "initrd --name " + INITRD_NAME + " " + base + "/initramfs" + where + " || goto fetch",
                "echo Starting Zero-OS",
                "boot || goto boot_failed",
                "",
                ":no_nic",
                "echo Zero-OS boot failed: no network card found (enable it in the firmware settings)",
                "goto reboot",
                ":no_network",
                "echo Zero-OS boot failed: no DHCP answer on any network card (check the cable and the DHCP server)",
                "goto reboot",
                ":no_download",
                "echo Zero-OS boot failed: cannot download the kernel or initramfs from " + base,
                "goto reboot",
                ":boot_failed",
                "echo Zero-OS boot failed: the downloaded kernel did not start",
                ":reboot",
                "echo Rebooting in " + REBOOT_DELAY_SECONDS + " seconds",
                "sleep " + REBOOT_DELAY_SECONDS + " ||",
                "reboot ||",
                "exit 1",
                "");
    }
}
