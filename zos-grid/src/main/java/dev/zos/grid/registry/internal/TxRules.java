package dev.zos.grid.registry.internal;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Ed25519;
import dev.zos.core.registry.model.Checks;
import dev.zos.core.registry.model.ContractState;
import dev.zos.core.registry.model.Farm;
import dev.zos.core.registry.model.NameContract;
import dev.zos.core.registry.model.Node;
import dev.zos.core.registry.model.NodeContract;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.PricingPolicy;
import dev.zos.core.registry.model.PublicIp;
import dev.zos.core.registry.model.Resources;
import dev.zos.core.registry.model.Twin;
import dev.zos.core.registry.tx.Transaction;
import dev.zos.core.registry.tx.TxBody;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Map;

/**
 * The registry's rules: who may sign what, and what each transaction does to the state. {@link #apply}
 * works on a fork; when it throws, the caller drops the fork, so a refused transaction changes nothing.
 * Deterministic: it reads nothing but the state and the transaction (no clock), so replaying the log
 * rebuilds exactly the same state.
 */
public final class TxRules {
    public static final Map<Long, PricingPolicy> PRICING_POLICIES = Map.of(PricingPolicy.DEFAULT.id(), PricingPolicy.DEFAULT);

    private TxRules() {
    }

    /** Checks the signature and nonce, applies the body, and returns the id it assigned (0 when none). */
    public static long apply(State s, Transaction tx, byte[] canonical, byte[] signature) {
        return apply(s, tx, canonical, signature, false);
    }

