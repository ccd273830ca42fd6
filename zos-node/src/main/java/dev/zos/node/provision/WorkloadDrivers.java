package dev.zos.node.provision;

import dev.zos.core.ZosException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The drivers of this node, keyed by workload type, from one explicit list; a type bound twice is a wiring bug. */
public final class WorkloadDrivers {
    private final Map<String, WorkloadDriver> byType;

    public WorkloadDrivers(List<WorkloadDriver> drivers) {
        var map = new LinkedHashMap<String, WorkloadDriver>();
        for (WorkloadDriver d : drivers) {
            if (map.putIfAbsent(d.type(), d) != null) {
                throw new ZosException(ZosException.Kind.INTERNAL, "two workload drivers for type '" + d.type() + "'");
            }
        }
        this.byType = Collections.unmodifiableMap(map);
    }

    public Optional<WorkloadDriver> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Set<String> types() {
        return byType.keySet();
    }

    /** The error a workload of a type without driver gets. */
    public static String unsupported(String type) {
        return "workload type " + type + " is not supported on this node";
    }
}
