package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zos.core.gridtypes.Capacity;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.FieldPath;
import dev.zos.core.gridtypes.IpNet;
import dev.zos.core.gridtypes.WorkloadData;
import java.util.List;

/**
 * This node's part of a user's wireguard network. Challenge: ip_range, subnet, private key,
 * listen port, each peer, then mycelium when present.
 */
@JsonPropertyOrder({"ip_range", "subnet", "wireguard_private_key", "wireguard_listen_port", "peers", "mycelium"})
public record Network(
        @JsonProperty("ip_range") IpNet ipRange,
        @JsonProperty("subnet") IpNet subnet,
        @JsonProperty("wireguard_private_key") String wireguardPrivateKey,
        @JsonProperty("wireguard_listen_port") int wireguardListenPort,
        @JsonProperty("peers") List<NetworkPeer> peers,
        @JsonProperty("mycelium") @JsonInclude(JsonInclude.Include.NON_NULL) Mycelium mycelium)
        implements WorkloadData {
    public static final String TYPE = "network";

    public Network {
        ipRange = ipRange == null ? IpNet.NONE : ipRange;
        subnet = subnet == null ? IpNet.NONE : subnet;
        wireguardPrivateKey = Defaults.text(wireguardPrivateKey);
        peers = Defaults.list(peers);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void challenge(Challenge c) {
        c.s(ipRange.challengeText()).s(subnet.challengeText()).s(wireguardPrivateKey).d(wireguardListenPort);
        peers.forEach(p -> p.challenge(c));
        if (mycelium != null) {
            mycelium.challenge(c);
        }
    }

    @Override
    public Capacity capacity() {
        return Capacity.ZERO;
    }

    @Override
    public void validate(FieldPath data, Deployment deployment) {
        data.field("ip_range").require(!ipRange.empty(), "cannot be empty");
        data.field("subnet").require(!subnet.empty(), "cannot be empty");
        data.field("wireguard_private_key").require(!wireguardPrivateKey.isEmpty(), "cannot be empty");
        data.field("wireguard_listen_port").require(wireguardListenPort >= 0 && wireguardListenPort <= 65535,
                "must be between 0 and 65535, got " + wireguardListenPort);
        for (int i = 0; i < peers.size(); i++) {
            peers.get(i).validate(data.field("peers").index(i));
        }
        if (mycelium != null) {
            mycelium.validate(data.field("mycelium"));
        }
    }
}
