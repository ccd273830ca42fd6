package dev.zos.grid;

import dev.zos.testkit.CliContract;

class GridMainContractTest extends CliContract {
    @Override
    protected Class<?> rootCommand() {
        return GridMain.class;
    }
}
