package dev.zos.grid.registry;

import dev.zos.testkit.MutableClock;
import dev.zos.core.ZosException;
import dev.zos.core.registry.model.ContractState;
import dev.zos.core.registry.model.NodeContract;
import dev.zos.core.registry.model.Power;
import dev.zos.core.registry.model.Resources;
import dev.zos.grid.registry.store.RegistryStores;
import dev.zos.core.registry.tx.SignedTransaction;
import dev.zos.core.registry.tx.Transaction;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.core.registry.tx.TxBody;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static dev.zos.grid.registry.Actors.BELGIUM;
import static dev.zos.grid.registry.Actors.BIG;
import static dev.zos.grid.registry.Actors.GIB;
import static dev.zos.grid.registry.Actors.IFACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The behaviour every store must give the registry; run against SQLite and PostgreSQL. */
abstract class RegistryContractTest {
    static final String HASH_A = "0123456789abcdef0123456789abcdef";
    static final String HASH_B = "fedcba9876543210fedcba9876543210";

    protected MutableClock clock;
    protected Registry registry;
    protected String location;

    /** A fresh, empty store location for one test. */
    protected abstract String newLocation() throws Exception;

    /** Flips one byte of the stored transaction of log entry {@code index}, behind the registry's back. */
    protected abstract void tamper(String location, long index) throws Exception;

    /** Empties the state tables, as if they were never written. */
    protected abstract void dropState(String location) throws Exception;

    @BeforeEach
    void openRegistry() throws Exception {
        clock = new MutableClock(Instant.now());
        location = newLocation();
        registry = open();
    }

    @AfterEach
    void closeRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    protected Registry open() {
        return Registry.open(location, RegistryOptions.defaults().withClock(clock).withReportInterval(Duration.ofMinutes(40)));
    }

    protected void reopen() {
        registry.close();
        registry = open();
    }

