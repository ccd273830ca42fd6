package dev.zos.core.registry.tx;

import dev.zos.core.ZosException;
import dev.zos.core.registry.model.Checks;
import dev.zos.core.registry.model.Farm;
import dev.zos.core.registry.model.Ipv4;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NameContract;
import dev.zos.core.registry.model.NodeContract;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.model.Twin;

import java.util.List;

/**
 * The typed body of each transaction type. Each record checks its own shape; rules that need the
 * registry's state (ownership, uniqueness, existence) are checked when the transaction is applied.
 * JSON field names are the snake_case of the component names; optional fields are present as null.
 */
public sealed interface TxBody {

    /** A public IPv4 to add to a farm. */
    record IpInput(String ip, String gateway) {
        public IpInput {
            Ipv4.cidr(ip, "public ip");
            Ipv4.address(gateway, "gateway");
            if (!Ipv4.sameNetwork(ip, gateway)) {
                throw ZosException.invalid("gateway " + gateway + " is not in the network of " + ip);
            }
        }
    }

    /** Registers the signing key as a new twin; signer 0, signed by the key in the body. */
    record TwinCreate(String publicKey, String relay, String pk) implements TxBody {
        public TwinCreate {
            new Twin(1, publicKey, pk, relay); // same rules as the entity
        }
    }

    record TwinUpdate(String relay, String pk) implements TxBody {
        public TwinUpdate {
            new Twin(1, "00".repeat(32), pk, relay);
        }
    }

    record FarmCreate(String name, long pricingPolicyId, List<IpInput> publicIps) implements TxBody {
        public FarmCreate {
            Farm.checkName(name);
            Checks.positive(pricingPolicyId, "pricing_policy_id");
            publicIps = checkIps(publicIps);
        }
    }

    record FarmUpdate(long farmId, String name, long pricingPolicyId) implements TxBody {
        public FarmUpdate {
            Checks.positive(farmId, "farm_id");
            Farm.checkName(name);
            Checks.positive(pricingPolicyId, "pricing_policy_id");
        }
    }

    record FarmIpsAdd(long farmId, List<IpInput> ips) implements TxBody {
        public FarmIpsAdd {
            Checks.positive(farmId, "farm_id");
            ips = checkIps(ips);
            if (ips.isEmpty()) {
                throw ZosException.invalid("ips must name at least one ip");
            }
        }
    }

    record FarmIpsRemove(long farmId, List<String> ips) implements TxBody {
        public FarmIpsRemove {
            Checks.positive(farmId, "farm_id");
            ips = List.copyOf(Checks.required(ips, "ips"));
            if (ips.isEmpty() || ips.size() > Farm.MAX_PUBLIC_IPS) {
                throw ZosException.invalid("ips must name 1 to " + Farm.MAX_PUBLIC_IPS + " ips");
            }
            ips.forEach(ip -> Ipv4.cidr(ip, "public ip"));
        }
    }

    record NodeRegister(long farmId, Resources resources, Location location, List<NodeInterface> interfaces,
                        String serialNumber, boolean virtualized) implements TxBody {
        public NodeRegister {
            Checks.positive(farmId, "farm_id");
            Checks.required(resources, "resources");
            Checks.required(location, "location");
            interfaces = checkInterfaces(interfaces);
            Checks.text(serialNumber, "serial_number", 128);
        }
    }

    record NodeUpdate(long nodeId, Resources resources, Location location, List<NodeInterface> interfaces,
                      String serialNumber, boolean virtualized) implements TxBody {
        public NodeUpdate {
            Checks.positive(nodeId, "node_id");
            Checks.required(resources, "resources");
            Checks.required(location, "location");
            interfaces = checkInterfaces(interfaces);
            Checks.text(serialNumber, "serial_number", 128);
        }
    }

    /** The node's uptime in seconds; the report time is the transaction's timestamp. */
    record NodeUptime(long nodeId, long uptime) implements TxBody {
        public NodeUptime {
            Checks.positive(nodeId, "node_id");
            Checks.notNegative(uptime, "uptime");
        }
    }

    record NodePowerTarget(long nodeId, Power target) implements TxBody {
        public NodePowerTarget {
            Checks.positive(nodeId, "node_id");
            Checks.required(target, "target");
        }
    }

    record NodePowerState(long nodeId, Power state) implements TxBody {
        public NodePowerState {
            Checks.positive(nodeId, "node_id");
            Checks.required(state, "state");
        }
    }

    record ContractNodeCreate(long nodeId, String deploymentHash, int publicIps) implements TxBody {
        public ContractNodeCreate {
            Checks.positive(nodeId, "node_id");
            NodeContract.checkHash(deploymentHash);
            if (publicIps < 0 || publicIps > NodeContract.MAX_PUBLIC_IPS) {
                throw ZosException.invalid("public_ips must be 0.." + NodeContract.MAX_PUBLIC_IPS + ", got " + publicIps);
            }
        }
    }

    record ContractNodeUpdate(long contractId, String deploymentHash) implements TxBody {
        public ContractNodeUpdate {
            Checks.positive(contractId, "contract_id");
            NodeContract.checkHash(deploymentHash);
        }
    }

    /** Cancels a node or a name contract. */
    record ContractCancel(long contractId) implements TxBody {
        public ContractCancel {
            Checks.positive(contractId, "contract_id");
        }
    }

    record ContractNameCreate(String name) implements TxBody {
        public ContractNameCreate {
            NameContract.checkName(name);
        }
    }

    /** The node reports what a contract's deployment uses (tfchain's report_contract_resources). */
    record ContractResources(long contractId, Resources resources) implements TxBody {
        public ContractResources {
            Checks.positive(contractId, "contract_id");
            Checks.required(resources, "resources");
        }
    }

    private static List<IpInput> checkIps(List<IpInput> ips) {
        ips = List.copyOf(Checks.required(ips, "public_ips"));
        if (ips.size() > Farm.MAX_PUBLIC_IPS) {
            throw ZosException.invalid("at most " + Farm.MAX_PUBLIC_IPS + " public ips");
        }
        if (ips.stream().map(IpInput::ip).distinct().count() != ips.size()) {
            throw ZosException.invalid("public ips must not repeat");
        }
        return ips;
    }

    private static List<NodeInterface> checkInterfaces(List<NodeInterface> interfaces) {
        interfaces = List.copyOf(Checks.required(interfaces, "interfaces"));
        if (interfaces.size() > 10) {
            throw ZosException.invalid("at most 10 interfaces, got " + interfaces.size());
        }
        return interfaces;
    }
}
