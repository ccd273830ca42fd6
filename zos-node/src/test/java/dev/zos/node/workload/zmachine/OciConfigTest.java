package dev.zos.node.workload.zmachine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.workload.MachineMount;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OciConfigTest {
    private final ContainerSpec spec = new ContainerSpec("7-42-vm", "vm", URI.create("http://hub/a.fl"),
            List.of("/bin/sh", "-c", "echo hi"), Map.of("B", "2", "A", "1"), List.of(new MachineMount("d", "/data")),
            3, 300 * ByteSize.MIB, 500 * ByteSize.MIB, "/");

    private final JsonNode c = OciConfig.build(spec, "rootfs", Path.of("/run/netns/zos-7-42-vm"),
            List.of(new OciConfig.Bind(Path.of("/var/zos/zmount/mnt/7-42-d"), "/data")));

    @Test
    void processComesFromTheWorkload() {
        assertThat(texts(c.at("/process/args"))).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(texts(c.at("/process/env"))).containsExactly(
                "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOSTNAME=vm", "A=1", "B=2");
        assertThat(c.at("/process/terminal").asBoolean()).isFalse();
        assertThat(c.at("/process/cwd").asText()).isEqualTo("/");
        assertThat(c.at("/root/path").asText()).isEqualTo("rootfs");
        assertThat(c.at("/hostname").asText()).isEqualTo("vm");
        assertThat(texts(c.at("/process/capabilities/bounding"))).doesNotContain("CAP_SYS_ADMIN").contains("CAP_KILL");
    }

    @Test
    void ownNamespacesAndLimits() {
        List<String> types = new ArrayList<>();
        c.at("/linux/namespaces").forEach(n -> types.add(n.path("type").asText()));
        assertThat(types).containsExactly("pid", "ipc", "uts", "mount", "network");
        assertThat(c.at("/linux/namespaces/4/path").asText()).isEqualTo("/run/netns/zos-7-42-vm");
        assertThat(c.at("/linux/resources/memory/limit").asLong()).isEqualTo(300 * ByteSize.MIB);
        assertThat(c.at("/linux/resources/cpu/quota").asLong()).isEqualTo(300_000);
        assertThat(c.at("/linux/resources/cpu/period").asLong()).isEqualTo(100_000);
        assertThat(c.at("/linux/cgroupsPath").asText()).isEqualTo("/zos/7-42-vm");
    }

    @Test
    void volumesAreBoundAtTheirMountPoints() {
        JsonNode last = c.at("/mounts").get(c.at("/mounts").size() - 1);
        assertThat(last.path("destination").asText()).isEqualTo("/data");
        assertThat(last.path("type").asText()).isEqualTo("bind");
        assertThat(last.path("source").asText()).isEqualTo("/var/zos/zmount/mnt/7-42-d");
        assertThat(texts(last.path("options"))).containsExactly("rbind", "rw");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
