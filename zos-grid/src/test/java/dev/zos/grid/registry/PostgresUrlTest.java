package dev.zos.grid.registry;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.store.PostgresRegistryStore;
import dev.zos.grid.registry.store.RegistryStores;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresUrlTest {
    @Test
    void convertsPostgresUrlsToJdbc() {
        assertThat(PostgresRegistryStore.jdbcUrl("postgres://zos:s%40cret@db.example:5433/grid?sslmode=require"))
                .isEqualTo("jdbc:postgresql://db.example:5433/grid?user=zos&password=s%40cret&sslmode=require");
        assertThat(PostgresRegistryStore.jdbcUrl("postgresql://db/grid")).isEqualTo("jdbc:postgresql://db/grid");
        assertThat(PostgresRegistryStore.jdbcUrl("postgres://u@db/grid")).isEqualTo("jdbc:postgresql://db/grid?user=u");
        assertThat(PostgresRegistryStore.jdbcUrl("jdbc:postgresql://h/d")).isEqualTo("jdbc:postgresql://h/d");
    }

    @Test
    void refusesUnknownSchemesAndMalformedUrls() {
        assertThatThrownBy(() -> RegistryStores.open("mysql://h/d")).isInstanceOf(ZosException.class)
                .hasMessageContaining("unknown registry store 'mysql'");
        assertThatThrownBy(() -> PostgresRegistryStore.jdbcUrl("postgres:///nohost")).isInstanceOf(ZosException.class)
                .hasMessageContaining("needs a host");
    }
}
