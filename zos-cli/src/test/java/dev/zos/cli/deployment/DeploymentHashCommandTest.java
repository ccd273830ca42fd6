package dev.zos.cli.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.cli.ZosMain;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.testkit.CliHarness;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentHashCommandTest {
    static final Path EXAMPLE = Path.of("../examples/app.yaml");

    @TempDir
    Path home;

    CliHarness zos() {
        return new CliHarness(ZosMain.class, home);
    }

    @Test
    void hashIsTheMd5OfTheChallengeAndTheSameForYamlAndJson() throws Exception {
        var yaml = zos().run("deployment", "hash", EXAMPLE.toString());
        assertThat(yaml.exitCode()).as(yaml.toString()).isZero();
        String hash = yaml.out().strip();
        assertThat(hash).matches("[0-9a-f]{32}");

        var explained = zos().run("deployment", "hash", EXAMPLE.toString(), "--explain", "-o", "json");
        var view = new ObjectMapper().readTree(explained.out());
        byte[] md5 = MessageDigest.getInstance("MD5").digest(view.get("challenge").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(HexFormat.of().formatHex(md5)).isEqualTo(hash).isEqualTo(view.get("hash").asText());
        assertThat(view.get("challenge").asText()).contains("0zmount2147483648"); // 2GiB written as bytes

        Path json = home.resolve("app.json");
        Files.writeString(json, GridJson.toJson(DeploymentReader.read(EXAMPLE)));
        var fromJson = zos().run("deployment", "hash", json.toString());
        assertThat(fromJson.out().strip()).isEqualTo(hash);
    }

    @Test
    void badFilesGiveOneLineNamingTheProblem() throws Exception {
        Path typo = home.resolve("typo.yaml");
        Files.writeString(typo, Files.readString(EXAMPLE).replace("      size: 2GiB\n  - name: net", "      sise: 2GiB\n  - name: net"));
        var r = zos().run("deployment", "hash", typo.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("sise").contains("workloads[0]");

        var missing = zos().run("deployment", "hash", home.resolve("nope.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.yaml").doesNotContain("\tat ");

        Path badType = home.resolve("bad.yaml");
        Files.writeString(badType, Files.readString(EXAMPLE).replace("type: zmount", "type: zmountt"));
        var unknown = zos().run("deployment", "hash", badType.toString());
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("zmountt").contains("zmachine");
    }
}
