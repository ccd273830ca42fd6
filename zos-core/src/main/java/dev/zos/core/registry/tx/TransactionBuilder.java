package dev.zos.core.registry.tx;

import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.model.Location;
import dev.zos.core.registry.model.NodeInterface;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;

import java.time.Clock;
import java.util.List;

/**
 * Client side: builds and signs transactions for one twin. Nonces come from a strictly increasing
 * source (by default microseconds since the epoch, bumped when two calls fall in the same microsecond),
 * so a client needs no state between runs; {@link #nonceFrom(long)} continues an explicit sequence.
 * <pre>{@code
 * var tx = TransactionBuilder.forTwin(key, twinId).farmCreate("my_farm", 1, List.of());
 * registry.submit(tx);
 * }</pre>
 * Thread-safe.
 */
public final class TransactionBuilder {
    private final TwinKey key;
    private final long twinId;
    private final Clock clock;
    private long lastNonce;
    private boolean explicitNonces;

    private TransactionBuilder(TwinKey key, long twinId, Clock clock) {
        this.key = key;
        this.twinId = twinId;
        this.clock = clock;
    }

    /** A builder for a registered twin. */
    public static TransactionBuilder forTwin(TwinKey key, long twinId) {
        return forTwin(key, twinId, Clock.systemUTC());
    }

    public static TransactionBuilder forTwin(TwinKey key, long twinId, Clock clock) {
        if (twinId <= 0) {
            throw new IllegalArgumentException("twin id must be positive; use twinCreate to register a key");
        }
        return new TransactionBuilder(key, twinId, clock);
    }

    /**
     * {@code twin.create}: registers {@code key} as a new twin (signer 0, nonce 0, signed by the new key).
     * Replaying it is refused because the key is then already registered.
     */
    public static SignedTransaction twinCreate(TwinKey key, String relay, String pk) {
        return twinCreate(key, relay, pk, Clock.systemUTC());
    }

    public static SignedTransaction twinCreate(TwinKey key, String relay, String pk, Clock clock) {
        var tx = Transaction.of(0, 0, clock.instant().getEpochSecond(),
                new TxBody.TwinCreate(key.publicKeyHex(), relay, pk));
        return new SignedTransaction(tx, key.sign(tx.canonicalBytes()));
    }

    /** Continue an explicit nonce sequence: the next transaction gets {@code last + 1}. */
    public synchronized TransactionBuilder nonceFrom(long last) {
        this.lastNonce = last;
        this.explicitNonces = true;
        return this;
    }

    public long twinId() {
        return twinId;
    }

    /** Signs any body as this twin with the next nonce. */
    public SignedTransaction sign(TxBody body) {
        var tx = Transaction.of(twinId, nextNonce(), clock.instant().getEpochSecond(), body);
        return new SignedTransaction(tx, key.sign(tx.canonicalBytes()));
    }

    public SignedTransaction twinUpdate(String relay, String pk) {
        return sign(new TxBody.TwinUpdate(relay, pk));
    }

    public SignedTransaction farmCreate(String name, long pricingPolicyId, List<TxBody.IpInput> publicIps) {
        return sign(new TxBody.FarmCreate(name, pricingPolicyId, publicIps));
    }

    public SignedTransaction farmUpdate(long farmId, String name, long pricingPolicyId) {
        return sign(new TxBody.FarmUpdate(farmId, name, pricingPolicyId));
    }

    public SignedTransaction farmIpsAdd(long farmId, List<TxBody.IpInput> ips) {
        return sign(new TxBody.FarmIpsAdd(farmId, ips));
    }

    public SignedTransaction farmIpsRemove(long farmId, List<String> ips) {
        return sign(new TxBody.FarmIpsRemove(farmId, ips));
    }

    public SignedTransaction nodeRegister(long farmId, Resources resources, Location location,
                                          List<NodeInterface> interfaces, String serial, boolean virtualized) {
        return sign(new TxBody.NodeRegister(farmId, resources, location, interfaces, serial, virtualized));
    }

    public SignedTransaction nodeUpdate(long nodeId, Resources resources, Location location,
                                        List<NodeInterface> interfaces, String serial, boolean virtualized) {
        return sign(new TxBody.NodeUpdate(nodeId, resources, location, interfaces, serial, virtualized));
    }

    public SignedTransaction nodeUptime(long nodeId, long uptimeSeconds) {
        return sign(new TxBody.NodeUptime(nodeId, uptimeSeconds));
    }

    public SignedTransaction nodePowerTarget(long nodeId, Power target) {
        return sign(new TxBody.NodePowerTarget(nodeId, target));
    }

    public SignedTransaction nodePowerState(long nodeId, Power state) {
        return sign(new TxBody.NodePowerState(nodeId, state));
    }

    public SignedTransaction contractNodeCreate(long nodeId, String deploymentHash, int publicIps) {
        return sign(new TxBody.ContractNodeCreate(nodeId, deploymentHash, publicIps));
    }

    public SignedTransaction contractNodeUpdate(long contractId, String deploymentHash) {
        return sign(new TxBody.ContractNodeUpdate(contractId, deploymentHash));
    }

    public SignedTransaction contractCancel(long contractId) {
        return sign(new TxBody.ContractCancel(contractId));
    }

    public SignedTransaction contractNameCreate(String name) {
        return sign(new TxBody.ContractNameCreate(name));
    }

    public SignedTransaction contractResources(long contractId, Resources used) {
        return sign(new TxBody.ContractResources(contractId, used));
    }

    private synchronized long nextNonce() {
        long next = explicitNonces ? lastNonce + 1 : Math.max(lastNonce + 1, micros(clock));
        lastNonce = next;
        return next;
    }

    private static long micros(Clock clock) {
        var now = clock.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
