package dev.zos.core.registry.model;

import dev.zos.core.ZosException;

import java.util.List;

/** A network interface a node reports: name, MAC and its addresses (tfchain allows at most 10 interfaces). */
public record NodeInterface(String name, String mac, List<String> ips) {
    public NodeInterface {
        Checks.text(name, "interface.name", 32);
        Checks.text(mac, "interface.mac", 32);
        ips = List.copyOf(Checks.required(ips, "interface.ips"));
        if (ips.size() > 10) {
            throw ZosException.invalid("an interface carries at most 10 ips, got " + ips.size());
        }
        ips.forEach(ip -> Checks.text(ip, "interface ip", 64));
    }
}
