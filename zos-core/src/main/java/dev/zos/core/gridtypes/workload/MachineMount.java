package dev.zos.core.gridtypes.workload;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.zos.core.gridtypes.Defaults;

/** Attaches a zmount or volume of the same deployment, by name, at a mount point. */
public record MachineMount(@JsonProperty("name") String name, @JsonProperty("mountpoint") String mountpoint) {
    public MachineMount {
        name = Defaults.text(name);
        mountpoint = Defaults.text(mountpoint);
    }
}
