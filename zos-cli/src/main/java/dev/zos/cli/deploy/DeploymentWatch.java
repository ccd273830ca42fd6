package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Polls a node for a deployment's workload states until a condition holds, printing each workload's state as
 * it changes ({@code web (zmachine): ok}). Errors of single polls are retried until the timeout; the last one
 * is reported then.
 * <p>
 * Polls start 20 ms apart and grow by half each time up to {@link #INTERVAL}: a small workload (a zmount is a
 * sparse file and one mkfs.ext4) is ok some 15-60 ms after the node accepted it, and a fixed 300 ms first pause made
 * that pause most of a deploy's round trip (bench/deploy: p50 372 ms, of which 321 ms waiting). The schedule costs
 * some 7 extra gets in the first second and none after it; the node still only answers gets, as zos does.
 */
public final class DeploymentWatch {
    static final Duration INTERVAL = Duration.ofMillis(300);
    static final Duration FIRST_PAUSE = Duration.ofMillis(20);

    private final NodeClient nodes;
    private final PrintWriter out;
    private final Spinner spinner;

    public DeploymentWatch(NodeClient nodes, PrintWriter out, Spinner spinner) {
        this.nodes = nodes;
        this.out = out;
        this.spinner = spinner;
    }

    /** Every workload ok (or paused); the first one in error ends the wait with its message. */
    public static boolean settled(Deployment d) {
        return !d.workloads().isEmpty() && d.workloads().stream().allMatch(w -> w.result().state().okay());
    }

    public static boolean deleted(Deployment d) {
        return d.workloads().stream().allMatch(w -> w.result().state() == ResultState.DELETED);
    }

    public Deployment until(long nodeId, long contractId, Predicate<Deployment> done, boolean failOnError, Duration timeout,
                     String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, ResultState> seen = new HashMap<>();
        Deployment last = null;
        ZosException lastError = null;
        int polls = 0;
        try {
            while (true) {
                try {
                    last = nodes.get(nodeId, contractId);
                    lastError = null;
                    report(last, seen);
                    if (failOnError) {
                        var failed = last.workloads().stream().filter(w -> w.result().state() == ResultState.ERROR).findFirst();
                        if (failed.isPresent()) {
                            throw ZosException.invalid("workload " + failed.get().name() + " of contract " + contractId
                                    + " failed on node " + nodeId + ": " + failed.get().result().message());
                        }
                    }
                    if (done.test(last)) {
                        return last;
                    }
                } catch (ZosException e) {
                    if (e.getMessage().startsWith("workload ")) {
                        throw e;
                    }
                    lastError = e;
                }
                if (System.nanoTime() > deadline) {
                    String states = last == null ? "no answer" : last.workloads().stream()
                            .map(w -> w.name() + " " + state(w)).collect(Collectors.joining(", "));
                    throw ZosException.unavailable("gave up waiting after " + timeout.toSeconds() + " s for " + what
                            + " (" + states + ")" + (lastError == null ? "" : "; last error: " + lastError.getMessage())
                            + "; check later with 'zos get " + contractId + "'", lastError);
                }
                spinner.show("waiting for " + what + (last == null ? "" : ": " + last.workloads().stream()
                        .map(w -> w.name() + " " + state(w)).collect(Collectors.joining(", "))));
                Thread.sleep(pause(polls++).toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while waiting for " + what, e);
        } finally {
            spinner.clear();
        }
    }

    /** The pause after poll {@code n} (0-based): 20 ms, growing by half each poll, at most {@link #INTERVAL}. */
    static Duration pause(int n) {
        double ms = FIRST_PAUSE.toMillis() * Math.pow(1.5, Math.min(n, 20));
        return Duration.ofMillis(Math.min(INTERVAL.toMillis(), Math.round(ms)));
    }

    private void report(Deployment d, Map<String, ResultState> seen) {
        for (Workload w : d.workloads()) {
            ResultState s = w.result().state();
            if (seen.put(w.name(), s) != s) {
                spinner.clear();
                String message = w.result().message().isEmpty() ? "" : " (" + w.result().message() + ")";
                out.println("  " + w.name() + " (" + w.type() + "): " + state(w) + message);
                out.flush();
            }
        }
    }

    static String state(Workload w) {
        return w.result().state() == ResultState.NONE ? "pending" : w.result().state().wire();
    }
}
