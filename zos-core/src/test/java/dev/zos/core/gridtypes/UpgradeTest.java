package dev.zos.core.gridtypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.zos.core.ZosException;
import dev.zos.core.gridtypes.workload.Volume;
import dev.zos.core.gridtypes.workload.ZMount;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradeTest {
    static final Deployment V0 = Deployment.create(1, List.of(
            Workload.of("keep", new ZMount(1)), Workload.of("change", new ZMount(2)), Workload.of("drop", new ZMount(3))));

    private static Deployment v1(Workload... workloads) {
        return new Deployment(1, 1, 0, "", "", 0, V0.signatureRequirement(), List.of(workloads));
    }

    @Test
    void addsUpdatesAndRemovesByVersion() {
        var plan = Upgrade.plan(V0, v1(Workload.of("keep", new ZMount(1)), Workload.of("change", new ZMount(5)).withVersion(1),
                Workload.of("fresh", new Volume(1)).withVersion(1)));
        assertThat(plan.add()).extracting(Workload::name).containsExactly("fresh");
        assertThat(plan.update()).extracting(Workload::name).containsExactly("change");
        assertThat(plan.remove()).extracting(Workload::name).containsExactly("drop");
    }

    @Test
    void refusesBadVersionsAndTypeChanges() {
        assertThatThrownBy(() -> Upgrade.plan(V0, V0)).hasMessage("version: expecting deployment version 1, got 0");
        assertThatThrownBy(() -> Upgrade.plan(V0, v1(Workload.of("fresh", new ZMount(1)))))
                .hasMessage("workloads[0].version: new workload 'fresh' must have version 1, got 0");
        assertThatThrownBy(() -> Upgrade.plan(V0, v1(Workload.of("keep", new Volume(1)).withVersion(1))))
                .isInstanceOf(ZosException.class)
                .hasMessage("workloads[0].type: cannot change the type of workload 'keep' from zmount to volume")
                .extracting(e -> ((ZosException) e).kind()).isEqualTo(ZosException.Kind.CONFLICT);
        assertThatThrownBy(() -> Upgrade.plan(V0, v1().withContractId(9))).hasMessageContaining("cannot change twin_id or contract_id");
    }
}
