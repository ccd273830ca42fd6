package dev.zos.zdb.cli;

import dev.zos.testkit.CliContract;

class ZdbMainContractTest extends CliContract {
    @Override
    protected Class<?> rootCommand() {
        return ZdbMain.class;
    }
}
