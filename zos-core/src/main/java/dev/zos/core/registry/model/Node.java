package dev.zos.core.registry.model;

import dev.zos.core.ZosException;

import java.util.List;

/**
 * A node registered by its own twin in a farm: total resources, location, interfaces, serial number,
 * whether it runs virtualized, the farmer's power target and its reported power state, its last uptime
 * report (unix s, 0 before the first) and the uptime it reported (s). Times are UTC seconds.
 */
public record Node(long id, long twinId, long farmId, Resources resources, Location location,
                   List<NodeInterface> interfaces, String serialNumber, boolean virtualized,
                   Power powerTarget, Power powerState, long uptime, long lastUptimeReport,
                   long created, long updated) {
    public Node {
        Checks.positive(id, "node id");
        Checks.positive(twinId, "node twin_id");
        Checks.positive(farmId, "node farm_id");
        Checks.required(resources, "node resources");
        Checks.required(location, "node location");
        interfaces = List.copyOf(Checks.required(interfaces, "node interfaces"));
        if (interfaces.size() > 10) {
            throw ZosException.invalid("a node reports at most 10 interfaces, got " + interfaces.size());
        }
        Checks.text(serialNumber, "node serial_number", 128);
        Checks.required(powerTarget, "node power_target");
        Checks.required(powerState, "node power_state");
        Checks.notNegative(uptime, "node uptime");
    }

    public Node withHardware(Resources r, Location l, List<NodeInterface> i, String serial, boolean virt, long at) {
        return new Node(id, twinId, farmId, r, l, i, serial, virt, powerTarget, powerState, uptime, lastUptimeReport,
                created, at);
    }

    public Node withUptime(long seconds, long at) {
        return new Node(id, twinId, farmId, resources, location, interfaces, serialNumber, virtualized, powerTarget,
                powerState, seconds, at, created, at);
    }

    public Node withPowerTarget(Power p, long at) {
        return new Node(id, twinId, farmId, resources, location, interfaces, serialNumber, virtualized, p,
                powerState, uptime, lastUptimeReport, created, at);
    }

    public Node withPowerState(Power p, long at) {
        return new Node(id, twinId, farmId, resources, location, interfaces, serialNumber, virtualized, powerTarget,
                p, uptime, lastUptimeReport, created, at);
    }
}
