package dev.zos.grid.registry;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.store.LogEntry;
import dev.zos.grid.registry.store.RegistryStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;

import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry contract on the embedded SQLite store, in a temporary directory. */
class SqliteRegistryTest extends RegistryContractTest {
    @TempDir
    Path dir;

    @Override
    protected String newLocation() {
        return dir.resolve("grid").resolve("registry.db").toString();
    }

    @Override
    protected void tamper(String location, long index) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + location)) {
            JdbcTamper.flipTxByte(c, index);
        }
    }

    @Test
    void aRewrittenChainWithRecomputedHashesStillFailsOnTheSignature() throws Exception {
        var farmer = Actors.twin(registry, 1, clock);
        registry.submit(farmer.farmCreate("farm1", 1, java.util.List.of()));
        registry.submit(farmer.farmUpdate(1, "farm2", 1));
        var entries = registry.log(1, 10);
        assertThat(entries).hasSize(3);
        assertThat(entries.get(1).prevHash()).isEqualTo(entries.get(0).hash());
        registry.close();
        registry = null;
        // an attacker renames the farm in entry 3 and recomputes that entry's hash: the chain is consistent again
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + location)) {
            var e = entries.get(2);
            byte[] tx = new String(e.tx(), StandardCharsets.UTF_8).replace("farm2", "farm3").getBytes(StandardCharsets.UTF_8);
            byte[] hash = LogEntry.computeHash(e.index(), e.prevHash(), tx, e.signature());
            try (var ps = c.prepareStatement("UPDATE registry_log SET tx = ?, hash = ? WHERE idx = 3")) {
                ps.setBytes(1, tx);
                ps.setBytes(2, hash);
                ps.executeUpdate();
            }
        }
        try (var store = RegistryStores.open(location)) {
            VerifyReport report = Registry.verify(store);
            assertThat(report.breakIndex()).isEqualTo(3);
            assertThat(report.reason()).contains("signature does not verify with the key of twin 1");
        }
    }

    @Test
    void aSecondProcessCannotOpenTheSameFile() {
        assertThatThrownBy(() -> RegistryStores.open(location)).isInstanceOf(ZosException.class)
                .hasMessageContaining("already open");
    }

    @Override
    protected void dropState(String location) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + location)) {
            JdbcTamper.dropState(c);
        }
    }
}
