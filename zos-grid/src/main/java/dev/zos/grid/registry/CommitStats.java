package dev.zos.grid.registry;

/** Group-commit counters since the registry was opened: durable batches (one fsync each) and transactions in them. */
public record CommitStats(long batches, long transactions) {
}
