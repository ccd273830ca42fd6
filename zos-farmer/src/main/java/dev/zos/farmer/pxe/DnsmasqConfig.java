package dev.zos.farmer.pxe;

import dev.zos.core.ZosException;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The dnsmasq drop-in that turns a LAN host into a PXE server for one farm, next to the LAN's own DHCP server:
 * proxy-DHCP answers only PXE clients, plain PXE firmware gets iPXE over TFTP, and iPXE (recognised by its
 * user class) is sent to the grid's boot script, which fetches kernel and initramfs over HTTP.
 *
 * @param network   the LAN's IPv4 network address (proxy-DHCP serves that subnet)
 * @param iface     the interface to answer on, or null for all
 * @param scriptUrl the grid's iPXE script for the farm, {@code <grid>/ipxe/<runmode>/<farm>}
 */
public record DnsmasqConfig(String network, String iface, URI scriptUrl, long farmId) {
    public static final String PATH = "/etc/dnsmasq.d/zos-pxe.conf";
    public static final String TFTP_ROOT = "/srv/zos-pxe";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IFACE = Pattern.compile("[A-Za-z0-9_.:-]{1,15}");

    public DnsmasqConfig {
        if (!IPV4.matcher(network).matches()) {
            throw ZosException.invalid("bad IPv4 network address '" + network + "'");
        }
        if (iface != null && !IFACE.matcher(iface).matches()) {
            throw ZosException.invalid("bad interface name '" + iface + "'");
        }
        String scheme = scriptUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || scriptUrl.getHost() == null) {
            throw ZosException.invalid("the boot script URL must be http(s)://host/…, got " + scriptUrl);
        }
        if (scriptUrl.toString().matches(".*[\\s,\"].*")) {
            throw ZosException.invalid("the boot script URL may not contain spaces, commas or quotes: " + scriptUrl);
        }
    }

    /** {@code <grid>/ipxe/<runmode>/<farm>}. */
    public static URI scriptUrl(URI grid, String runmode, long farmId) {
        String base = grid.toString().replaceAll("/+$", "");
        return URI.create(base + "/ipxe/" + runmode + "/" + farmId);
    }

    public String render() {
        StringBuilder b = new StringBuilder();
        b.append("# Written by zos-farmer pxe setup: network boot of Zero-OS nodes for farm ").append(farmId).append(".\n");
        b.append("# Changes are overwritten; remove with 'zos-farmer pxe remove'.\n");
        b.append("# No DNS service: this host only adds PXE answers next to the LAN's DHCP server.\n");
        b.append("port=0\n");
        if (iface != null) {
            b.append("interface=").append(iface).append("\nbind-dynamic\n");
        }
        b.append("dhcp-range=").append(network).append(",proxy\n");
        b.append("enable-tftp\n");
        b.append("tftp-root=").append(TFTP_ROOT).append('\n');
        b.append("dhcp-userclass=set:ipxe,iPXE\n");
        b.append("pxe-prompt=\"Zero-OS network boot\",1\n");
        b.append("pxe-service=tag:!ipxe,x86PC,\"Zero-OS (BIOS)\",undionly.kpxe\n");
        b.append("pxe-service=tag:!ipxe,X86-64_EFI,\"Zero-OS (UEFI)\",ipxe.efi\n");
        b.append("pxe-service=tag:ipxe,x86PC,\"Zero-OS farm ").append(farmId).append("\",").append(scriptUrl).append('\n');
        b.append("pxe-service=tag:ipxe,X86-64_EFI,\"Zero-OS farm ").append(farmId).append("\",").append(scriptUrl).append('\n');
        return b.toString();
    }

    /** The network address of {@code 192.168.1.10/24}-style interface address. */
    public static String networkOf(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash < 0 || !IPV4.matcher(cidr.substring(0, slash)).matches()) {
            throw ZosException.invalid("bad IPv4 address '" + cidr + "'");
        }
        int prefix;
        try {
            prefix = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw ZosException.invalid("bad prefix length in '" + cidr + "'");
        }
        if (prefix < 8 || prefix > 30) {
            throw ZosException.invalid("prefix /" + prefix + " of " + cidr + " is not a LAN a PXE server can serve");
        }
        String[] parts = cidr.substring(0, slash).split("\\.");
        int address = 0;
        for (String part : parts) {
            address = address << 8 | Integer.parseInt(part);
        }
        int network = address & (-1 << (32 - prefix));
        return (network >>> 24) + "." + (network >>> 16 & 255) + "." + (network >>> 8 & 255) + "." + (network & 255);
    }
}
