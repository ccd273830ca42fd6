package dev.zos.flistctl.publish;

import dev.zos.cli.kit.CliContext;
import dev.zos.core.registry.client.GridSession;
import dev.zos.flist.hub.HubClient;

/**
 * The current zos identity ({@code $XDG_CONFIG_HOME/zos}) as a signing hub client: its twin id is looked
 * up on {@code grid}, or on the hub itself (a zos-grid serves its hub on the same port) when no grid is given.
 */
final class HubIdentity {
    private HubIdentity() {
    }

    static HubClient client(CliContext context, String hubUrl, String gridUrl) {
        String hub = HubClient.parseUrl(hubUrl).toString();
        GridSession session = GridSession.open(context.configDir(), gridUrl != null ? gridUrl : hub);
        long twin = session.requireTwin().twinId();
        return HubClient.signed(hub, session.key(), twin);
    }
}
