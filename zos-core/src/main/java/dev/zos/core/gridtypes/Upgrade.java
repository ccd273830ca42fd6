package dev.zos.core.gridtypes;

import dev.zos.core.ZosException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What a node does to move from a deployment to its next version (zos {@code Deployment.Upgrade}):
 * workloads new in the update are added, those whose version equals the new deployment version are
 * updated, those left out are removed, the rest stay untouched (and keep their result).
 */
public record Upgrade(List<Workload> add, List<Workload> update, List<Workload> remove) {

    public Upgrade {
        add = List.copyOf(add);
        update = List.copyOf(update);
        remove = List.copyOf(remove);
    }

    /** Checks {@code next} against {@code current}; INVALID or CONFLICT naming the field otherwise. */
    public static Upgrade plan(Deployment current, Deployment next) {
        next.validate();
        if (current.twinId() != next.twinId() || current.contractId() != next.contractId()) {
            throw new ZosException(ZosException.Kind.CONFLICT, "an update cannot change twin_id or contract_id");
        }
        long expected = current.version() + 1;
        FieldPath.root().field("version").require(next.version() == expected,
                "expecting deployment version " + expected + ", got " + next.version());
        var before = new LinkedHashMap<String, Workload>();
        current.workloads().forEach(w -> before.put(w.name(), w));
        var add = new ArrayList<Workload>();
        var update = new ArrayList<Workload>();
        for (int i = 0; i < next.workloads().size(); i++) {
            Workload w = next.workloads().get(i);
            FieldPath at = FieldPath.root().field("workloads").index(i);
            Workload old = before.remove(w.name());
            if (old == null) {
                at.field("version").require(w.version() == expected,
                        "new workload '" + w.name() + "' must have version " + expected + ", got " + w.version());
                add.add(w);
            } else if (!old.type().equals(w.type())) {
                throw new ZosException(ZosException.Kind.CONFLICT, at.field("type") + ": cannot change the type of workload '"
                        + w.name() + "' from " + old.type() + " to " + w.type());
            } else if (w.version() == expected) {
                update.add(w.withResult(old.result()));
            }
        }
        return new Upgrade(add, update, new ArrayList<>(before.values()));
    }
}
