package dev.zos.core.gridtypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.gridtypes.workload.MyceliumIp;
import dev.zos.core.gridtypes.workload.ZMachine;
import dev.zos.core.gridtypes.workload.ZMount;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadingTest {
    @TempDir
    Path dir;

    static String resource(String name) throws IOException {
        try (InputStream in = ReadingTest.class.getResourceAsStream("/gridtypes/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void jsonWeWriteParsesBackEqualWithTheSameHash() {
        var d = DeploymentSigner.sign(Samples.everyType(), 42, Samples.key(5)).withContractId(77);
        var back = GridJson.fromJson(GridJson.toJson(d));
        assertThat(back).isEqualTo(d);
        assertThat(back.challengeHashHex()).isEqualTo(d.challengeHashHex());
        assertThat(GridJson.toJson(back)).isEqualTo(GridJson.toJson(d));
    }

    @Test
    void yamlWeWriteParsesBackEqual() {
        var d = Samples.everyType();
        var back = DeploymentReader.read(GridJson.toYaml(d), DeploymentReader.Format.YAML, "x.yaml");
        assertThat(back).isEqualTo(d);
    }

    @Test
    void clientJsonParsesTolerantlyLikeGo() throws IOException {
        // shaped like the grid clients' output: Go's "Network" key for mycelium, null lists and data,
        // an extra key, type after data, a result set by the node, upper-case hex
        var d = DeploymentReader.read(resource("client-deployment.json"), DeploymentReader.Format.JSON, "client.json");
        assertThat(d.contractId()).isEqualTo(1234);
        var vm = (ZMachine) d.workload("vm").orElseThrow().data();
        assertThat(vm.network().mycelium()).isEqualTo(new MyceliumIp("net", HexBytes.parse("a1b2c3d4e5f6")));
        assertThat(vm.env()).isEmpty();
        assertThat(vm.network().interfaces().getFirst().ip().text()).isEqualTo("10.1.3.2");
        assertThat(d.workload("disk").orElseThrow().data()).isEqualTo(new ZMount(ByteSize.GIB));
        assertThat(d.workload("disk").orElseThrow().result().state()).isEqualTo(ResultState.OK);
        assertThat(d.workload("disk").orElseThrow().result().data().path("volume_id").asText()).isEqualTo("1-1234-disk");
        assertThat(d.challenge().text()).isEqualTo("3" + "1" + "meta" + "" + "0"
                + "0" + "zmount" + "" + "" + "1073741824"
                + "3" + "zmachine" + "" + "" + "https://hub.grid.tf/x.flist" + "" + "true" + "net" + "10.1.3.2"
                + "net" + "a1b2c3d4e5f6" + "0" + "1" + "1073741824" + "disk" + "/mnt" + "/init.sh"
                + "0" + "ip" + "" + "" + "truefalse"
                + "1true1" + "1");
    }

    @Test
    void timestampsAcceptUnixSecondsOrRfc3339LikeGo() {
        var d = GridJson.fromJson("{\"expiration\":\"2021-01-01T00:00:00Z\",\"workloads\":[{\"name\":\"d\",\"type\":\"zmount\","
                + "\"data\":{\"size\":1},\"result\":{\"created\":\"2021-01-01T01:00:00+01:00\",\"state\":\"ok\"}}]}");
        assertThat(d.expiration()).isEqualTo(1609459200L);
        assertThat(d.workloads().getFirst().result().created()).isEqualTo(1609459200L);
        assertThat(GridJson.toJson(d)).contains("\"expiration\":1609459200");
        assertThatThrownBy(() -> GridJson.fromJson("{\"expiration\":\"tomorrow\"}"))
                .hasMessageContaining("expiration: unknown timestamp format 'tomorrow'");
    }

    @Test
    void readsFilesByExtensionOrContent() throws IOException {
        var json = dir.resolve("dep");
        Files.writeString(json, GridJson.toJson(Samples.everyType()));
        assertThat(DeploymentReader.read(json)).isEqualTo(Samples.everyType());

        var yaml = dir.resolve("app.yml");
        Files.writeString(yaml, resource("app.yaml"));
        var d = DeploymentReader.read(yaml);
        var vm = (ZMachine) d.workload("vm").orElseThrow().data();
        assertThat(vm.computeCapacity().memory()).isEqualTo(2 * ByteSize.GIB);
        assertThat(vm.size()).isEqualTo(600_000_000L);
        assertThat(vm.env()).containsEntry("PORT", "8080");
        assertThat(d.workload("disk").orElseThrow().data()).isEqualTo(new ZMount(ByteSize.TIB));
        assertThat(d.workload("db").orElseThrow().capacity().hru()).isEqualTo(512 * ByteSize.MIB);
        // sizes go on the wire as bytes
        assertThat(GridJson.toJson(d)).contains("\"memory\":2147483648").contains("\"size\":1099511627776");
    }

    @Test
    void yamlUnknownKeyIsNamedWithPathAndPosition() {
        String yaml = """
                twin_id: 1
                workloads:
                  - name: d
                    type: zmount
                    data:
                      size: 1GiB
                      sise: 2
                """;
        assertThatThrownBy(() -> DeploymentReader.read(yaml, DeploymentReader.Format.YAML, "app.yaml"))
                .isInstanceOf(ZosException.class)
                .hasMessageStartingWith("app.yaml:7:")
                .hasMessageContaining("workloads[0].data.sise: unknown key 'sise'; known keys: size");
        String top = "twin_id: 1\nwork_loads: []\n";
        assertThatThrownBy(() -> DeploymentReader.read(top, DeploymentReader.Format.YAML, "t.yaml"))
                .hasMessageStartingWith("t.yaml:").hasMessageContaining("work_loads: unknown key 'work_loads'");
        String inWorkload = "twin_id: 1\nworkloads:\n  - name: d\n    typ: zmount\n";
        assertThatThrownBy(() -> DeploymentReader.read(inWorkload, DeploymentReader.Format.YAML, "w.yaml"))
                .hasMessageContaining("workloads[0].typ: unknown key 'typ'");
    }

    @Test
    void badSizeStringsAreNamed() {
        for (String bad : new String[] {"2XB", "1.5B", "-1GiB", "2 gib", "GiB", "9999999TiB"}) {
            String yaml = "twin_id: 1\nworkloads:\n  - name: d\n    type: zmount\n    data:\n      size: \"" + bad + "\"\n";
            assertThatThrownBy(() -> DeploymentReader.read(yaml, DeploymentReader.Format.YAML, "s.yaml"))
                    .as(bad).isInstanceOf(ZosException.class)
                    .hasMessageContaining("s.yaml:6:")
                    .hasMessageContaining("workloads[0].data.size: invalid size '" + bad + "'");
        }
        String json = "{\"twin_id\":1,\"workloads\":[{\"name\":\"d\",\"type\":\"zmount\",\"data\":{\"size\":\"1GiB\"}}]}";
        assertThatThrownBy(() -> GridJson.fromJson(json))
                .hasMessageContaining("workloads[0].data.size: a size must be an integer number of bytes in JSON");
    }

    @Test
    void fileErrorsNameTheFile() throws IOException {
        assertThatThrownBy(() -> DeploymentReader.read(dir.resolve("none.yaml")))
                .isInstanceOf(ZosException.class).hasMessageEndingWith("none.yaml: no such file")
                .extracting(e -> ((ZosException) e).kind()).isEqualTo(ZosException.Kind.NOT_FOUND);
        var broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"twin_id\": 1,\n \"workloads\": [ {\"name\": }");
        assertThatThrownBy(() -> DeploymentReader.read(broken)).isInstanceOf(ZosException.class)
                .hasMessageStartingWith(broken + ":2:");
        var invalid = dir.resolve("invalid.yaml");
        Files.writeString(invalid, "twin_id: 1\nworkloads:\n  - {name: d, type: zmount, data: {size: 0}}\n");
        assertThatThrownBy(() -> DeploymentReader.read(invalid))
                .hasMessage(invalid + ": workloads[0].data.size: must be greater than 0, got 0");
    }
}
