package dev.zos.flistctl;

import dev.zos.testkit.CliContract;

class FlistctlMainContractTest extends CliContract {
    @Override
    protected Class<?> rootCommand() {
        return FlistctlMain.class;
    }
}
