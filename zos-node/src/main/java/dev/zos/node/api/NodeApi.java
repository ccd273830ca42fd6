package dev.zos.node.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.json.DeploymentReader;
import dev.zos.core.gridtypes.json.GridJson;
import dev.zos.core.rmb.peer.CommandRouter;
import dev.zos.core.rmb.peer.IncomingRequest;
import dev.zos.node.provision.LogChunk;
import dev.zos.node.provision.ProvisionEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The node's commands on the relay bus (JSON bodies, as zos): {@code zos.deployment.*}, {@code zos.statistics.get},
 * {@code zos.system.version|diagnostics}, {@code zos.storage.pools}, and our {@code zos.zmachine.logs}. Every failure
 * is one {@link ZosException} line, which the peer sends back as an RMB error.
 */
public final class NodeApi {
    static final int DEFAULT_LOG_BYTES = 65536;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProvisionEngine engine;
    private final Supplier<Object> version;
    private final Supplier<Object> diagnostics;
    private final Supplier<List<?>> pools;

    public NodeApi(ProvisionEngine engine, Supplier<Object> version, Supplier<Object> diagnostics, Supplier<List<?>> pools) {
        this.engine = engine;
        this.version = version;
        this.diagnostics = diagnostics;
        this.pools = pools;
    }

    /** Binds every command on {@code router}. */
    public CommandRouter bind(CommandRouter router) {
        return router
                .on("zos.deployment.deploy", r -> {
                    engine.deploy(sender(r), deployment(r));
                    return json(null);
                })
                .on("zos.deployment.update", r -> {
                    engine.update(sender(r), deployment(r));
                    return json(null);
                })
                .on("zos.deployment.get", r -> json(engine.get(sender(r), contractId(r))))
                .on("zos.deployment.changes", r -> json(engine.changes(sender(r), contractId(r))))
                .on("zos.deployment.delete", r -> {
                    engine.delete(sender(r), contractId(r));
                    return json(null);
                })
                .on("zos.deployment.list", r -> json(engine.list(sender(r))))
                .on("zos.statistics.get", r -> json(engine.statistics()))
                .on("zos.system.version", r -> json(version.get()))
                .on("zos.system.diagnostics", r -> json(diagnostics.get()))
                .on("zos.storage.pools", r -> json(pools.get()))
                .on("zos.zmachine.logs", this::logs);
    }

    private byte[] logs(IncomingRequest r) {
        JsonNode body = body(r);
        long contract = contractId(body);
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isEmpty()) {
            throw ZosException.invalid("body needs \"name\": the workload's name");
        }
        long offset = body.has("offset") ? whole(body.get("offset"), "offset") : 0;
        long max = body.has("max") ? whole(body.get("max"), "max") : DEFAULT_LOG_BYTES;
        LogChunk chunk = engine.logs(sender(r), contract, name.asText(), offset, (int) Math.min(max, Integer.MAX_VALUE));
        return json(Map.of("offset", chunk.offset(), "text", chunk.text(), "next", chunk.next()));
    }

    private static long sender(IncomingRequest r) {
        return r.source().twin();
    }

    private static Deployment deployment(IncomingRequest r) {
        String text = new String(r.payload(), StandardCharsets.UTF_8);
        try {
            return DeploymentReader.parse(text, DeploymentReader.Format.JSON, "deployment");
        } catch (ZosException e) {
            throw ZosException.invalid(e.getMessage());
        }
    }

    private static long contractId(IncomingRequest r) {
        return contractId(body(r));
    }

    private static long contractId(JsonNode body) {
        JsonNode id = body.get("contract_id");
        if (id == null) {
            throw ZosException.invalid("body needs \"contract_id\": the deployment's contract id");
        }
        long v = whole(id, "contract_id");
        if (v <= 0) {
            throw ZosException.invalid("contract_id must be positive, got " + v);
        }
        return v;
    }

    private static long whole(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.asLong() < 0) {
            throw ZosException.invalid("\"" + field + "\" must be a whole number of 0 or more, got " + n);
        }
        return n.asLong();
    }

    private static JsonNode body(IncomingRequest r) {
        try {
            JsonNode n = JSON.readTree(r.payload());
            if (n == null || !n.isObject()) {
                throw ZosException.invalid("body must be a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw ZosException.invalid("body is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static byte[] json(Object value) {
        return GridJson.toJson(value).getBytes(StandardCharsets.UTF_8);
    }
}
