package dev.zos.grid.registry.store;

/** The state tables the store keeps next to the log, one JSON document per row. */
public enum EntityKind {
    TWIN("twins"), FARM("farms"), NODE("nodes"), NODE_CONTRACT("node_contracts"), NAME_CONTRACT("name_contracts"),
    NONCE("twin_nonces");

    private final String table;

    EntityKind(String table) {
        this.table = table;
    }

    public String table() {
        return table;
    }
}