    /**
     * As {@link #apply(State, Transaction, byte[], byte[])}; {@code signatureVerified} skips the ed25519 check
     * when the caller already verified it against the signer's registered key (keys never change once
     * registered, so that check stays true).
     */
    public static long apply(State s, Transaction tx, byte[] canonical, byte[] signature, boolean signatureVerified) {
        long actor;
        if (tx.body() instanceof TxBody.TwinCreate create) {
            if (!signatureVerified && !Ed25519.verify(Checks.unhex(create.publicKey()), canonical, signature)) {
                throw ZosException.forbidden("signature does not verify with the public key being registered");
            }
            if (s.twinByKey.get(create.publicKey()) != null) {
                throw conflict("public key " + create.publicKey() + " is already twin " + s.twinByKey.get(create.publicKey()));
            }
            actor = s.nextId("twin");
            s.twins.put(actor, new Twin(actor, create.publicKey(), create.pk(), create.relay()));
            s.twinByKey.put(create.publicKey(), actor);
            s.nonces.put(actor, tx.nonce());
            return actor;
        }
        Twin signer = s.twins.get(tx.signer());
        if (signer == null) {
            throw ZosException.forbidden("signer twin " + tx.signer() + " is not registered");
        }
        if (!signatureVerified && !Ed25519.verify(Checks.unhex(signer.publicKey()), canonical, signature)) {
            throw ZosException.forbidden("signature does not verify with the key of twin " + tx.signer());
        }
        long last = s.lastNonce(tx.signer());
        if (tx.nonce() <= last) {
            throw conflict("replayed or stale transaction: nonce " + tx.nonce() + " is not greater than twin "
                    + tx.signer() + "'s last nonce " + last);
        }
        long id = switch (tx.body()) {
            case TxBody.TwinCreate c -> throw new IllegalStateException("handled above");
            case TxBody.TwinUpdate b -> {
                s.twins.put(signer.id(), new Twin(signer.id(), signer.publicKey(), b.pk(), b.relay()));
                yield 0;
            }
            case TxBody.FarmCreate b -> farmCreate(s, tx, b);
            case TxBody.FarmUpdate b -> farmUpdate(s, tx, b);
            case TxBody.FarmIpsAdd b -> farmIpsAdd(s, tx, b);
            case TxBody.FarmIpsRemove b -> farmIpsRemove(s, tx, b);
            case TxBody.NodeRegister b -> nodeRegister(s, tx, b);
            case TxBody.NodeUpdate b -> {
                Node n = ownNode(s, tx, b.nodeId());
                s.nodes.put(n.id(), n.withHardware(b.resources(), b.location(), b.interfaces(), b.serialNumber(),
                        b.virtualized(), tx.timestamp()));
                yield 0;
            }
            case TxBody.NodeUptime b -> {
                Node n = ownNode(s, tx, b.nodeId());
                s.nodes.put(n.id(), n.withUptime(b.uptime(), Math.max(n.lastUptimeReport(), tx.timestamp())));
                yield 0;
            }
            case TxBody.NodePowerTarget b -> {
                Node n = node(s, b.nodeId());
                Farm f = s.farms.get(n.farmId());
                if (f.twinId() != tx.signer()) {
                    throw ZosException.forbidden("twin " + tx.signer() + " may not set the power target of node "
                            + n.id() + ": only farm " + f.id() + "'s owner, twin " + f.twinId() + ", may");
                }
                s.nodes.put(n.id(), n.withPowerTarget(b.target(), tx.timestamp()));
                yield 0;
            }
            case TxBody.NodePowerState b -> {
                Node n = ownNode(s, tx, b.nodeId());
                s.nodes.put(n.id(), n.withPowerState(b.state(), tx.timestamp()));
                yield 0;
            }
            case TxBody.ContractNodeCreate b -> contractNodeCreate(s, tx, b);
            case TxBody.ContractNodeUpdate b -> {
                NodeContract c = ownActive(s, tx, b.contractId());
                String oldKey = c.nodeId() + "/" + c.deploymentHash();
                String newKey = c.nodeId() + "/" + b.deploymentHash();
                if (!oldKey.equals(newKey) && s.activeDeployments.get(newKey) != null) {
                    throw conflict("node " + c.nodeId() + " already has contract " + s.activeDeployments.get(newKey)
                            + " for deployment hash " + b.deploymentHash());
                }
                s.activeDeployments.remove(oldKey);
                s.activeDeployments.put(newKey, c.id());
                s.nodeContracts.put(c.id(), c.withHash(b.deploymentHash(), tx.timestamp()));
                yield 0;
            }
            case TxBody.ContractCancel b -> contractCancel(s, tx, b);
            case TxBody.ContractNameCreate b -> {
                Long existing = s.activeNames.get(b.name());
                if (existing != null) {
                    throw conflict("name '" + b.name() + "' is already taken by contract " + existing);
                }
                long cid = s.nextId("contract");
                s.nameContracts.put(cid, new NameContract(cid, tx.signer(), b.name(), ContractState.CREATED,
                        tx.timestamp(), tx.timestamp()));
                s.activeNames.put(b.name(), cid);
                yield cid;
            }
            case TxBody.ContractResources b -> {
                NodeContract c = s.nodeContracts.get(b.contractId());
                if (c == null) {
                    throw ZosException.notFound("node contract " + b.contractId() + " does not exist");
                }
                Node n = s.nodes.get(c.nodeId());
                if (n.twinId() != tx.signer()) {
                    throw ZosException.forbidden("twin " + tx.signer() + " may not report resources of contract "
                            + c.id() + ": only node " + n.id() + "'s twin " + n.twinId() + " may");
                }
                if (!c.state().active()) {
                    throw conflict("contract " + c.id() + " is deleted");
                }
                Resources before = c.resources() == null ? Resources.NONE : c.resources();
                s.usedByNode.put(n.id(), s.used(n.id()).minus(before).plus(b.resources()));
                s.nodeContracts.put(c.id(), c.withResources(b.resources(), tx.timestamp()));
                yield 0;
            }
        };
        s.nonces.put(tx.signer(), tx.nonce());
        return id;
    }

    /**
     * Verifies a signature ahead of the writer, where possible: returns true when it verifies against the
     * key the transaction names (twin.create) or the signer's registered key, throws FORBIDDEN when it does
     * not, and returns false when the signer is not registered yet (the writer then decides).
     */
    public static boolean preVerify(State committed, Transaction tx, byte[] canonical, byte[] signature) {
        String key;
        if (tx.body() instanceof TxBody.TwinCreate create) {
            key = create.publicKey();
        } else {
            Twin signer = committed.twin(tx.signer());
            if (signer == null) {
                return false;
            }
            key = signer.publicKey();
        }
        if (!Ed25519.verify(Checks.unhex(key), canonical, signature)) {
            throw ZosException.forbidden(tx.signer() == 0
                    ? "signature does not verify with the public key being registered"
                    : "signature does not verify with the key of twin " + tx.signer());
        }
        return true;
    }

