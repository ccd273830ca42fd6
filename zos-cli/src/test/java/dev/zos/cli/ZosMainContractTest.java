package dev.zos.cli;

import dev.zos.testkit.CliContract;

class ZosMainContractTest extends CliContract {
    @Override
    protected Class<?> rootCommand() {
        return ZosMain.class;
    }
}
