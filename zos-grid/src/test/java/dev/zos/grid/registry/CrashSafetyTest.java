package dev.zos.grid.registry;

import dev.zos.core.registry.model.NameContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a registry process with SIGKILL while it acknowledges transactions from concurrent clients, twice,
 * then checks that every acknowledged transaction is in the log and that the log verifies.
 */
class CrashSafetyTest {
    private static final Pattern ACK = Pattern.compile("^ACK (\\d+) (\\d+) (\\S+)$");

    @TempDir
    Path dir;

    record Ack(long index, long twin, String name) {
    }

    @Test
    void everyAcknowledgedTransactionSurvivesSigkill() throws Exception {
        String db = dir.resolve("registry.db").toString();
        var acks = new ConcurrentHashMap<String, Ack>();
        runAndKill(db, 1000, acks);
        runAndKill(db, 2000, acks);

        try (var registry = Registry.open(db)) {
            VerifyReport report = registry.verify();
            assertThat(report.ok()).as(report.describe()).isTrue();
            long head = registry.stats().logEntries();
            for (Ack ack : acks.values()) {
                assertThat(ack.index()).isLessThanOrEqualTo(head);
                var found = registry.contracts(ContractFilter.ALL.withTwin(ack.twin()).withType("name")
                        .withPaging(1, 1000)).items().stream()
                        .map(c -> ((NameContract) c).name()).toList();
                assertThat(found).as("acknowledged %s", ack).contains(ack.name());
            }
        }
    }

    private void runAndKill(String db, int twinBase, Map<String, Ack> acks) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(), db, "16", String.valueOf(twinBase))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        var enough = new CountDownLatch(150);
        var reader = Thread.ofPlatform().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    var m = ACK.matcher(line);
                    if (m.matches()) {
                        acks.put(m.group(3), new Ack(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), m.group(3)));
                        enough.countDown();
                    }
                }
            } catch (java.io.IOException ignored) {
                // the process died
            }
        });
        boolean reached = enough.await(60, TimeUnit.SECONDS);
        process.destroyForcibly(); // SIGKILL on Linux
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        reader.join(10_000);
        assertThat(reached).as("child acknowledged 150 transactions before the kill").isTrue();
        assertThat(process.exitValue()).isEqualTo(137);
        assertThat(List.copyOf(acks.values())).isNotEmpty();
    }
}
