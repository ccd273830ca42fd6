package dev.zos.farmer.bot;

import dev.zos.core.registry.client.Capacity;

/**
 * One node as the bot sees it at one moment.
 *
 * @param on           the farmer's power target is up
 * @param reportedUp   the node reports itself up (status up)
 * @param contracts    active contracts on the node
 * @param lastChange   unix seconds of the last power change the bot knows of (its own, or the node's last boot)
 */
record NodeView(long nodeId, boolean on, boolean reportedUp, Capacity total, Capacity used, long contracts, long lastChange) {

    /** The highest share of any resource in use, 0–100. */
    static int usagePercent(Capacity used, Capacity total) {
        double worst = 0;
        worst = Math.max(worst, share(used.cru(), total.cru()));
        worst = Math.max(worst, share(used.mru(), total.mru()));
        worst = Math.max(worst, share(used.sru(), total.sru()));
        worst = Math.max(worst, share(used.hru(), total.hru()));
        return (int) Math.round(worst * 100);
    }

    private static double share(long used, long total) {
        return total <= 0 ? 0 : (double) used / total;
    }
}
