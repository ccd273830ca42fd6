package dev.zos.node;

import dev.zos.testkit.CliContract;

class NodeMainContractTest extends CliContract {
    @Override
    protected Class<?> rootCommand() {
        return NodeMain.class;
    }
}
