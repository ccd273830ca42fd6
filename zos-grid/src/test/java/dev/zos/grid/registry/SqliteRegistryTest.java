package dev.zos.grid.registry;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.DriverManager;

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

    @Override
    protected void dropState(String location) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + location)) {
            JdbcTamper.dropState(c);
        }
    }
}
