package dev.zos.grid.registry.store;

/** One row of a state table: the entity's id and its JSON document. */
public record EntityRow(EntityKind kind, long id, String json) {
}
