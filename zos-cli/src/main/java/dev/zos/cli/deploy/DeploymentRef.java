package dev.zos.cli.deploy;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.ContractQuery;
import dev.zos.core.registry.client.GridContract;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.registry.client.Paging;
import java.util.Optional;

/**
 * A deployment named on the command line: a name from the local records, or a contract id (digits) of the
 * current twin, whose node comes from the records or the registry.
 */
public record DeploymentRef(String name, long contractId, long nodeId, Optional<DeploymentRecord> record) {

    public static DeploymentRef resolve(String text, GridSession session, DeploymentRecords records) {
        String grid = session.client().url().toString();
        if (text.matches("\\d{1,18}")) {
            long id = Long.parseLong(text);
            var rec = records.byContract(grid, id);
            if (rec.isPresent()) {
                return new DeploymentRef(rec.get().name(), id, rec.get().nodeId(), rec);
            }
            GridContract c = contract(session, id).orElseThrow(() -> ZosException.notFound("contract " + id
                    + " is not a node contract of your twin " + session.requireTwin().twinId()));
            return new DeploymentRef("", id, nodeOf(c), Optional.empty());
        }
        var rec = records.byName(grid, text).orElseThrow(() -> ZosException.notFound("no deployment named '" + text
                + "' on " + grid + "; see 'zos list'"));
        return new DeploymentRef(rec.name(), rec.contractId(), rec.nodeId(), Optional.of(rec));
    }

    static Optional<GridContract> contract(GridSession session, long id) {
        long twin = session.requireTwin().twinId();
        return session.client().contracts(new ContractQuery(twin, null, "node", null, new Paging(1, 1000))).items()
                .stream().filter(c -> c.contractId() == id).findFirst();
    }

    static long nodeOf(GridContract c) {
        Object node = c.details().get("nodeId");
        return node instanceof Number n ? n.longValue() : 0;
    }
}
