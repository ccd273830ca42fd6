package dev.zos.grid.registry;

import dev.zos.core.ZosException;
import dev.zos.core.registry.model.Node;
import dev.zos.core.registry.model.Power;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A node's status as grid-proxy shows it: {@code standby} when it reported its power state down (powered
 * off on purpose), {@code up} when its last uptime report is younger than twice the report interval,
 * {@code standby} when the farmer set its power target down and it stopped reporting, {@code down} otherwise.
 */
public enum NodeStatus {
    UP, STANDBY, DOWN;

    public static NodeStatus of(Node node, Instant now, Duration reportInterval) {
        if (node.powerState() == Power.DOWN) {
            return STANDBY;
        }
        long age = now.getEpochSecond() - node.lastUptimeReport();
        if (node.lastUptimeReport() > 0 && age < reportInterval.toSeconds() * 2) {
            return UP;
        }
        return node.powerTarget() == Power.DOWN ? STANDBY : DOWN;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NodeStatus of(String wire) {
        for (var s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw ZosException.invalid("node status must be up, standby or down, got '" + wire + "'");
    }
}
