package dev.zos.core.registry.tx;

import dev.zos.core.ZosException;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Every transaction type, with its wire name and body type. */
public enum TxType {
    TWIN_CREATE("twin.create", TxBody.TwinCreate.class),
    TWIN_UPDATE("twin.update", TxBody.TwinUpdate.class),
    FARM_CREATE("farm.create", TxBody.FarmCreate.class),
    FARM_UPDATE("farm.update", TxBody.FarmUpdate.class),
    FARM_IPS_ADD("farm.ips.add", TxBody.FarmIpsAdd.class),
    FARM_IPS_REMOVE("farm.ips.remove", TxBody.FarmIpsRemove.class),
    NODE_REGISTER("node.register", TxBody.NodeRegister.class),
    NODE_UPDATE("node.update", TxBody.NodeUpdate.class),
    NODE_UPTIME("node.uptime", TxBody.NodeUptime.class),
    NODE_POWER_TARGET("node.power.target", TxBody.NodePowerTarget.class),
    NODE_POWER_STATE("node.power.state", TxBody.NodePowerState.class),
    CONTRACT_NODE_CREATE("contract.node.create", TxBody.ContractNodeCreate.class),
    CONTRACT_NODE_UPDATE("contract.node.update", TxBody.ContractNodeUpdate.class),
    CONTRACT_CANCEL("contract.cancel", TxBody.ContractCancel.class),
    CONTRACT_NAME_CREATE("contract.name.create", TxBody.ContractNameCreate.class),
    CONTRACT_RESOURCES("contract.resources", TxBody.ContractResources.class);

    private final String wire;
    private final Class<? extends TxBody> bodyType;

    TxType(String wire, Class<? extends TxBody> bodyType) {
        this.wire = wire;
        this.bodyType = bodyType;
    }

    public String wire() {
        return wire;
    }

    public Class<? extends TxBody> bodyType() {
        return bodyType;
    }

    public static TxType of(String wire) {
        for (var t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        throw ZosException.invalid("unknown transaction type '" + wire + "'; valid types: "
                + Arrays.stream(values()).map(TxType::wire).collect(Collectors.joining(", ")));
    }

    public static TxType ofBody(TxBody body) {
        for (var t : values()) {
            if (t.bodyType.isInstance(body)) {
                return t;
            }
        }
        throw new IllegalStateException("no type for " + body.getClass());
    }
}
