package dev.zos.grid.registry;

import dev.zos.grid.registry.store.PostgresRegistryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The registry contract on PostgreSQL. Needs {@code ZOS_TEST_POSTGRES_URL} (e.g.
 * {@code postgres://zos:zos@127.0.0.1:5432/zos_test}); without it the class is skipped locally and fails
 * under {@code CI=true}. Each test runs in its own schema, dropped afterwards.
 */
class PostgresRegistryTest extends RegistryContractTest {
    private static String baseUrl;
    private final List<String> schemas = new ArrayList<>();

    @BeforeAll
    static void needsPostgres() {
        String url = System.getenv("ZOS_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("ZOS_TEST_POSTGRES_URL is not set but CI=true: PostgreSQL tests must run in CI");
            }
            Assumptions.abort("ZOS_TEST_POSTGRES_URL is not set; skipping the PostgreSQL registry tests");
        }
        baseUrl = PostgresRegistryStore.jdbcUrl(url);
    }

    @Override
    protected String newLocation() throws Exception {
        String schema = "zos_reg_" + UUID.randomUUID().toString().replace("-", "");
        try (var c = DriverManager.getConnection(baseUrl); var st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        }
        schemas.add(schema);
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    @AfterEach
    void dropSchemas() throws Exception {
        if (registry != null) {
            registry.close();
            registry = null;
        }
        try (var c = DriverManager.getConnection(baseUrl); var st = c.createStatement()) {
            for (String s : schemas) {
                st.execute("DROP SCHEMA IF EXISTS " + s + " CASCADE");
            }
        }
    }

    @Override
    protected void tamper(String location, long index) throws Exception {
        try (var c = DriverManager.getConnection(location)) {
            JdbcTamper.flipTxByte(c, index);
        }
    }

    @Override
    protected void dropState(String location) throws Exception {
        try (var c = DriverManager.getConnection(location)) {
            JdbcTamper.dropState(c);
        }
    }
}
