package dev.zos.qemu;

import dev.zos.core.ZosException;
import dev.zos.core.registry.client.GridClient;
import dev.zos.core.registry.client.GridNode;
import dev.zos.core.registry.client.NodeQuery;
import dev.zos.core.registry.client.Paging;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Watches a grid's explorer for the nodes a cluster registers in a farm: the farm's nodes known before the boot are
 * remembered, and a node counts once it is new and {@code up}. The grid is the one the guests reach; QEMU's user
 * network shows the host's loopback to them as {@value #GUEST_HOST}, which the host itself reaches as 127.0.0.1.
 */
public final class RegistrationWatch {
    public static final String GUEST_HOST = "10.0.2.2";

    /** A node that registered, and how long after the watch began it was first seen up. */
    public record Registered(GridNode node, Duration after) {
    }

    private final GridClient client;
    private final long farm;
    private final Set<Long> before;
    private final Instant start;

    private RegistrationWatch(GridClient client, long farm, Set<Long> before) {
        this.client = client;
        this.farm = farm;
        this.before = before;
        this.start = Instant.now();
    }

    /** The grid as the host reaches it: {@value #GUEST_HOST} (the host as seen from a guest) becomes 127.0.0.1. */
    public static URI hostSide(URI grid) {
        if (!GUEST_HOST.equals(grid.getHost())) {
            return grid;
        }
        return URI.create(grid.toString().replaceFirst("//" + GUEST_HOST.replace(".", "\\."), "//127.0.0.1"));
    }

    /** Remembers the farm's current nodes, so only the ones registered from now on count. */
    public static RegistrationWatch begin(URI grid, long farm) {
        GridClient client = GridClient.of(hostSide(grid).toString());
        Set<Long> ids = new HashSet<>();
        try {
            for (GridNode n : farmNodes(client, farm)) {
                ids.add(n.nodeId());
            }
        } catch (RuntimeException e) {
            throw new ZosException(ZosException.Kind.UNAVAILABLE, "cannot list the nodes of farm " + farm + " at " + hostSide(grid) + ": " + e.getMessage());
        }
        return new RegistrationWatch(client, farm, ids);
    }

    /**
     * Polls every second until {@code count} new nodes of the farm are up, or fails after {@code timeout}.
     * {@code stillRunning} is called between polls and throws when a machine stopped, which ends the wait.
     */
    public List<Registered> await(int count, Duration timeout, Runnable stillRunning) {
        Instant deadline = start.plus(timeout);
        List<Registered> seen = new ArrayList<>();
        Set<Long> counted = new HashSet<>();
        String lastError = null;
        while (true) {
            try {
                for (GridNode n : farmNodes(client, farm)) {
                    if (!before.contains(n.nodeId()) && "up".equals(n.status()) && counted.add(n.nodeId())) {
                        seen.add(new Registered(n, Duration.between(start, Instant.now())));
                    }
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e.getMessage(); // the grid may be restarting; keep polling until the deadline
            }
            if (seen.size() >= count) {
                return seen;
            }
            stillRunning.run();
            if (Instant.now().isAfter(deadline)) {
                throw new ZosException(ZosException.Kind.UNAVAILABLE, seen.size() + " of " + count + " node(s) registered in farm " + farm + " at "
                        + client.url() + " within " + timeout.toSeconds() + " s" + (lastError != null ? " (last poll: " + lastError + ")" : ""));
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ZosException(ZosException.Kind.UNAVAILABLE, "interrupted while waiting for the nodes to register");
            }
        }
    }

    private static List<GridNode> farmNodes(GridClient client, long farm) {
        return client.nodes(NodeQuery.builder().farmIds(List.of(farm)).paging(new Paging(1, Paging.MAX_SIZE)).build()).items();
    }
}
