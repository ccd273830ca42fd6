package dev.zos.node.registration;

import dev.zos.core.registry.model.NodeInterface;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/** The machine's physical-looking network interfaces (up, not loopback, with a MAC), as the registry takes them (≤ 10, ≤ 10 ips each). */
public final class HostInterfaces {
    private HostInterfaces() {
    }

    public static List<NodeInterface> read() {
        List<NodeInterface> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                byte[] mac = nic.getHardwareAddress();
                if (!nic.isUp() || nic.isLoopback() || nic.isVirtual() || mac == null || mac.length != 6) {
                    continue;
                }
                List<String> ips = new ArrayList<>();
                for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                    String text = a.getHostAddress();
                    int scope = text.indexOf('%');
                    ips.add(scope < 0 ? text : text.substring(0, scope)); // no %scope suffix
                }
                String name = nic.getName().length() > 32 ? nic.getName().substring(0, 32) : nic.getName();
                out.add(new NodeInterface(name, HexFormat.ofDelimiter(":").formatHex(mac), ips.subList(0, Math.min(10, ips.size()))));
                if (out.size() == 10) {
                    break;
                }
            }
        } catch (SocketException e) {
            return out;
        }
        out.sort(java.util.Comparator.comparing(NodeInterface::name));
        return out;
    }
}
