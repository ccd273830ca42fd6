package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.WorkloadData;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Proxies {@code <name>.<gateway domain>} to backends. Challenge: name, tls_passthrough, each
 * backend, then network when set.
 */
@JsonPropertyOrder({"tls_passthrough", "backends", "network", "name"})
public record GatewayNameProxy(
        @JsonProperty("tls_passthrough") boolean tlsPassthrough,
        @JsonProperty("backends") List<String> backends,
        @JsonProperty("network") @JsonInclude(JsonInclude.Include.NON_NULL) String network,
        @JsonProperty("name") String name) implements WorkloadData {
    public static final String TYPE = "gateway-name-proxy";
    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9-_]+$");

    public GatewayNameProxy {
        backends = Defaults.list(backends);
        name = Defaults.text(name);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void challenge(Challenge c) {
        c.s(name).t(tlsPassthrough);
        backends.forEach(c::s);
        if (network != null) {
            c.s(network);
        }
    }

    @Override
    public Capacity capacity() {
        return Capacity.ZERO;
    }

    @Override
    public void validate(FieldPath data, Deployment deployment) {
        data.field("name").require(NAME.matcher(name).matches(),
                "name '" + name + "' may only contain letters, digits, '-' and '_'");
        GatewayBackends.check(backends, tlsPassthrough, data.field("backends"));
    }
}
