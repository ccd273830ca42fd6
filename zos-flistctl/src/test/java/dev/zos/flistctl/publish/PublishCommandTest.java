package dev.zos.flistctl.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.tx.TransactionBuilder;
import dev.zos.flist.block.StoreBlockReader;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.pack.PackOptions;
import dev.zos.flist.pack.Packer;
import dev.zos.flist.sign.FlistSignatures;
import dev.zos.flist.sign.SignatureCheck;
import dev.zos.flist.sign.TwinKeys;
import dev.zos.flist.store.BlockStore;
import dev.zos.flist.store.Stores;
import dev.zos.flist.store.dir.DirStore;
import dev.zos.flist.unpack.UnpackOptions;
import dev.zos.flist.unpack.Unpacker;
import dev.zos.flistctl.FlistctlMain;
import dev.zos.grid.testing.TestGrid;
import dev.zos.testkit.CliHarness;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** publish, link and sign through the real command line against a real grid with its hub. */
class PublishCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static TestGrid grid;
    static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path home;
    @TempDir
    Path work;

    @BeforeAll
    static void startGrid() throws Exception {
        grid = TestGrid.shared();
    }

    CliHarness flistctl() {
        return new CliHarness(FlistctlMain.class, home);
    }

    /** The harness's current identity, registered as a twin on the grid; its twin id. */
    long registeredIdentity(CliHarness cli) {
        TwinKey key = TestGrid.newKey();
        var store = new IdentityStore(cli.configDir());
        store.importSecret("dev", "0x" + HexFormat.of().formatHex(key.seed()));
        store.use("dev");
        return grid.client().submit(TransactionBuilder.twinCreate(key, grid.client().relayUrl(), null)).id();
    }

    Path packed(String name) throws Exception {
        Path tree = work.resolve("tree-" + name);
        Files.createDirectories(tree.resolve("bin"));
        byte[] data = new byte[700_000];
        new Random(name.hashCode()).nextBytes(data);
        Files.write(tree.resolve("bin/app"), data);
        Files.writeString(tree.resolve("README"), "app " + name + "\n");
        Path fl = work.resolve(name);
        Packer.pack(tree, fl, new DirStore(work.resolve("store")), PackOptions.builder().tag("version", "1.0").build());
        return fl;
    }

    byte[] get(String url) throws Exception {
        var r = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }

    @Test
    void publishUploadsMissingBlocksThenTheFlistAndLinkPointsAName() throws Exception {
        var cli = flistctl();
        long twin = registeredIdentity(cli);
        Path fl = packed("app.fl");

        var run = cli.run("publish", "-m", fl.toString(), "--hub", grid.url(), "--name", "app-1.0", "-o", "json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode out = JSON.readTree(run.out());
        assertThat(out.get("name").asText()).isEqualTo("app-1.0.fl");
        assertThat(out.get("url").asText()).isEqualTo(grid.url() + "/" + twin + "/app-1.0.fl");
        assertThat(out.get("blocks").asInt()).isEqualTo(3);
        assertThat(out.get("uploaded").asInt()).isEqualTo(3);

        byte[] published = get(out.get("url").asText());
        String md5 = md5(published);
        assertThat(new String(get(out.get("url").asText() + ".md5"), StandardCharsets.US_ASCII)).isEqualTo(md5 + "\n");
        assertThat(out.get("md5").asText()).isEqualTo(md5);

        // it unpacks from the hub alone: the local store is gone
        Path downloaded = work.resolve("downloaded.fl");
        Files.write(downloaded, published);
        try (var files = Files.walk(work.resolve("store"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (FlistReader reader = FlistReader.open(downloaded); BlockStore store = Stores.defaults().openRoutes(reader.routes())) {
            Unpacker.unpack(reader, new StoreBlockReader(store), work.resolve("out"), UnpackOptions.defaults());
        }
        assertThat(md5(Files.readAllBytes(work.resolve("out/bin/app")))).isEqualTo(md5(Files.readAllBytes(work.resolve("tree-app.fl/bin/app"))));

        var again = cli.run("publish", "-m", downloaded.toString(), "--hub", grid.url(), "--name", "app-1.0.fl");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).containsPattern("uploaded\\s+0 ");

        var link = cli.run("link", "--hub", grid.url(), "stable", "app-1.0.fl");
        assertThat(link.exitCode()).as(link.toString()).isZero();
        assertThat(link.out()).contains("stable").contains("app-1.0.fl");
        assertThat(md5(get(grid.url() + "/" + twin + "/stable"))).isEqualTo(md5);
    }

    @Test
    void signedFlistStaysValidThroughPublishing() throws Exception {
        var cli = flistctl();
        long twin = registeredIdentity(cli);
        Path fl = packed("signed.fl");
        var sign = cli.run("sign", "-m", fl.toString(), "--grid", grid.url(), "-o", "json");
        assertThat(sign.exitCode()).as(sign.toString()).isZero();
        assertThat(JSON.readTree(sign.out()).get("twinId").asLong()).isEqualTo(twin);

        var publish = cli.run("publish", "-m", fl.toString(), "--hub", grid.url());
        assertThat(publish.exitCode()).as(publish.toString()).isZero();
        Path downloaded = work.resolve("from-hub.fl");
        Files.write(downloaded, get(grid.url() + "/" + twin + "/signed.fl"));
        SignatureCheck check = FlistSignatures.verify(downloaded, TwinKeys.of(grid.client()));
        assertThat(check.status()).isEqualTo(SignatureCheck.Status.VALID);
        assertThat(check.twinId()).isEqualTo(twin);
        var byGrid = cli.run("verify", "-m", downloaded.toString(), "--signer-grid", grid.url());
        assertThat(byGrid.exitCode()).as(byGrid.toString()).isZero();
        assertThat(byGrid.out()).contains("signature: valid: signed by twin " + twin);
        String publicKey = grid.client().twin(twin).publicKey();
        assertThat(cli.run("verify", "-m", downloaded.toString(), "--key", publicKey).exitCode()).isZero();
        var otherKey = cli.run("verify", "-m", downloaded.toString(), "--key", TestGrid.newKey().publicKeyHex());
        assertThat(otherKey.exitCode()).isEqualTo(1);
        assertThat(otherKey.err().strip()).startsWith("zos-flistctl: signature check of " + downloaded + " failed: ");
        var unsigned = cli.run("verify", "-m", packed("plain.fl").toString(), "--signer-grid", grid.url());
        assertThat(unsigned.exitCode()).isEqualTo(1);
        assertThat(unsigned.err()).contains("is not signed");
        // a twin id the grid does not know
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + downloaded); var st = db.createStatement()) {
            st.executeUpdate("update tag set value = '99999999' where key = 'zos.signature.twin'");
        }
        assertThat(FlistSignatures.verify(downloaded, TwinKeys.of(grid.client())).status())
                .isEqualTo(SignatureCheck.Status.UNKNOWN_SIGNER);
    }

    @Test
    void refusalsAreOneClearLine() throws Exception {
        var cli = flistctl();
        Path fl = packed("x.fl");
        var noIdentity = cli.run("publish", "-m", fl.toString(), "--hub", grid.url());
        assertThat(noIdentity.exitCode()).isEqualTo(1);
        assertThat(noIdentity.err().strip()).doesNotContain("\n").contains("no current identity");

        var store = new IdentityStore(cli.configDir());
        store.create("unregistered", 12);
        var noTwin = cli.run("publish", "-m", fl.toString(), "--hub", grid.url());
        assertThat(noTwin.exitCode()).isEqualTo(1);
        assertThat(noTwin.err()).contains("has no twin");

        var missing = cli.run("publish", "-m", work.resolve("nope.fl").toString(), "--hub", grid.url());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");

        var badHub = cli.run("publish", "-m", fl.toString(), "--hub", "ftp://x");
        assertThat(badHub.exitCode()).isNotZero();
        assertThat(badHub.err()).contains("hub URL");
    }
}
