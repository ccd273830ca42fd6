package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.zos.core.gridtypes.Challenge;
import dev.zos.core.gridtypes.Defaults;
import java.util.List;

/**
 * How a zmachine is connected. Challenge: public_ip, planetary, each interface's network and ip,
 * then the mycelium network and seed when present.
 */
@JsonPropertyOrder({"public_ip", "planetary", "mycelium", "interfaces"})
public record MachineNetwork(
        @JsonProperty("public_ip") String publicIp,
        @JsonProperty("planetary") boolean planetary,
        @JsonProperty("mycelium") @JsonInclude(JsonInclude.Include.NON_NULL) MyceliumIp mycelium,
        @JsonProperty("interfaces") List<MachineInterface> interfaces) {

    public MachineNetwork {
        publicIp = Defaults.text(publicIp);
        interfaces = Defaults.list(interfaces);
    }

    void challenge(Challenge c) {
        c.s(publicIp).t(planetary);
        interfaces.forEach(i -> c.s(i.network()).s(i.ip().challengeText()));
        if (mycelium != null) {
            mycelium.challenge(c);
        }
    }
}
