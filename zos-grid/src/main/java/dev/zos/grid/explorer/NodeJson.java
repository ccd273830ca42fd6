package dev.zos.grid.explorer;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zos.grid.registry.NodeView;
import dev.zos.core.registry.model.Farm;
import dev.zos.core.registry.model.Node;

/**
 * A node as {@code /nodes} shows it, with grid-proxy's field names; times in unix seconds, sizes in bytes.
 * {@code free_resources}, {@code virtualized} and {@code interfaces} (what the node registered: name, MAC, addresses;
 * Wake-on-LAN needs the MACs) are this grid's additions.
 */
@JsonPropertyOrder({"nodeId", "farmId", "farmName", "twinId", "country", "city", "uptime", "created", "updatedAt",
        "total_resources", "used_resources", "free_resources", "location", "status", "power", "serialNumber",
        "virtualized", "farm_free_ips", "interfaces"})
public record NodeJson(
        @JsonProperty("nodeId") long nodeId,
        @JsonProperty("farmId") long farmId,
        @JsonProperty("farmName") String farmName,
        @JsonProperty("twinId") long twinId,
        @JsonProperty("country") String country,
        @JsonProperty("city") String city,
        @JsonProperty("uptime") long uptime,
        @JsonProperty("created") long created,
        @JsonProperty("updatedAt") long updatedAt,
        @JsonProperty("total_resources") CapacityJson totalResources,
        @JsonProperty("used_resources") CapacityJson usedResources,
        @JsonProperty("free_resources") CapacityJson freeResources,
        @JsonProperty("location") LocationJson location,
        @JsonProperty("status") String status,
        @JsonProperty("power") PowerJson power,
        @JsonProperty("serialNumber") String serialNumber,
        @JsonProperty("virtualized") boolean virtualized,
        @JsonProperty("farm_free_ips") long farmFreeIps,
        @JsonProperty("interfaces") java.util.List<InterfaceJson> interfaces) {

    /** grid-proxy's location; coordinates are numbers there, decimal strings in the registry. */
    public record LocationJson(String country, String city, double longitude, double latitude) {
    }

    /** The farmer's power target and the node's reported power state: "up" or "down". */
    public record PowerJson(String state, String target) {
    }

    /** A registered network interface. */
    public record InterfaceJson(@JsonProperty("name") String name, @JsonProperty("mac") String mac,
                                @JsonProperty("ips") java.util.List<String> ips) {
    }

    static NodeJson of(NodeView v, Farm farm) {
        Node n = v.node();
        var loc = n.location();
        return new NodeJson(n.id(), n.farmId(), farm == null ? "" : farm.name(), n.twinId(), loc.country(),
                loc.city(), n.uptime(), n.created(), n.updated(), CapacityJson.of(n.resources()),
                CapacityJson.of(v.used()), CapacityJson.of(v.free()),
                new LocationJson(loc.country(), loc.city(), Double.parseDouble(loc.longitude()),
                        Double.parseDouble(loc.latitude())),
                v.status().wire(), new PowerJson(n.powerState().wire(), n.powerTarget().wire()), n.serialNumber(),
                n.virtualized(), v.farmFreeIps(),
                n.interfaces().stream().map(i -> new InterfaceJson(i.name(), i.mac(), i.ips())).toList());
    }
}
