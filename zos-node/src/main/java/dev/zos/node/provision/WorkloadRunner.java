package dev.zos.node.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.Result;
import dev.zos.core.gridtypes.ResultState;
import dev.zos.core.gridtypes.Workload;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Runs one workload through its driver and turns the outcome into a result: {@code ok} with the driver's data,
 * {@code error} with its one-line message, or the "not supported" error for a type without driver.
 */
final class WorkloadRunner {
    private static final System.Logger LOG = System.getLogger(WorkloadRunner.class.getName());
    /** zos brings networks and disks up before the machines that use them, and tears down in reverse. */
    private static final List<String> ORDER = List.of("network", "ip", "ipv4", "zmount", "volume", "zdb", "zmachine",
            "zlogs", "gateway-name-proxy", "gateway-fqdn-proxy");

    private final NodeEnvironment env;
    private final WorkloadDrivers drivers;
    private final Clock clock;

    WorkloadRunner(NodeEnvironment env, WorkloadDrivers drivers, Clock clock) {
        this.env = env;
        this.drivers = drivers;
        this.clock = clock;
    }

    Result provision(Deployment d, Workload w) {
        long now = clock.instant().getEpochSecond();
        Optional<WorkloadDriver> driver = drivers.find(w.type());
        if (driver.isEmpty()) {
            return new Result(now, ResultState.ERROR, WorkloadDrivers.unsupported(w.type()), null);
        }
        try {
            JsonNode data = driver.get().provision(new WorkloadContext(env, d, w));
            return new Result(now, ResultState.OK, "", data);
        } catch (ZosException e) {
            return new Result(now, ResultState.ERROR, e.getMessage(), null);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "driver " + w.type() + " failed on " + w.id(d.twinId(), d.contractId()), e);
            return new Result(now, ResultState.ERROR, w.type() + " driver failed: " + e, null);
        }
    }

    /** Null when the driver tore it down (or there is no driver), else the failure, logged. */
    String deprovision(Deployment d, Workload w) {
        var driver = drivers.find(w.type());
        if (driver.isEmpty()) {
            return null;
        }
        try {
            driver.get().deprovision(new WorkloadContext(env, d, w));
            return null;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "deprovisioning " + w.id(d.twinId(), d.contractId()) + " failed: " + e.getMessage());
            return e.getMessage();
        }
    }

    /** Whether {@code next} can replace {@code previous} in place; false sends it through deprovision and provision. */
    boolean updatableInPlace(Deployment old, Workload previous, Deployment d, Workload next) {
        return drivers.find(next.type()).map(driver -> driver.updatableInPlace(new WorkloadContext(env, old, previous),
                new WorkloadContext(env, d, next))).orElse(true);
    }

    /** Bring-up order ({@code teardown} false) or its reverse. */
    static List<Workload> inOrder(List<Workload> workloads, boolean teardown) {
        Comparator<Workload> c = Comparator.comparing(w -> {
            int i = ORDER.indexOf(w.type());
            return i < 0 ? ORDER.size() : i;
        });
        return workloads.stream().sorted(teardown ? c.reversed() : c).toList();
    }
}