    private static void refused(Runnable r, ZosException.Kind kind, String messagePart) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(ZosException.class, e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).contains(messagePart);
        });
    }

    private TransactionBuilder twin(int n) {
        return Actors.twin(registry, n, clock);
    }

    private long farm(TransactionBuilder owner, String name, int ips) {
        var list = new ArrayList<TxBody.IpInput>();
        for (int i = 0; i < ips; i++) {
            list.add(new TxBody.IpInput("185.69.166." + (10 + i) + "/24", "185.69.166.1"));
        }
        return registry.submit(owner.farmCreate(name, 1, list)).assignedId();
    }

    private long node(TransactionBuilder nodeTwin, long farmId) {
        return registry.submit(nodeTwin.nodeRegister(farmId, BIG, BELGIUM, IFACES, "SN-" + nodeTwin.twinId(), false))
                .assignedId();
    }

    @Test
    void twinRegistersItselfOnce() {
        var alice = twin(1);
        var twin = registry.twin(alice.twinId()).orElseThrow();
        assertThat(twin.publicKey()).isEqualTo(Actors.key(1).publicKeyHex());
        assertThat(twin.relay()).isEqualTo("wss://relay.example/1");
        assertThat(registry.twinByPublicKey(Actors.key(1).publicKey())).contains(twin);

        refused(() -> registry.submit(TransactionBuilder.twinCreate(Actors.key(1), null, null, clock)),
                ZosException.Kind.CONFLICT, "already twin " + alice.twinId());

        registry.submit(alice.twinUpdate("wss://other", "02" + "ab".repeat(32)));
        assertThat(registry.twin(alice.twinId()).orElseThrow().pk()).isEqualTo("02" + "ab".repeat(32));
    }

    @Test
    void twinCreateSignedByAnotherKeyIsForbidden() {
        var stx = TransactionBuilder.twinCreate(Actors.key(1), null, null, clock);
        var forged = new SignedTransaction(stx.tx(), Actors.key(2).sign(stx.tx().canonicalBytes()));
        refused(() -> registry.submit(forged), ZosException.Kind.FORBIDDEN, "public key being registered");
        assertThat(registry.stats().twins()).isZero();
    }

    @Test
    void farmLifecycleAndOwnership() {
        var farmer = twin(1);
        var mallory = twin(2);
        long farmId = farm(farmer, "freefarm", 2);
        assertThat(registry.farm(farmId).orElseThrow().publicIps()).hasSize(2);

        refused(() -> farm(mallory, "freefarm", 0), ZosException.Kind.CONFLICT, "already used by farm " + farmId);
        refused(() -> registry.submit(mallory.farmUpdate(farmId, "stolen", 1)), ZosException.Kind.FORBIDDEN,
                "may not change farm " + farmId);
        refused(() -> registry.submit(mallory.farmIpsAdd(farmId, List.of(new TxBody.IpInput("1.2.3.4/24", "1.2.3.1")))),
                ZosException.Kind.FORBIDDEN, "belongs to twin " + farmer.twinId());
        refused(() -> registry.submit(farmer.farmUpdate(farmId, "freefarm", 9)), ZosException.Kind.NOT_FOUND,
                "pricing policy 9");

        registry.submit(farmer.farmUpdate(farmId, "freefarm_2", 1));
        registry.submit(farmer.farmIpsAdd(farmId, List.of(new TxBody.IpInput("10.1.0.5/16", "10.1.0.1"))));
        refused(() -> registry.submit(farmer.farmIpsAdd(farmId, List.of(new TxBody.IpInput("10.1.0.5/16", "10.1.0.1")))),
                ZosException.Kind.CONFLICT, "already has public ip 10.1.0.5/16");
        registry.submit(farmer.farmIpsRemove(farmId, List.of("185.69.166.10/24")));
        var farm = registry.farm(farmId).orElseThrow();
        assertThat(farm.name()).isEqualTo("freefarm_2");
        assertThat(farm.publicIps()).extracting(ip -> ip.ip()).containsExactly("185.69.166.11/24", "10.1.0.5/16");
        assertThat(registry.farms(FarmFilter.ALL.withName("freefarm_2")).items()).containsExactly(farm);
        assertThat(registry.farms(FarmFilter.ALL.withTwin(mallory.twinId())).count()).isZero();
        // the old name is free again
        assertThat(farm(mallory, "freefarm", 0)).isPositive();
    }

    @Test
    void nodesReportOnlyForThemselvesAndFarmersSetPowerTargets() {
        var farmer = twin(1);
        var nodeA = twin(2);
        var nodeB = twin(3);
        long farmId = farm(farmer, "farm1", 0);
        long a = node(nodeA, farmId);
        long b = node(nodeB, farmId);
        refused(() -> node(nodeA, farmId), ZosException.Kind.CONFLICT, "already registered node " + a);
        refused(() -> node(twin(4), 99), ZosException.Kind.NOT_FOUND, "farm 99");

        refused(() -> registry.submit(nodeA.nodeUptime(b, 100)), ZosException.Kind.FORBIDDEN,
                "may not report for node " + b);
        refused(() -> registry.submit(nodeA.nodePowerState(b, Power.DOWN)), ZosException.Kind.FORBIDDEN,
                "may not report for node " + b);
        refused(() -> registry.submit(nodeA.nodePowerTarget(a, Power.DOWN)), ZosException.Kind.FORBIDDEN,
                "only farm " + farmId + "'s owner");
        refused(() -> registry.submit(farmer.nodeUptime(a, 1)), ZosException.Kind.FORBIDDEN, "may not report");

        assertThat(registry.node(a).orElseThrow().status()).isEqualTo(NodeStatus.DOWN);
        registry.submit(nodeA.nodeUptime(a, 3600));
        assertThat(registry.nodeByTwin(nodeA.twinId()).orElseThrow().status()).isEqualTo(NodeStatus.UP);
        assertThat(registry.node(a).orElseThrow().node().uptime()).isEqualTo(3600);

        clock.advance(Duration.ofMinutes(81));
        assertThat(registry.node(a).orElseThrow().status()).isEqualTo(NodeStatus.DOWN);
        registry.submit(farmer.nodePowerTarget(a, Power.DOWN));
        assertThat(registry.node(a).orElseThrow().status()).isEqualTo(NodeStatus.STANDBY);
        registry.submit(nodeB.nodeUptime(b, 5));
        registry.submit(nodeB.nodePowerState(b, Power.DOWN));
        assertThat(registry.node(b).orElseThrow().status()).isEqualTo(NodeStatus.STANDBY);
        registry.submit(nodeB.nodePowerState(b, Power.UP));
        assertThat(registry.node(b).orElseThrow().status()).isEqualTo(NodeStatus.UP);

        registry.submit(nodeA.nodeUpdate(a, new Resources(4, GIB, GIB, 0), BELGIUM, List.of(), "SN-new", true));
        var updated = registry.node(a).orElseThrow().node();
        assertThat(updated.resources().cru()).isEqualTo(4);
        assertThat(updated.virtualized()).isTrue();
        assertThat(updated.powerTarget()).isEqualTo(Power.DOWN);
    }

    @Test
    void contractsBelongToTheirOwners() {
        var farmer = twin(1);
        var nodeTwin = twin(2);
        var user = twin(3);
        var mallory = twin(4);
        long farmId = farm(farmer, "farm1", 2);
        long nodeId = node(nodeTwin, farmId);

        long c1 = registry.submit(user.contractNodeCreate(nodeId, HASH_A, 1)).assignedId();
        refused(() -> registry.submit(user.contractNodeCreate(nodeId, HASH_A, 0)), ZosException.Kind.CONFLICT,
                "already has contract " + c1);
        refused(() -> registry.submit(user.contractNodeCreate(nodeId, HASH_B, 2)), ZosException.Kind.CONFLICT,
                "1 free public ips");
        assertThat(registry.farm(farmId).orElseThrow().freeIps()).isEqualTo(1);

        refused(() -> registry.submit(mallory.contractCancel(c1)), ZosException.Kind.FORBIDDEN,
                "it belongs to twin " + user.twinId());
        refused(() -> registry.submit(mallory.contractNodeUpdate(c1, HASH_B)), ZosException.Kind.FORBIDDEN,
                "may not change contract " + c1);
        refused(() -> registry.submit(mallory.contractResources(c1, Resources.NONE)), ZosException.Kind.FORBIDDEN,
                "only node " + nodeId);

        registry.submit(user.contractNodeUpdate(c1, HASH_B));
        registry.submit(nodeTwin.contractResources(c1, new Resources(2, 4 * GIB, 10 * GIB, 0)));
        var nc = (NodeContract) registry.contract(c1).orElseThrow();
        assertThat(nc.deploymentHash()).isEqualTo(HASH_B);
        assertThat(registry.node(nodeId).orElseThrow().free().mru()).isEqualTo(28 * GIB);
        refused(() -> registry.submit(farmer.farmIpsRemove(farmId, List.of(
                registry.farm(farmId).orElseThrow().publicIps().getFirst().ip()))), ZosException.Kind.CONFLICT,
                "used by contract " + c1);

        long name = registry.submit(user.contractNameCreate("myname")).assignedId();
        refused(() -> registry.submit(mallory.contractNameCreate("myname")), ZosException.Kind.CONFLICT,
                "taken by contract " + name);
        refused(() -> registry.submit(mallory.contractCancel(name)), ZosException.Kind.FORBIDDEN,
                "belongs to twin " + user.twinId());

        registry.submit(user.contractCancel(c1));
        registry.submit(user.contractCancel(name));
        refused(() -> registry.submit(user.contractCancel(c1)), ZosException.Kind.CONFLICT, "already deleted");
        assertThat(registry.contract(c1).orElseThrow().state()).isEqualTo(ContractState.DELETED);
        assertThat(registry.farm(farmId).orElseThrow().freeIps()).isEqualTo(2);
        assertThat(registry.node(nodeId).orElseThrow().free()).isEqualTo(BIG);
        assertThat(registry.submit(mallory.contractNameCreate("myname")).assignedId()).isGreaterThan(name);

        assertThat(registry.contracts(ContractFilter.ALL.withTwin(user.twinId())).count()).isEqualTo(2);
        assertThat(registry.contracts(ContractFilter.ALL.withNode(nodeId)).items()).extracting(c -> c.id())
                .containsExactly(c1);
        assertThat(registry.contracts(ContractFilter.ALL.withStates(ContractState.CREATED)).items())
                .extracting(c -> c.type()).containsExactly("name");
    }

    @Test
    void nodeQueriesFilterSortAndPage() {
        var farmer = twin(1);
        long f1 = farm(farmer, "farm1", 1);
        long f2 = farm(farmer, "farm2", 0);
        var ids = new ArrayList<Long>();
        for (int i = 0; i < 7; i++) {
            var t = twin(10 + i);
            long id = node(t, i < 4 ? f1 : f2);
            ids.add(id);
            if (i % 2 == 0) {
                registry.submit(t.nodeUptime(id, 10));
            }
            if (i == 1) {
                registry.submit(t.nodeUpdate(id, new Resources(1, GIB, GIB, GIB),
                        new dev.zos.core.registry.model.Location("Egypt", "Cairo", "30.04", "31.23"), IFACES, "x", false));
            }
        }
        assertThat(registry.nodes(NodeFilter.ALL).count()).isEqualTo(7);
        assertThat(registry.nodes(NodeFilter.builder().farmIds(f1).build()).count()).isEqualTo(4);
        assertThat(registry.nodes(NodeFilter.builder().status(NodeStatus.UP).build()).items())
                .extracting(v -> v.node().id()).containsExactly(ids.get(0), ids.get(2), ids.get(4), ids.get(6));
        assertThat(registry.nodes(NodeFilter.builder().freeMru(2 * GIB).build()).count()).isEqualTo(6);
        assertThat(registry.nodes(NodeFilter.builder().country("egypt").build()).items())
                .extracting(v -> v.node().id()).containsExactly(ids.get(1));
        assertThat(registry.nodes(NodeFilter.builder().freeIps(1).build()).count()).isEqualTo(4);
        var page2 = registry.nodes(NodeFilter.builder().page(2, 3).build());
        assertThat(page2.count()).isEqualTo(7);
        assertThat(page2.items()).extracting(v -> v.node().id()).containsExactly(ids.get(3), ids.get(4), ids.get(5));
        var sorted = registry.nodes(NodeFilter.builder().sortBy(NodeFilter.Sort.FREE_MRU, false).page(1, 1).build());
        assertThat(sorted.items().getFirst().node().id()).isEqualTo(ids.get(1));
        assertThat(registry.nodes(NodeFilter.builder().farmIds(f2).status(NodeStatus.DOWN).build()).count()).isEqualTo(1);

        Stats stats = registry.stats();
        assertThat(stats.nodes()).isEqualTo(7);
        assertThat(stats.nodesUp()).isEqualTo(4);
        assertThat(stats.nodesDown()).isEqualTo(3);
        assertThat(stats.farms()).isEqualTo(2);
        assertThat(stats.countries()).isEqualTo(2);
        assertThat(stats.publicIps()).isEqualTo(1);
    }

    @Test
    void replayedForgedAlteredAndExpiredTransactionsAreRefusedAndChangeNothing() {
        var farmer = twin(1);
        var mallory = twin(2);
        var create = farmer.farmCreate("farm1", 1, List.of());
        long farmId = registry.submit(create).assignedId();
        long head = registry.stats().logEntries();
        long nonce = registry.lastNonce(farmer.twinId());

        refused(() -> registry.submit(create), ZosException.Kind.CONFLICT, "replayed or stale transaction");

        // same nonce, new content: still a replay
        var stale = Transaction.of(farmer.twinId(), nonce, clock.instant().getEpochSecond(),
                new TxBody.FarmUpdate(farmId, "renamed", 1));
        refused(() -> registry.submit(new SignedTransaction(stale, Actors.key(1).sign(stale.canonicalBytes()))),
                ZosException.Kind.CONFLICT, "not greater than twin " + farmer.twinId() + "'s last nonce " + nonce);

        // mallory signs a transaction claiming to be the farmer
        var claim = Transaction.of(farmer.twinId(), nonce + 1, clock.instant().getEpochSecond(),
                new TxBody.FarmUpdate(farmId, "stolen", 1));
        refused(() -> registry.submit(new SignedTransaction(claim, Actors.key(2).sign(claim.canonicalBytes()))),
                ZosException.Kind.FORBIDDEN, "does not verify with the key of twin " + farmer.twinId());

        // a genuine transaction altered after signing
        var genuine = farmer.farmUpdate(farmId, "renamed", 1);
        var altered = new SignedTransaction(Transaction.of(genuine.tx().signer(), genuine.tx().nonce(),
                genuine.tx().timestamp(), new TxBody.FarmUpdate(farmId, "altered", 1)), genuine.signature());
        refused(() -> registry.submit(altered), ZosException.Kind.FORBIDDEN, "signature does not verify");

        // unknown signer
        var ghost = Transaction.of(999, 1, clock.instant().getEpochSecond(), new TxBody.ContractNameCreate("abc"));
        refused(() -> registry.submit(new SignedTransaction(ghost, Actors.key(2).sign(ghost.canonicalBytes()))),
                ZosException.Kind.FORBIDDEN, "twin 999 is not registered");

        // signed an hour ago
        var old = Transaction.of(mallory.twinId(), Long.MAX_VALUE - 1, clock.instant().minusSeconds(3600).getEpochSecond(),
                new TxBody.ContractNameCreate("abc"));
        refused(() -> registry.submit(new SignedTransaction(old, Actors.key(2).sign(old.canonicalBytes()))),
                ZosException.Kind.INVALID, "expired transaction");

        // malformed wire bytes
        refused(() -> registry.submit("{\"tx\":{}}".getBytes()), ZosException.Kind.INVALID, "missing field");

        assertThat(registry.stats().logEntries()).isEqualTo(head);
        assertThat(registry.lastNonce(farmer.twinId())).isEqualTo(nonce);
        assertThat(registry.lastNonce(mallory.twinId())).isLessThan(Long.MAX_VALUE - 1);
        assertThat(registry.farm(farmId).orElseThrow().name()).isEqualTo("farm1");
        // and the genuine one still goes through
        registry.submit(genuine);
        assertThat(registry.farm(farmId).orElseThrow().name()).isEqualTo("renamed");
        assertThat(registry.verify().ok()).isTrue();
    }

    @Test
    void stateSurvivesReopenAndTablesAreRebuiltFromTheLog() throws Exception {
        var farmer = twin(1);
        long farmId = farm(farmer, "farm1", 1);
        long nodeId = node(twin(2), farmId);
        var before = registry.nodes(NodeFilter.ALL);
        registry.close();
        dropState(location);
        registry = open();
        assertThat(registry.nodes(NodeFilter.ALL)).isEqualTo(before);
        assertThat(registry.farm(farmId)).isPresent();
        assertThat(registry.node(nodeId)).isPresent();
        // nonces survive too: the old transaction is still a replay
        refused(() -> registry.submit(farmer.farmCreate("farm1", 1, List.of())), ZosException.Kind.CONFLICT,
                "already used");
        registry.submit(farmer.farmCreate("farm9", 1, List.of()));
        registry.close();
        try (var store = RegistryStores.open(location)) {
            assertThat(store.stateIndex()).isEqualTo(store.head());
        }
        registry = open();
    }

    @Test
    void theLogCanBeVerifiedWhileTheRegistryServesAndReadingChangesNothing() throws Exception {
        var farmer = twin(1);
        farm(farmer, "before", 0);
        // the registry keeps its writer's lock: a second writer is refused, a reader is not
        assertThatThrownBy(() -> RegistryStores.open(location).close()).isInstanceOf(ZosException.class);
        try (var reader = RegistryStores.openForReading(location)) {
            VerifyReport live = Registry.verify(reader);
            assertThat(live.ok()).isTrue();
            assertThat(live.verifiedEntries()).isEqualTo(2);
            farm(farmer, "after", 0); // the registry still writes while the reader is open
            assertThat(Registry.verify(reader).verifiedEntries()).isEqualTo(3);
        }
        assertThat(registry.verify().verifiedEntries()).isEqualTo(3);
    }

    @Test
    void verifyFindsATamperedEntryAndOpeningRefuses() throws Exception {
        var farmer = twin(1);
        for (int i = 0; i < 5; i++) {
            farm(farmer, "farm" + i, 0);
        }
        VerifyReport ok = registry.verify();
        assertThat(ok.ok()).isTrue();
        assertThat(ok.verifiedEntries()).isEqualTo(6);
        registry.close();
        registry = null;

        tamper(location, 4);
        try (var store = RegistryStores.open(location)) {
            VerifyReport broken = Registry.verify(store);
            assertThat(broken.ok()).isFalse();
            assertThat(broken.breakIndex()).isEqualTo(4);
            assertThat(broken.verifiedEntries()).isEqualTo(3);
            assertThat(broken.describe()).startsWith("log broken at entry 4:");
        }
        assertThatThrownBy(this::open).isInstanceOf(ZosException.class)
                .hasMessageContaining("log entry 4 is corrupt");
    }

    @Test
    void groupCommitSharesFsyncsAndKeepsEveryAcknowledgedTransaction() throws Exception {
        int clients = 64;
        var creates = new ArrayList<CompletableFuture<SubmitResult>>();
        for (int i = 0; i < clients; i++) {
            creates.add(registry.submitAsync(TransactionBuilder.twinCreate(Actors.key(100 + i), null, null, clock)));
        }
        var builders = new ArrayList<TransactionBuilder>();
        for (int i = 0; i < clients; i++) {
            builders.add(TransactionBuilder.forTwin(Actors.key(100 + i), creates.get(i).join().assignedId(), clock));
        }
        long before = registry.commitStats().batches();
        long entriesBefore = registry.stats().logEntries();
        var acks = new ArrayList<CompletableFuture<SubmitResult>>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            var start = new java.util.concurrent.CountDownLatch(1);
            for (var b : builders) {
                acks.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    SubmitResult last = null;
                    for (int k = 0; k < 4; k++) {
                        last = registry.submit(b.contractNameCreate("n" + b.twinId() + "x" + k));
                    }
                    // one refused transaction per client, mixed into the batches
                    try {
                        registry.submit(b.contractNameCreate("n" + b.twinId() + "x0"));
                        throw new IllegalStateException("duplicate name accepted");
                    } catch (ZosException e) {
                        assertThat(e.kind()).isEqualTo(ZosException.Kind.CONFLICT);
                    }
                    return last;
                }, pool));
            }
            start.countDown();
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).join();
        }
        long txs = clients * 4L;
        long batches = registry.commitStats().batches() - before;
        assertThat(registry.stats().logEntries()).isEqualTo(entriesBefore + txs);
        assertThat(batches).isLessThan(txs);
        reopen();
        assertThat(registry.contracts(ContractFilter.ALL.withType("name").withPaging(1, 1000)).count()).isEqualTo(txs);
        for (var b : builders) {
            for (int k = 0; k < 4; k++) {
                String name = "n" + b.twinId() + "x" + k;
                assertThat(registry.contracts(ContractFilter.ALL.withTwin(b.twinId()).withPaging(1, 10)).items())
                        .anySatisfy(c -> assertThat(((dev.zos.core.registry.model.NameContract) c).name()).isEqualTo(name));
            }
        }
        assertThat(registry.verify().ok()).isTrue();
    }
}
