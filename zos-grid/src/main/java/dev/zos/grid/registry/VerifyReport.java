package dev.zos.grid.registry;

/**
 * The outcome of re-checking the log: how many entries were good and, when there is a break, the first bad
 * entry's index and why. {@code headHash} is the hash of the last good entry (hex; empty for an empty log).
 */
public record VerifyReport(long verifiedEntries, long breakIndex, String reason, String headHash) {
    public boolean ok() {
        return breakIndex == 0;
    }

    /** One line for people: "log ok: 12 entries, head …" or "log broken at entry 7: …". */
    public String describe() {
        return ok() ? "log ok: " + verifiedEntries + " entries" + (headHash.isEmpty() ? "" : ", head " + headHash)
                : "log broken at entry " + breakIndex + ": " + reason;
    }
}
