package dev.zos.grid.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.imagegen.kernel.DebianKernels;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boot server of a real grid on loopback, driven over HTTP; builds are in {@link BootImagesIT}. */
class BootServerTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final URI NODE_VIEW = URI.create("http://10.0.2.2:8080");
    static BootFixture boot;
    static long farm;

    @BeforeAll
    static void start() throws Exception {
        boot = new BootFixture(NODE_VIEW, true);
        farm = boot.newFarm("boot_farm");
    }

    @AfterAll
    static void stop() throws Exception {
        boot.close();
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void ipxeScriptTriesTheConfiguredNicFirstThenDhcpsEachNicAndBootsTheFarmsCommandLine() throws Exception {
        var r = boot.get("/ipxe/dev/" + farm);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        String script = text(r);
        assertThat(script).startsWith("#!ipxe\n");
        String cmdline = "quiet panic=10 version=v3 runmode=dev farmer_id=" + farm + " zos-grid=http://10.0.2.2:8080"
                + " registry=http://10.0.2.2:8080 relay=ws://10.0.2.2:8080/";
        assertThat(script).contains("kernel --name vmlinuz http://10.0.2.2:8080/kernel/dev/" + farm + " initrd=initramfs.img "
                + cmdline + " || goto fetch\n");
        assertThat(script).contains("initrd --name initramfs.img http://10.0.2.2:8080/initramfs/dev/" + farm + " || goto fetch\n");
        // an already configured NIC is kept: the check comes before any dhcp, which only runs when none is configured
        assertThat(script.indexOf("isset ${net${zosidx}/ip} && goto network")).isPositive().isLessThan(script.indexOf("dhcp net${zosidx}"));
        assertThat(script).contains("echo DHCP on net${zosidx}", "iseq ${zosround} 4 && goto no_network", "boot || goto boot_failed",
                "echo Zero-OS boot failed: no DHCP answer", "reboot ||");
        assertThat(script.lines().filter(l -> l.startsWith(":")).map(l -> l.substring(1)).toList())
                .as("every goto target exists").containsAll(script.lines().filter(l -> l.contains("goto "))
                        .map(l -> l.substring(l.indexOf("goto ") + 5).split(" ")[0]).distinct().toList());
        assertThat(text(boot.get("/cmdline/dev/" + farm))).isEqualTo(cmdline + "\n");
    }

    @Test
    void extraWordsGoLastOnTheCommandLineWithTripleUnderscoreForSlash() throws Exception {
        var r = boot.get("/ipxe/dev/" + farm + "/zos-debug%20vlan:pub=4%20console=ttyS0%20x=a___b");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(text(r)).contains("relay=ws://10.0.2.2:8080/ zos-debug vlan:pub=4 console=ttyS0 x=a/b || goto fetch");
        assertThat(text(boot.get("/cmdline/test/" + farm + "/zos-debug"))).contains("runmode=test").endsWith(" zos-debug\n");
    }

    @Test
    void unknownRunmodeOrFarmIs404WithTheReasonAndBadExtrasAre400() throws Exception {
        var qa = boot.get("/ipxe/qa/" + farm);
        assertThat(qa.statusCode()).isEqualTo(404);
        assertThat(error(qa)).isEqualTo("unknown runmode 'qa'; this boot server serves dev, test and prod");
        var noFarm = boot.get("/iso/dev/999999");
        assertThat(noFarm.statusCode()).isEqualTo(404);
        assertThat(error(noFarm)).isEqualTo("farm 999999 is not registered on this grid");
        assertThat(error(boot.get("/kernel/dev/abc"))).startsWith("'abc' is not a farm id");
        assertThat(boot.get("/ipxe/dev").statusCode()).isEqualTo(404);
        assertThat(boot.get("/ipxe/dev/" + farm + "/a/b").statusCode()).isEqualTo(404);
        var dollar = boot.get("/ipxe/dev/" + farm + "/x=$%7Bmac%7D");
        assertThat(dollar.statusCode()).isEqualTo(400);
        assertThat(error(dollar)).startsWith("extra kernel argument 'x=${mac}' is not allowed");
        var newline = boot.get("/ipxe/dev/" + farm + "/a%0Aboot");
        assertThat(newline.statusCode()).as("a newline would end the script's kernel line").isEqualTo(400);
        assertThat(boot.rawStatus("GET", "/ipxe/dev/" + farm + "/a%zz")).isEqualTo(400);
        var post = boot.send("POST", "/ipxe/dev/" + farm, Map.of());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("allow")).hasValue("GET, HEAD");
        assertThat(Files.list(boot.bootDir()).filter(p -> !p.getFileName().toString().startsWith("initramfs-")).toList())
                .as("refused requests build nothing").isEmpty();
    }

    @Test
    void kernelIsTheDebianKernelWithLengthAndEtag() throws Exception {
        var kernel = new DebianKernels(BootFixture.cacheRoot().resolve("kernels")).fetch(null);
        var r = boot.get("/kernel/dev/" + farm);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(Files.readAllBytes(kernel.vmlinuz()));
        assertThat(r.headers().firstValueAsLong("content-length")).hasValue(r.body().length);
        String etag = r.headers().firstValue("etag").orElseThrow();
        var again = boot.send("GET", "/kernel/prod/" + farm, Map.of("If-None-Match", etag));
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }

    @Test
    void bootInfoSaysEnabledWithTheNodesViewAndRunmode() throws Exception {
        JsonNode info = JSON.readTree(boot.get("/boot").body());
        assertThat(info.get("enabled").asBoolean()).isTrue();
        assertThat(info.get("url").asText()).isEqualTo("http://10.0.2.2:8080");
        assertThat(info.get("runmode").asText()).isEqualTo("dev");
        assertThat(info.has("reason")).isFalse();
    }

    @Test
    void withoutBootUrlTheScriptPointsAtTheHostTheMachineAsked() throws Exception {
        try (BootFixture hosted = new BootFixture(null, true)) {
            long f = hosted.newFarm("hosted_farm");
            var r = hosted.send("GET", "/ipxe/prod/" + f, Map.of());
            assertThat(text(r)).contains("kernel --name vmlinuz " + hosted.url() + "/kernel/prod/" + f + " ")
                    .contains(" zos-grid=" + hosted.url() + " ");
        }
    }

    @Test
    void anUnconfiguredBootServerAnswers503SayingHowToConfigureIt() throws Exception {
        try (BootFixture off = new BootFixture(null, false)) {
            long f = off.newFarm("off_farm");
            var r = off.get("/ipxe/dev/" + f);
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(error(r)).contains("not configured").contains("--boot-agent DIR").contains("--boot-release-key FILE");
            JsonNode info = JSON.readTree(off.get("/boot").body());
            assertThat(info.get("enabled").asBoolean()).isFalse();
            assertThat(info.get("reason").asText()).contains("--boot-agent");
            // the rest of the grid is unaffected
            assertThat(off.get("/farms/" + f).statusCode()).isEqualTo(200);
        }
    }

    private static String error(HttpResponse<byte[]> r) throws Exception {
        return JSON.readTree(r.body()).get("error").asText();
    }
}
