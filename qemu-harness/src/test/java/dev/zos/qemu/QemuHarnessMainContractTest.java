package dev.zos.qemu;

import dev.zos.testkit.CliContract;

class QemuHarnessMainContractTest extends CliContract {
    @Override
    protected Class<?> rootCommand() {
        return QemuHarnessMain.class;
    }
}
