package dev.zos.farmer.power;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What {@link PowerSwitch#set} did to one node: its power target before and after, the registry log entry when it
 * changed, and the MACs a magic packet went to (and where), or why none was sent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PowerChange(@JsonProperty("node_id") long nodeId,
                          @JsonProperty("farm_id") long farmId,
                          @JsonProperty("target_before") String before,
                          @JsonProperty("target") String target,
                          @JsonProperty("changed") boolean changed,
                          @JsonProperty("log_index") Long logIndex,
                          @JsonProperty("status") String status,
                          @JsonProperty("woken_macs") List<String> wokenMacs,
                          @JsonProperty("sent_to") String sentTo,
                          @JsonProperty("no_packet_because") String noPacketBecause) {
    public PowerChange {
        wokenMacs = List.copyOf(wokenMacs);
    }

    /** One line for people: {@code node 7: power target down → up (log entry 41); magic packet to 52:54:… via …}. */
    public String describe() {
        String line = "node " + nodeId + ": " + (changed
                ? "power target " + before + " → " + target + " (log entry " + logIndex + ")"
                : "power target already " + target + ", unchanged");
        if (!wokenMacs.isEmpty()) {
            line += "; magic packet to " + String.join(", ", wokenMacs) + " via " + sentTo;
        } else if (noPacketBecause != null) {
            line += "; no magic packet: " + noPacketBecause;
        }
        return line;
    }
}
