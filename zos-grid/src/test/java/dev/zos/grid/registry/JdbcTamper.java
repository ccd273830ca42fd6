package dev.zos.grid.registry;

import dev.zos.grid.registry.store.EntityKind;

import java.sql.Connection;
import java.sql.SQLException;

/** Changes a store behind the registry's back, the way an attacker or a broken disk would. */
final class JdbcTamper {
    private JdbcTamper() {
    }

    static void flipTxByte(Connection c, long index) throws SQLException {
        byte[] tx;
        try (var ps = c.prepareStatement("SELECT tx FROM registry_log WHERE idx = ?")) {
            ps.setLong(1, index);
            try (var rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no entry " + index);
                }
                tx = rs.getBytes(1);
            }
        }
        tx[tx.length / 2] ^= 0x01;
        try (var ps = c.prepareStatement("UPDATE registry_log SET tx = ? WHERE idx = ?")) {
            ps.setBytes(1, tx);
            ps.setLong(2, index);
            ps.executeUpdate();
        }
    }

    static void dropState(Connection c) throws SQLException {
        try (var st = c.createStatement()) {
            for (var kind : EntityKind.values()) {
                st.execute("DELETE FROM " + kind.table());
            }
            st.execute("DELETE FROM registry_meta");
        }
    }
}
