package dev.zos.core.registry.model;

/** A contract: node contracts and name contracts share one id sequence, as in tfchain. */
public sealed interface Contract permits NodeContract, NameContract {
    long id();

    long twinId();

    ContractState state();

    /** "node" or "name", as grid-proxy's contract {@code type}. */
    String type();
}
