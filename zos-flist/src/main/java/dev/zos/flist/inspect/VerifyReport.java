package dev.zos.flist.inspect;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Verifier} found.
 *
 * @param files        regular files checked
 * @param blocks       block rows of those files
 * @param uniqueBlocks distinct blocks fetched and checked
 * @param bytes        plaintext bytes of the distinct blocks that passed
 * @param problems     blocks that are missing or corrupt, in flist order of their first use
 */
public record VerifyReport(long files, long blocks, long uniqueBlocks, long bytes, List<BlockProblem> problems,
                           Duration elapsed) {

    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Files using at least one bad block, in flist order. */
    public List<String> damagedFiles() {
        return problems.stream().flatMap(p -> p.paths().stream()).distinct().toList();
    }
}
