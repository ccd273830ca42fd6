package dev.zos.core.registry.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * A node as the explorer shows it (the fields the tools use); times in unix seconds, sizes in bytes.
 * {@code status} is {@code up}, {@code standby} or {@code down}; {@code power} holds the node's reported
 * state and the farmer's target ({@code up} or {@code down}).
 */
@JsonPropertyOrder({"nodeId", "farmId", "farmName", "twinId", "country", "city", "status", "power", "uptime",
        "created", "updatedAt", "total_resources", "used_resources", "free_resources", "serialNumber", "virtualized",
        "interfaces"})
public record GridNode(
        @JsonProperty("nodeId") long nodeId,
        @JsonProperty("farmId") long farmId,
        @JsonProperty("farmName") String farmName,
        @JsonProperty("twinId") long twinId,
        @JsonProperty("country") String country,
        @JsonProperty("city") String city,
        @JsonProperty("status") String status,
        @JsonProperty("power") Power power,
        @JsonProperty("uptime") long uptime,
        @JsonProperty("created") long created,
        @JsonProperty("updatedAt") long updatedAt,
        @JsonProperty("total_resources") Capacity totalResources,
        @JsonProperty("used_resources") Capacity usedResources,
        @JsonProperty("free_resources") Capacity freeResources,
        @JsonProperty("serialNumber") String serialNumber,
        @JsonProperty("virtualized") boolean virtualized,
        @JsonProperty("interfaces") java.util.List<Interface> interfaces) {

    public GridNode {
        totalResources = totalResources == null ? Capacity.NONE : totalResources;
        usedResources = usedResources == null ? Capacity.NONE : usedResources;
        freeResources = freeResources == null ? Capacity.NONE : freeResources;
        power = power == null ? new Power("up", "up") : power;
        interfaces = interfaces == null ? java.util.List.of() : java.util.List.copyOf(interfaces);
    }

    /** Fields for people, in order ({@code memory: 2 GiB used of 8 GiB}); {@code now} dates the last report. */
    public LinkedHashMap<String, String> describe(Instant now) {
        var f = new LinkedHashMap<String, String>();
        f.put("node", Long.toString(nodeId));
        f.put("farm", farmName == null || farmName.isEmpty() ? Long.toString(farmId) : farmId + " (" + farmName + ")");
        f.put("twin", Long.toString(twinId));
        f.put("status", status);
        f.put("power", "target " + power.target() + ", reported " + power.state());
        f.put("location", city == null || city.isEmpty() ? country : city + ", " + country);
        f.put("cpu", usedResources.cru() + " of " + totalResources.cru() + " cores used");
        f.put("memory", usedOf(usedResources.mru(), totalResources.mru()));
        f.put("ssd", usedOf(usedResources.sru(), totalResources.sru()));
        f.put("hdd", usedOf(usedResources.hru(), totalResources.hru()));
        f.put("uptime", uptime == 0 ? "-" : Human.duration(uptime));
        f.put("last report", Human.ago(updatedAt, now));
        f.put("registered", Human.ago(created, now));
        f.put("serial", serialNumber == null ? "" : serialNumber);
        f.put("virtualized", virtualized ? "yes" : "no");
        return f;
    }

    private static String usedOf(long used, long total) {
        return Human.size(used) + " used of " + Human.size(total);
    }

    /**
     * The MACs of the node's registered interfaces, each once, for Wake-on-LAN; a MAC no network card could have
     * (empty, multicast, malformed) is left out.
     */
    public java.util.List<dev.zos.core.power.MacAddress> macAddresses() {
        var out = new java.util.ArrayList<dev.zos.core.power.MacAddress>();
        for (Interface i : interfaces) {
            try {
                var mac = dev.zos.core.power.MacAddress.of(i.mac());
                if (!out.contains(mac)) {
                    out.add(mac);
                }
            } catch (dev.zos.core.ZosException e) {
                // nothing to wake there
            }
        }
        return java.util.List.copyOf(out);
    }

    /** A network interface the node registered (a grid without them, like grid-proxy, lists none). */
    public record Interface(@JsonProperty("name") String name, @JsonProperty("mac") String mac,
                            @JsonProperty("ips") java.util.List<String> ips) {
        public Interface {
            ips = ips == null ? java.util.List.of() : java.util.List.copyOf(ips);
        }
    }

    /** The node's reported power state and the farmer's power target: "up" or "down". */
    public record Power(@JsonProperty("state") String state, @JsonProperty("target") String target) {
    }
}
