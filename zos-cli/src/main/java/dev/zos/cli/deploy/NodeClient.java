package dev.zos.cli.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.registry.client.GridSession;
import dev.zos.core.rmb.RmbAddress;
import dev.zos.core.rmb.RmbException;
import dev.zos.core.rmb.peer.PeerConfig;
import dev.zos.core.rmb.peer.RmbPeer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

/**
 * Talks to nodes through the grid's relay as the current identity's twin: one RMB session of its own
 * (a fresh session id, so two commands of the same twin never evict each other), JSON bodies, the node's
 * twin id looked up in the registry. A node's error answer becomes one {@link ZosException} line
 * naming the node and carrying its message.
 */
public final class NodeClient implements AutoCloseable {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REMOTE_ERROR = Pattern.compile("answered '[^']*' with error (\\d+): (.*)", Pattern.DOTALL);

    private final GridSession session;
    private final RmbPeer peer;
    private final Duration timeout;
    private final Map<Long, Long> nodeTwins = new ConcurrentHashMap<>();

    private NodeClient(GridSession session, RmbPeer peer, Duration timeout) {
        this.session = session;
        this.peer = peer;
        this.timeout = timeout;
    }

    /** Opens a relay session for the current identity's registered twin. */
    public static NodeClient open(GridSession session, Duration timeout) {
        long twin = session.requireTwin().twinId();
        var config = PeerConfig.builder(URI.create(session.client().relayUrl()), session.key(), twin)
                .session("zos-" + UUID.randomUUID().toString().substring(0, 8))
                .directory(new RegistryTwins(session.client()))
                .build();
        return new NodeClient(session, RmbPeer.start(config), timeout);
    }

    /** The twin id of node {@code nodeId}, from the registry; NOT_FOUND when there is no such node. */
    public long nodeTwin(long nodeId) {
        return nodeTwins.computeIfAbsent(nodeId, id -> session.client().node(id).twinId());
    }

    /** Sends {@code command} with a JSON body to the node; its JSON answer (null node for an empty answer). */
    public JsonNode call(long nodeId, String command, JsonNode body) {
        byte[] payload;
        try {
            payload = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw ZosException.invalid("cannot write the request body: " + e.getOriginalMessage());
        }
        return call(nodeId, command, payload);
    }

    JsonNode call(long nodeId, String command, byte[] payload) {
        long twin = nodeTwin(nodeId);
        byte[] answer;
        try {
            answer = peer.request(RmbAddress.of(twin), command, payload, null, timeout).get().payload();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while waiting for node " + nodeId, e);
        } catch (ExecutionException e) {
            throw failure(nodeId, command, e.getCause());
        }
        if (answer.length == 0) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        try {
            return JSON.readTree(answer);
        } catch (java.io.IOException e) {
            throw ZosException.unavailable("node " + nodeId + " answered '" + command + "' with something that is not JSON: "
                    + new String(answer, 0, Math.min(answer.length, 80), StandardCharsets.UTF_8), e);
        }
    }

    private static ZosException failure(long nodeId, String command, Throwable cause) {
        if (cause instanceof RmbException rmb) {
            var m = REMOTE_ERROR.matcher(rmb.getMessage());
            String message = m.find() ? m.group(2) : rmb.getMessage();
            return new ZosException(rmb.kind(), "node " + nodeId + " refused " + command + ": " + message.strip(), rmb);
        }
        if (cause instanceof ZosException z) {
            return new ZosException(z.kind(), "node " + nodeId + ": " + z.getMessage()
                    + (z.kind() == ZosException.Kind.UNAVAILABLE ? "; is the node up?" : ""), z);
        }
        return ZosException.unavailable("node " + nodeId + " did not answer " + command + ": " + cause, cause);
    }

    public void deploy(long nodeId, Deployment d) {
        call(nodeId, "zos.deployment.deploy", GridJson.toJson(d).getBytes(StandardCharsets.UTF_8));
    }

    /** The deployment as the node holds it, with each workload's result. */
    public Deployment get(long nodeId, long contractId) {
        JsonNode answer = call(nodeId, "zos.deployment.get", contract(contractId));
        try {
            return GridJson.json().treeToValue(answer, Deployment.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ZosException.unavailable("node " + nodeId + " sent a deployment that does not parse: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** One chunk of a zmachine's log, from byte {@code offset}. */
    public LogChunk logs(long nodeId, long contractId, String workload, long offset, int max) {
        ObjectNode body = contract(contractId).put("name", workload).put("offset", offset).put("max", max);
        JsonNode answer = call(nodeId, "zos.zmachine.logs", body);
        return new LogChunk(answer.path("offset").asLong(offset), answer.path("text").asText(""),
                answer.path("next").asLong(offset));
    }

    /** Text of a log from {@code offset}; {@code next} is where the following read starts. */
    public record LogChunk(long offset, String text, long next) {
    }

    private static ObjectNode contract(long contractId) {
        return JSON.createObjectNode().put("contract_id", contractId);
    }

    @Override
    public void close() {
        peer.close();
    }
}
