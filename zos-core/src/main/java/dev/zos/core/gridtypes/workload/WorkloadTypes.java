package dev.zos.core.gridtypes.workload;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.WorkloadData;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one explicit list of workload types this toolkit understands, keyed by their wire name.
 * ThreeFold's qsfs, network-light and zmachine-light are not supported (yet) and are refused by name.
 */
public final class WorkloadTypes {
    private static final Map<String, Class<? extends WorkloadData>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put(ZMount.TYPE, ZMount.class);
        TYPES.put(Volume.TYPE, Volume.class);
        TYPES.put(Zdb.TYPE, Zdb.class);
        TYPES.put(PublicIp.TYPE, PublicIp.class);
        TYPES.put(PublicIpV4.TYPE, PublicIpV4.class);
        TYPES.put(Network.TYPE, Network.class);
        TYPES.put(ZMachine.TYPE, ZMachine.class);
        TYPES.put(GatewayNameProxy.TYPE, GatewayNameProxy.class);
        TYPES.put(GatewayFqdnProxy.TYPE, GatewayFqdnProxy.class);
        TYPES.put(ZLogs.TYPE, ZLogs.class);
    }

    private WorkloadTypes() {
    }

    public static Set<String> names() {
        return java.util.Collections.unmodifiableSet(TYPES.keySet());
    }

    public static Optional<Class<? extends WorkloadData>> find(String type) {
        return Optional.ofNullable(TYPES.get(type));
    }

    /** The data class for {@code type}, or INVALID naming the type and listing the known ones. */
    public static Class<? extends WorkloadData> dataClass(String type) {
        return find(type).orElseThrow(() -> ZosException.invalid(unknownMessage(type)));
    }

    public static String unknownMessage(String type) {
        return "unknown workload type '" + type + "'; known types: " + String.join(", ", TYPES.keySet());
    }
}
