package dev.zos.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.cli.ZosMain;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.workload.ZMount;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.client.ContractQuery;
import dev.zos.core.registry.client.GridContract;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.flistctl.FlistctlMain;
import dev.zos.grid.testing.TestGrid;
import dev.zos.node.agent.NodeAgent;
import dev.zos.node.agent.NodeConfig;
import dev.zos.node.capacity.StorageSource;
import dev.zos.node.workload.network.LinkNames;
import dev.zos.testkit.CliHarness;
import dev.zos.testkit.CliHarness.CliResult;
import dev.zos.testkit.ExternalService;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole deploy flow, everything real on loopback: a grid (registry, explorer, relay, flist hub), two node
 * agents in process mode with the standard drivers (runc, loop-mounted ext4, bridges), and users driving them
 * through the real {@code zos} and {@code zos-flistctl} command lines. Needs root, runc, busybox-static, iproute2
 * and e2fsprogs; see docs/e2e.md.
 */
class DeployFlowIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Where {@link NodeAgent.Host#system()} keeps runc's state. */
    static final String RUNC_ROOT = "/run/zos/runc";
    static final String ENTRYPOINT = "/bin/sh -c 'echo \"hello from the e2e container\"; "
            + "echo stored-by-the-container > /data/out.txt; "
            + "for i in 1 2 3 4 5; do ping -c1 -W1 10.231.7.1 >/dev/null && echo gateway-reachable && break; sleep 1; done; "
            + "exec sleep 600'";

    @TempDir
    static Path tmp;
    static TestGrid grid;
    static final List<NodeAgent> agents = new ArrayList<>();
    static final List<String> nodeLog = Collections.synchronizedList(new ArrayList<>());
    static NodeAgent n1;
    static NodeAgent n2;
    static CliHarness zos;
    static TwinKey userKey;
    static long userTwin;
    static String flistUrl;

    @BeforeAll
    static void start() throws Exception {
        requireHost();
        grid = TestGrid.start();
        // the farmer: its own twin, one farm (a signed farm.create transaction, as zos-farmer sends)
        long farm = grid.client().submit(grid.newTwin().farmCreate("e2e_farm", 1, List.of())).id();
        n1 = node(farm, "n1");
        n2 = node(farm, "n2");

        zos = new CliHarness(ZosMain.class, tmp.resolve("user"));
        CliResult created = ok(zos.run("identity", "new", "--name", "user"));
        userTwin = twinOf(zos);
        // the key the CLI stored: the hash-mismatch test signs a deployment the CLI would never send
        userKey = new IdentityStore(zos.configDir()).key("user");
        assertThat(created.out()).contains(new IdentityStore(zos.configDir()).get("user").ss58());
        flistUrl = publishBusybox();
    }

