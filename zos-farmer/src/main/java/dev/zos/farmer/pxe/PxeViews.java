package dev.zos.farmer.pxe;

import dev.zos.cli.kit.Table;
import java.util.List;

final class PxeViews {
    private PxeViews() {
    }

    static Table steps(PxeProvisioner.Report report) {
        return new Table(List.of("STEP", "STATE", "DETAIL"),
                report.steps().stream().map(s -> List.of(s.step(), s.state(), s.detail())).toList());
    }
}
