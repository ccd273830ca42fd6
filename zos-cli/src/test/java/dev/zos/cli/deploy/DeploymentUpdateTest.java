package dev.zos.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.ByteSize;
import dev.zos.core.gridtypes.Deployment;
import dev.zos.core.gridtypes.SignatureRequest;
import dev.zos.core.gridtypes.SignatureRequirement;
import dev.zos.core.gridtypes.Workload;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZMount;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeploymentUpdateTest {
    static final long OWNER = 7;

    private static Deployment running() {
        // as a node holds it after one update: version 1, data changed at 1, cache untouched since 0
        return new Deployment(1, OWNER, 42, "{\"type\":\"app\"}", "", 0, SignatureRequirement.owner(OWNER), List.of(
                Workload.of("data", new ZMount(ByteSize.GIB)).withVersion(1),
                Workload.of("cache", new ZMount(2 * ByteSize.GIB)),
                Workload.of("logs", new Volume(ByteSize.GIB))));
    }

    @Test
    void changedAndNewWorkloadsTakeTheNewVersionUnchangedOnesKeepTheirs() {
        Deployment wanted = Deployment.create(OWNER, List.of(
                Workload.of("data", new ZMount(ByteSize.GIB)),            // unchanged
                Workload.of("cache", new ZMount(4 * ByteSize.GIB)),       // grown
                Workload.of("media", new ZMount(ByteSize.GIB))));         // new; logs left out
        DeploymentUpdate u = DeploymentUpdate.of(running(), wanted);
        assertThat(u.next().version()).isEqualTo(2);
        assertThat(u.next().contractId()).isEqualTo(42);
        assertThat(u.next().metadata()).as("kept when the file has none").isEqualTo("{\"type\":\"app\"}");
        assertThat(u.next().workload("data").orElseThrow().version()).isEqualTo(1);
        assertThat(u.next().workload("cache").orElseThrow().version()).isEqualTo(2);
        assertThat(u.next().workload("media").orElseThrow().version()).isEqualTo(2);
        assertThat(u.changed()).containsExactly("cache", "media");
        assertThat(u.removed()).containsExactly("logs");
        assertThat(u.empty()).isFalse();
    }

    @Test
    void theSameFileIsNothingToUpdate() {
        Deployment wanted = Deployment.create(OWNER, running().workloads().stream().map(w -> w.withVersion(0)).toList());
        assertThat(DeploymentUpdate.of(running(), wanted).empty()).isTrue();
    }

    @Test
    void aTypeChangeIsRefusedByName() {
        Deployment wanted = Deployment.create(OWNER, List.of(Workload.of("logs", new ZMount(ByteSize.GIB))));
        assertThatThrownBy(() -> DeploymentUpdate.of(running(), wanted)).isInstanceOf(ZosException.class)
                .hasMessage("workload 'logs' cannot change type from volume to zmount; give it another name");
    }

    @Test
    void onlyAnOwnerWhoseWeightSufficesUpdatesAlone() {
        assertThat(DeploymentUpdate.ownerAlone(SignatureRequirement.owner(OWNER), OWNER)).isTrue();
        var cosigned = new SignatureRequirement(List.of(new SignatureRequest(OWNER, true, 1), new SignatureRequest(9, true, 1)), 2, List.of(), null);
        assertThat(DeploymentUpdate.ownerAlone(cosigned, OWNER)).isFalse();
        var optional = new SignatureRequirement(List.of(new SignatureRequest(OWNER, true, 2), new SignatureRequest(9, false, 1)), 2, List.of(), null);
        assertThat(DeploymentUpdate.ownerAlone(optional, OWNER)).isTrue();
    }
}