    @AfterAll
    static void stop() throws Exception {
        for (NodeAgent agent : agents.reversed()) {
            agent.close();
        }
        // a failed test may leave a disk mounted under the nodes' data dirs; JUnit could not delete them then
        List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" ")[1])
                .filter(m -> tmp != null && m.startsWith(tmp.toString())).toList();
        for (String mount : mounts.reversed()) {
            run("umount", "-l", mount);
        }
        if (grid != null) {
            grid.close();
        }
    }

    /** The first test proves the user sees what the rest relies on: both nodes up in the explorer. */
    @Test
    void theUserSeesBothNodesUp() {
        CliResult list = ok(zos.run("nodes", "list", "--status", "up"));
        assertThat(list.out()).containsPattern("(?m)^" + n1.nodeId() + "\\s+\\d+\\s+up\\b")
                .containsPattern("(?m)^" + n2.nodeId() + "\\s+\\d+\\s+up\\b");
    }

    @Test
    void aContainerWithADiskAndANetworkRunsLogsAndIsCancelledLeavingNothing() throws Exception {
        Path app = tmp.resolve("app.yaml");
        Files.writeString(app, """
                version: 0
                twin_id: 1
                description: busybox with a disk on a private network
                workloads:
                  - name: data
                    type: zmount
                    version: 0
                    data:
                      size: 64MiB
                  - name: net
                    type: network
                    version: 0
                    data:
                      ip_range: 10.231.0.0/16
                      subnet: 10.231.7.0/24
                      wireguard_private_key: GDU+cjKrHNJS9fodzjFDzNFl5su3kJXTZ3ipPgUjOUE=
                      wireguard_listen_port: 3011
                      peers: []
                  - name: web
                    type: zmachine
                    version: 0
                    data:
                      flist: %s
                      entrypoint: %s
                      size: 0
                      compute_capacity:
                        cpu: 1
                        memory: 256MiB
                      network:
                        public_ip: ""
                        planetary: false
                        interfaces:
                          - network: net
                            ip: 10.231.7.5
                      mounts:
                        - name: data
                          mountpoint: /data
                """.formatted(flistUrl, JSON.writeValueAsString(ENTRYPOINT)));
        String node = Long.toString(n1.nodeId());

        String hash = hashOf(app);
        CliResult deployed = zos.run("deploy", "-f", app.toString(), "--node", node, "--name", "app", "--timeout", "2m");
        GridContract contract = contracts().stream().filter(c -> hash.equals(c.details().get("deployment_hash")))
                .findFirst().orElseThrow(() -> new AssertionError("no contract: " + deployed + nodeLog));
        String container = userTwin + "-" + contract.contractId() + "-web";
        String bridge = LinkNames.bridge(userTwin + "-" + contract.contractId() + "-net");
        String veth = LinkNames.hostVeth(container);
        try {
            assertThat(deployed.exitCode()).as(deployed + "\n" + String.join("\n", nodeLog)).isZero();
            assertThat(deployed.out()).contains("data (zmount): ok", "net (network): ok", "web (zmachine): ok");

            CliResult get = ok(zos.run("get", "app"));
            assertThat(get.out()).containsPattern("data\\s+zmount\\s+ok").containsPattern("net\\s+network\\s+ok")
                    .containsPattern("web\\s+zmachine\\s+ok");
            JsonNode json = JSON.readTree(ok(zos.run("get", "app", "-o", "json")).out());
            for (JsonNode w : json.get("workloads")) {
                assertThat(w.get("result").get("state").asText()).as(w.toString()).isEqualTo("ok");
            }
            assertThat(json.get("workloads").get(2).get("result").get("data").get("ip").asText()).isEqualTo("10.231.7.5");

            String logs = await(() -> ok(zos.run("logs", "app")).out(), s -> s.contains("gateway-reachable"),
                    "the echoed lines in zos logs");
            assertThat(logs).as("read from the node's console log through the relay")
                    .isEqualTo("hello from the e2e container\ngateway-reachable\n");
            assertThat(run("ip", "-o", "link", "show", "master", bridge)).as("on the network's bridge").contains(veth);
            Path written = tmp.resolve("n1/zmount/mnt/" + userTwin + "-" + contract.contractId() + "-data/out.txt");
            await(() -> Files.exists(written), b -> b, "the container's file on the zmount");
            assertThat(Files.readString(written)).isEqualTo("stored-by-the-container\n");
            assertThat(runcList()).contains(container);

            // an update adding a disk: only the new workload is provisioned, the machine keeps running untouched
            Path grown = tmp.resolve("app-grown.yaml");
            Files.writeString(grown, Files.readString(app).replace("""
                  - name: net
                """, """
                  - name: more
                    type: zmount
                    version: 0
                    data:
                      size: 32MiB
                  - name: net
                """));
            CliResult updated = ok(zos.run("update", "app", "-f", grown.toString(), "--timeout", "2m"));
            assertThat(updated.out()).contains("updating app: version 1", "(re)provisioning more", "more (zmount): ok");
            JsonNode after = JSON.readTree(ok(zos.run("get", "app", "-o", "json")).out());
            assertThat(after.get("version").asInt()).isEqualTo(1);
            assertThat(after.get("workloads")).hasSize(4).allSatisfy(w ->
                    assertThat(w.get("result").get("state").asText()).as(w.toString()).isEqualTo("ok"));
            assertThat(contract(contract.contractId()).details().get("deployment_hash")).isNotEqualTo(hash);
            assertThat(ok(zos.run("logs", "app")).out()).as("the machine was not restarted")
                    .isEqualTo("hello from the e2e container\ngateway-reachable\n");
            assertThat(ok(zos.run("update", "app", "-f", grown.toString())).out()).contains("nothing to update");

            CliResult cancel = ok(zos.run("cancel", "app"));
            assertThat(cancel.out()).contains("contract " + contract.contractId() + " cancelled (app)")
                    .contains("web (zmachine): deleted").contains("deleted every workload");
            assertThat(runcList()).as("no container left").doesNotContain(container);
            assertThat(Path.of("/run/netns/zos-" + container)).as("no network namespace left").doesNotExist();
            assertThat(run("ip", "link", "show", "dev", bridge)).as("no bridge left").contains("does not exist");
            assertThat(contract(contract.contractId()).state()).isEqualTo("Deleted");
            assertThat(written).as("the disk is unmounted and removed").doesNotExist();
        } finally {
            run("runc", "--root", RUNC_ROOT, "delete", "--force", container);
            run("ip", "netns", "delete", "zos-" + container);
            run("ip", "link", "delete", veth);
            run("ip", "link", "delete", bridge);
        }
    }

    @Test
    void aCoSignedDeploymentIsRefusedWithOneSignatureAndRunsWithBoth() throws Exception {
        CliHarness cosigner = new CliHarness(ZosMain.class, tmp.resolve("cosigner"));
        ok(cosigner.run("identity", "new", "--name", "cosigner"));
        long cosignerTwin = twinOf(cosigner);
        Path file = disk("shared", "128MiB");
        Path pending = tmp.resolve("pending.json");
        String node = Long.toString(n2.nodeId());

        ok(zos.run("deploy", "-f", file.toString(), "--name", "shared", "--require", cosignerTwin + ":1",
                "--weight-required", "2", "-o", pending.toString(), "--node", node));
        CliResult refused = zos.run("deploy", "--submit", pending.toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("not enough signatures", "weight 1 of 2 required",
                "still to sign: twin " + cosignerTwin);
        String hash = hashOf(pending);
        assertThat(contracts()).as("no contract before the quorum is met")
                .noneMatch(c -> hash.equals(c.details().get("deployment_hash")));

        ok(cosigner.run("sign", pending.toString()));
        CliResult sent = ok(zos.run("deploy", "--submit", pending.toString(), "--timeout", "1m"));
        assertThat(sent.out()).contains("shared (zmount): ok");
        JsonNode onNode = JSON.readTree(ok(zos.run("get", "shared", "-o", "json")).out());
        assertThat(onNode.get("signature_requirement").get("signatures")).extracting(s -> s.get("twin_id").asLong())
                .containsExactlyInAnyOrder(userTwin, cosignerTwin);
        assertThat(onNode.get("workloads").get(0).get("result").get("state").asText()).isEqualTo("ok");
        ok(zos.run("cancel", "shared"));
    }

    @Test
    void aDeploymentWhoseHashDiffersFromItsContractIsRefusedByTheNode() throws Exception {
        Deployment original = Deployment.create(userTwin, List.of(Workload.of("disk", new ZMount(32 * ByteSize.MIB))))
                .withDescription("what the contract was made for");
        String hash = original.challengeHashHex();
        long contract = grid.client().submit(TransactionBuilder.forTwin(userKey, userTwin)
                .contractNodeCreate(n1.nodeId(), hash, 0)).id();
        try {
            Deployment tampered = DeploymentSigner.sign(original.withDescription("something else").withContractId(contract),
                    userTwin, userKey);
            CliResult r = zos.run("call", Long.toString(n1.nodeId()), "zos.deployment.deploy", GridJson.toJson(tampered));
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
            assertThat(r.err()).contains("refused zos.deployment.deploy", "deployment hash " + tampered.challengeHashHex(),
                    "does not match contract " + contract, hash);
            CliResult absent = zos.run("call", Long.toString(n1.nodeId()), "zos.deployment.get",
                    "{\"contract_id\":" + contract + "}");
            assertThat(absent.exitCode()).as("nothing was recorded: " + absent).isEqualTo(1);
        } finally {
            grid.client().submit(TransactionBuilder.forTwin(userKey, userTwin).contractCancel(contract));
        }
    }

    @Test
    void aDeploymentLargerThanTheNodesFreeCapacityIsRefusedNamingTheResource() throws Exception {
        Path huge = disk("huge", "1024TiB");
        CliResult r = zos.run("deploy", "-f", huge.toString(), "--node", Long.toString(n1.nodeId()), "--name", "huge");
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains("not enough ssd storage (sru) on node " + n1.nodeId());
        assertThat(contracts()).as("the refused deployment's contract is cancelled again")
                .noneMatch(c -> "Created".equals(c.state()) && hashOf(huge).equals(c.details().get("deployment_hash")));
    }

    // --- the pieces

    static NodeAgent node(long farm, String name) throws Exception {
        var config = new NodeConfig(farm, URI.create(grid.url()), URI.create(grid.url()), URI.create(grid.client().relayUrl()),
                tmp.resolve(name), "dev", NodeConfig.DEFAULT_UPTIME, Duration.ofSeconds(5), StorageSource.DATA_DIR_SSD);
        NodeAgent agent = NodeAgent.start(config, NodeAgent.Host.system(), line -> nodeLog.add(name + ": " + line));
        agents.add(agent);
        return agent;
    }

    /** A busybox root filesystem packed by zos-flistctl into a dir:// store and published to the grid's hub by the user. */
    static String publishBusybox() throws Exception {
        Path rootfs = tmp.resolve("rootfs");
        Files.createDirectories(rootfs.resolve("bin"));
        for (String d : List.of("proc", "sys", "dev", "tmp", "etc", "data")) {
            Files.createDirectories(rootfs.resolve(d));
        }
        Files.copy(Path.of("/bin/busybox"), rootfs.resolve("bin/busybox"));
        for (String applet : run("busybox", "--list").split("\n")) {
            if (!applet.isBlank() && !applet.equals("busybox")) {
                Files.createSymbolicLink(rootfs.resolve("bin").resolve(applet.strip()), Path.of("busybox"));
            }
        }
        var flistctl = new CliHarness(FlistctlMain.class, tmp.resolve("user"));
        Path fl = tmp.resolve("busybox.fl");
        ok(flistctl.run("pack", "-m", fl.toString(), "-s", "dir://" + tmp.resolve("blocks"), rootfs.toString()));
        JsonNode published = JSON.readTree(ok(flistctl.run("publish", "-m", fl.toString(), "--hub", grid.url(),
                "--name", "busybox", "-o", "json")).out());
        String url = published.get("url").asText();
        assertThat(url).isEqualTo(grid.url() + "/" + userTwin + "/busybox.fl");
        return url;
    }

    /** A deployment file with one zmount. */
    static Path disk(String name, String size) throws Exception {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, """
                version: 0
                twin_id: 1
                workloads:
                  - name: %s
                    type: zmount
                    version: 0
                    data:
                      size: %s
                """.formatted(name, size));
        return file;
    }

    /** The hash the CLI would sign for a deployment file or a pending file. */
    static String hashOf(Path file) {
        try {
            if (file.toString().endsWith(".json")) {
                return GridJson.fromJson(JSON.readTree(Files.readString(file)).get("deployment").toString()).challengeHashHex();
            }
            return JSON.readTree(ok(zos.run("deploy", "-f", file.toString(), "--dry-run", "-o", "json")).out())
                    .get("hash").asText();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static long twinOf(CliHarness cli) throws Exception {
        return JSON.readTree(ok(cli.run("grid", "use", grid.url(), "-o", "json")).out()).get("twinId").asLong();
    }

    static List<GridContract> contracts() {
        return grid.client().contracts(ContractQuery.ofTwin(userTwin)).items();
    }

    static GridContract contract(long id) {
        return contracts().stream().filter(c -> c.contractId() == id).findFirst()
                .orElseThrow(() -> new AssertionError("contract " + id + " not listed"));
    }

    static CliResult ok(CliResult r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return r;
    }

    static String runcList() {
        return run("runc", "--root", RUNC_ROOT, "list");
    }

    static <T> T await(java.util.function.Supplier<T> value, java.util.function.Predicate<T> done, String what)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        T last = value.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what + "; last: " + last);
            }
            Thread.sleep(200);
            last = value.get();
        }
        return last;
    }

    /** Runs a host command; its stdout (stderr folded in). */
    static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void requireHost() throws Exception {
        ExternalService.require((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "the deploy flow mounts loop devices and runs containers: run it as root");
        for (String[] tool : new String[][] {{"runc", "runc"}, {"mkfs.ext4", "e2fsprogs"}, {"ip", "iproute2"},
                {"busybox", "busybox-static"}}) {
            ExternalService.require(onPath(tool[0]), tool[0] + " is not installed: apt-get install -y " + tool[1]);
        }
        ExternalService.require(Files.isExecutable(Path.of("/bin/busybox")) && run("/bin/busybox", "--list").contains("sh"),
                "/bin/busybox is not a static busybox with applets: apt-get install -y busybox-static");
    }

    static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
