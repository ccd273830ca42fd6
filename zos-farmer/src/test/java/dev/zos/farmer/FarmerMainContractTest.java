package dev.zos.farmer;

import dev.zos.testkit.CliContract;

class FarmerMainContractTest extends CliContract {
    @Override
    protected Class<?> rootCommand() {
        return FarmerMain.class;
    }
}
