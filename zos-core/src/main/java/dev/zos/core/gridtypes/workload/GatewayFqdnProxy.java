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
 * Proxies a domain the user owns (pointed at the gateway) to backends. Challenge: fqdn,
 * tls_passthrough, each backend, then network when set.
 */
@JsonPropertyOrder({"tls_passthrough", "backends", "network", "fqdn"})
public record GatewayFqdnProxy(
        @JsonProperty("tls_passthrough") boolean tlsPassthrough,
        @JsonProperty("backends") List<String> backends,
        @JsonProperty("network") @JsonInclude(JsonInclude.Include.NON_NULL) String network,
        @JsonProperty("fqdn") String fqdn) implements WorkloadData {
    public static final String TYPE = "gateway-fqdn-proxy";
    private static final Pattern FQDN = Pattern.compile("^([a-zA-Z0-9-_]+\\.)+[a-zA-Z0-9-_]{2,}$");

    public GatewayFqdnProxy {
        backends = Defaults.list(backends);
        fqdn = Defaults.text(fqdn);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void challenge(Challenge c) {
        c.s(fqdn).t(tlsPassthrough);
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
        data.field("fqdn").require(FQDN.matcher(fqdn).matches(), "'" + fqdn + "' is not a valid domain name");
        GatewayBackends.check(backends, tlsPassthrough, data.field("backends"));
    }
}
