package dev.zos.farmer.power;

import dev.zos.core.power.MacAddress;
import dev.zos.core.power.WakeOnLan;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.registry.model.Power;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Sets power targets in the registry, signed by the farmer's twin, and (when given a {@link WakeOnLan}) sends a magic
 * packet to every registered MAC of a node being powered on that is not up. The one path for both
 * {@code zos-farmer nodes power} and the power bot. The registry's target is what counts: the nodes follow it (a
 * powered-on node of the farm wakes its sleeping neighbours); the farmer's own packet is for a farmer on the LAN.
 */
public final class PowerSwitch {
    private final GridSession session;
    private final Optional<WakeOnLan> wol;

    public PowerSwitch(GridSession session, Optional<WakeOnLan> wol) {
        this.session = session;
        this.wol = wol;
    }

    /** Whether this switch sends magic packets. */
    public boolean wakesOnLan() {
        return wol.isPresent();
    }

    /** Puts {@code node}'s target to {@code target} (no transaction when it already is) and wakes it if asked. */
    public PowerChange set(GridNode node, Power target) {
        String before = node.power().target();
        boolean changed = !target.wire().equals(before);
        Long logIndex = null;
        if (changed) {
            logIndex = session.client().submit(session.signer().nodePowerTarget(node.nodeId(), target)).index();
        }
        List<String> woken = new ArrayList<>();
        String wakeNote = null;
        if (target == Power.UP && wol.isPresent()) {
            if ("up".equals(node.status())) {
                wakeNote = "it is up";
            } else {
                List<MacAddress> macs = node.macAddresses();
                if (macs.isEmpty()) {
                    wakeNote = "it registered no MAC address";
                }
                for (MacAddress mac : macs) {
                    wol.get().send(mac);
                    woken.add(mac.text());
                }
            }
        }
        return new PowerChange(node.nodeId(), node.farmId(), before, target.wire(), changed, logIndex, node.status(), woken,
                woken.isEmpty() ? null : wol.get().describe(), wakeNote);
    }
}
