package dev.zos.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.SignatureRequest;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.sign.DeploymentSigner;
import dev.zos.core.identity.TwinKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy commands' pieces that need no grid: owner assignment, durations, local records. */
class DeployPartsTest {
    static final Path EXAMPLE = Path.of("../examples/app.yaml");

    @TempDir
    Path dir;

    @Test
    void theFilesOwnerIsAPlaceholderForTheDeployingTwin() {
        Deployment file = DeploymentReader.read(EXAMPLE);
        assertThat(file.twinId()).isEqualTo(42);
        Deployment mine = Owner.assign(DeploymentSigner.sign(file, 42, TwinKey.fromSeed(new byte[32])), 7);
        assertThat(mine.twinId()).isEqualTo(7);
        assertThat(mine.signatureRequirement().requests()).containsExactly(new SignatureRequest(7, true, 1));
        assertThat(mine.signatureRequirement().signatures()).isEmpty();
        assertThat(mine.workloads()).isEqualTo(file.workloads());

        Deployment others = Owner.assign(file.withSignatureRequirement(new dev.zos.core.gridtypes.SignatureRequirement(
                List.of(new SignatureRequest(5, false, 2)), 2, List.of(), "")), 7);
        assertThat(others.signatureRequirement().requests())
                .containsExactly(new SignatureRequest(7, true, 1), new SignatureRequest(5, false, 2));

        Deployment cosigned = Owner.requireSigners(mine, List.of(new SignatureRequest(8, false, 2), new SignatureRequest(7, false, 3)), 0);
        assertThat(cosigned.signatureRequirement().requests())
                .containsExactly(new SignatureRequest(7, true, 3), new SignatureRequest(8, false, 2));
        assertThat(cosigned.signatureRequirement().weightRequired()).isEqualTo(5);
        assertThat(cosigned.challengeHashHex()).isNotEqualTo(mine.challengeHashHex());
    }

    @Test
    void durationsInSecondsMinutesAndHours() {
        var c = new WaitOptions.DurationConverter();
        assertThat(c.convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.convert("1H")).isEqualTo(Duration.ofHours(1));
        assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
        for (String bad : List.of("", "0", "0s", "-5s", "5x", "soon", "m")) {
            assertThatThrownBy(() -> c.convert(bad)).isInstanceOf(ZosException.class).hasMessageContaining("invalid duration");
        }
    }

    @Test
    void recordsAreUniquePerGridAndADamagedFileIsNamed() throws Exception {
        var records = new DeploymentRecords(dir);
        records.add(new DeploymentRecord("web", "http://a", 1, 2, 3, "/x/app.yaml", 10));
        records.add(new DeploymentRecord("web", "http://b", 5, 2, 3, "", 10));
        assertThatThrownBy(() -> records.add(new DeploymentRecord("web", "http://a", 9, 2, 3, "", 10)))
                .hasMessageContaining("a deployment named 'web' already exists");
        assertThat(records.byName("http://a", "web")).get().extracting(DeploymentRecord::contractId).isEqualTo(1L);
        assertThat(new DeploymentRecords(dir).byContract("http://b", 5)).isPresent();
        records.remove("http://a", 1);
        assertThat(records.onGrid("http://a")).isEmpty();
        assertThat(records.all()).hasSize(1);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("deployments.json"); // no temp files left
        }

        Files.writeString(records.file(), "[{\"name\": ");
        assertThatThrownBy(records::all).isInstanceOf(ZosException.class)
                .hasMessageContaining("deployments.json is damaged");
    }

    @Test
    void watchPollsSoonAtFirstThenEveryIntervalAtMost() {
        assertThat(DeploymentWatch.pause(0)).isEqualTo(Duration.ofMillis(20));
        assertThat(DeploymentWatch.pause(1)).isEqualTo(Duration.ofMillis(30));
        long total = 0;
        for (int n = 0; n < 1000; n++) {
            assertThat(DeploymentWatch.pause(n + 1)).isGreaterThanOrEqualTo(DeploymentWatch.pause(n));
            assertThat(DeploymentWatch.pause(n)).isLessThanOrEqualTo(DeploymentWatch.INTERVAL);
            total += DeploymentWatch.pause(n).toMillis();
        }
        assertThat(DeploymentWatch.pause(1000)).isEqualTo(DeploymentWatch.INTERVAL);
        // a 5 minute wait polls about as often as with a fixed 300 ms interval
        assertThat(total).isGreaterThan(1000 * 300 - 2000);
    }
}
