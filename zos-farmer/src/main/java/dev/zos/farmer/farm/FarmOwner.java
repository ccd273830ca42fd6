package dev.zos.farmer.farm;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridFarm;
import dev.zos.core.registry.client.GridSession;

/** Changes to a farm are signed by its owner: say so before the registry refuses the transaction. */
public final class FarmOwner {
    private FarmOwner() {
    }

    public static GridFarm require(GridSession session, long farmId) {
        GridFarm farm = session.client().farm(farmId);
        long twin = session.requireTwin().twinId();
        if (farm.twinId() != twin) {
            throw ZosException.forbidden("farm " + farmId + " belongs to twin " + farm.twinId()
                    + ", not to the current identity's twin " + twin);
        }
        return farm;
    }
}