    private static long farmCreate(State s, Transaction tx, TxBody.FarmCreate b) {
        policy(b.pricingPolicyId());
        if (s.farmByName.get(b.name()) != null) {
            throw conflict("farm name '" + b.name() + "' is already used by farm " + s.farmByName.get(b.name()));
        }
        long id = s.nextId("farm");
        var ips = b.publicIps().stream().map(ip -> new PublicIp(ip.ip(), ip.gateway(), 0)).toList();
        s.farms.put(id, new Farm(id, b.name(), tx.signer(), b.pricingPolicyId(), ips));
        s.farmByName.put(b.name(), id);
        return id;
    }

    private static long farmUpdate(State s, Transaction tx, TxBody.FarmUpdate b) {
        Farm f = ownFarm(s, tx, b.farmId());
        policy(b.pricingPolicyId());
        Long other = s.farmByName.get(b.name());
        if (other != null && other != f.id()) {
            throw conflict("farm name '" + b.name() + "' is already used by farm " + other);
        }
        s.farmByName.remove(f.name());
        s.farmByName.put(b.name(), f.id());
        s.farms.put(f.id(), f.withName(b.name(), b.pricingPolicyId()));
        return 0;
    }

    private static long farmIpsAdd(State s, Transaction tx, TxBody.FarmIpsAdd b) {
        Farm f = ownFarm(s, tx, b.farmId());
        var ips = new ArrayList<>(f.publicIps());
        var present = new HashSet<String>();
        f.publicIps().forEach(ip -> present.add(ip.ip()));
        for (var ip : b.ips()) {
            if (present.contains(ip.ip())) {
                throw conflict("farm " + f.id() + " already has public ip " + ip.ip());
            }
            ips.add(new PublicIp(ip.ip(), ip.gateway(), 0));
        }
        if (ips.size() > Farm.MAX_PUBLIC_IPS) {
            throw ZosException.invalid("a farm has at most " + Farm.MAX_PUBLIC_IPS + " public ips");
        }
        s.farms.put(f.id(), f.withIps(ips));
        return 0;
    }

    private static long farmIpsRemove(State s, Transaction tx, TxBody.FarmIpsRemove b) {
        Farm f = ownFarm(s, tx, b.farmId());
        var remove = new HashSet<>(b.ips());
        for (String ip : remove) {
            PublicIp found = f.publicIps().stream().filter(p -> p.ip().equals(ip)).findFirst()
                    .orElseThrow(() -> ZosException.notFound("farm " + f.id() + " has no public ip " + ip));
            if (!found.free()) {
                throw conflict("public ip " + ip + " is used by contract " + found.contractId());
            }
        }
        s.farms.put(f.id(), f.withIps(f.publicIps().stream().filter(p -> !remove.contains(p.ip())).toList()));
        return 0;
    }

    private static long nodeRegister(State s, Transaction tx, TxBody.NodeRegister b) {
        if (s.farms.get(b.farmId()) == null) {
            throw ZosException.notFound("farm " + b.farmId() + " does not exist");
        }
        Long existing = s.nodeByTwin.get(tx.signer());
        if (existing != null) {
            throw conflict("twin " + tx.signer() + " already registered node " + existing);
        }
        long id = s.nextId("node");
        s.nodes.put(id, new Node(id, tx.signer(), b.farmId(), b.resources(), b.location(), b.interfaces(),
                b.serialNumber(), b.virtualized(), Power.UP, Power.UP, 0, 0, tx.timestamp(), tx.timestamp()));
        s.nodeByTwin.put(tx.signer(), id);
        return id;
    }

    private static long contractNodeCreate(State s, Transaction tx, TxBody.ContractNodeCreate b) {
        Node n = node(s, b.nodeId());
        String key = n.id() + "/" + b.deploymentHash();
        if (s.activeDeployments.get(key) != null) {
            throw conflict("node " + n.id() + " already has contract " + s.activeDeployments.get(key)
                    + " for deployment hash " + b.deploymentHash());
        }
        Farm f = s.farms.get(n.farmId());
        if (f.freeIps() < b.publicIps()) {
            throw conflict("farm " + f.id() + " has " + f.freeIps() + " free public ips, the contract asks for "
                    + b.publicIps());
        }
        long id = s.nextId("contract");
        if (b.publicIps() > 0) {
            s.farms.put(f.id(), f.reserveIps(id, b.publicIps()));
        }
        s.nodeContracts.put(id, new NodeContract(id, tx.signer(), n.id(), b.deploymentHash(), b.publicIps(),
                ContractState.CREATED, null, tx.timestamp(), tx.timestamp()));
        s.activeDeployments.put(key, id);
        return id;
    }

    private static long contractCancel(State s, Transaction tx, TxBody.ContractCancel b) {
        NodeContract nc = s.nodeContracts.get(b.contractId());
        if (nc != null) {
            ownActive(s, tx, nc.id());
            s.nodeContracts.put(nc.id(), nc.withState(ContractState.DELETED, tx.timestamp()));
            s.activeDeployments.remove(nc.nodeId() + "/" + nc.deploymentHash());
            if (nc.resources() != null) {
                s.usedByNode.put(nc.nodeId(), s.used(nc.nodeId()).minus(nc.resources()));
            }
            if (nc.publicIps() > 0) {
                Farm f = s.farms.get(s.nodes.get(nc.nodeId()).farmId());
                s.farms.put(f.id(), f.releaseIps(nc.id()));
            }
            return 0;
        }
        NameContract name = s.nameContracts.get(b.contractId());
        if (name == null) {
            throw ZosException.notFound("contract " + b.contractId() + " does not exist");
        }
        if (name.twinId() != tx.signer()) {
            throw ZosException.forbidden("twin " + tx.signer() + " may not cancel contract " + name.id()
                    + ": it belongs to twin " + name.twinId());
        }
        if (!name.state().active()) {
            throw conflict("contract " + name.id() + " is already deleted");
        }
        s.nameContracts.put(name.id(), name.withState(ContractState.DELETED, tx.timestamp()));
        s.activeNames.remove(name.name());
        return 0;
    }

    private static NodeContract ownActive(State s, Transaction tx, long contractId) {
        NodeContract c = s.nodeContracts.get(contractId);
        if (c == null) {
            throw ZosException.notFound("node contract " + contractId + " does not exist");
        }
        if (c.twinId() != tx.signer()) {
            throw ZosException.forbidden("twin " + tx.signer() + " may not change contract " + c.id()
                    + ": it belongs to twin " + c.twinId());
        }
        if (!c.state().active()) {
            throw conflict("contract " + c.id() + " is already deleted");
        }
        return c;
    }

    private static Farm ownFarm(State s, Transaction tx, long farmId) {
        Farm f = s.farms.get(farmId);
        if (f == null) {
            throw ZosException.notFound("farm " + farmId + " does not exist");
        }
        if (f.twinId() != tx.signer()) {
            throw ZosException.forbidden("twin " + tx.signer() + " may not change farm " + f.id()
                    + ": it belongs to twin " + f.twinId());
        }
        return f;
    }

    private static Node node(State s, long nodeId) {
        Node n = s.nodes.get(nodeId);
        if (n == null) {
            throw ZosException.notFound("node " + nodeId + " does not exist");
        }
        return n;
    }

    private static Node ownNode(State s, Transaction tx, long nodeId) {
        Node n = node(s, nodeId);
        if (n.twinId() != tx.signer()) {
            throw ZosException.forbidden("twin " + tx.signer() + " may not report for node " + n.id()
                    + ": only its own twin " + n.twinId() + " may");
        }
        return n;
    }

    private static void policy(long id) {
        if (!PRICING_POLICIES.containsKey(id)) {
            throw ZosException.notFound("pricing policy " + id + " does not exist");
        }
    }

    private static ZosException conflict(String message) {
        return new ZosException(ZosException.Kind.CONFLICT, message);
    }
}
