package dev.zos.imagegen;

import dev.zos.testkit.CliContract;

class ImagegenMainContractTest extends CliContract {
    @Override
    protected Class<?> rootCommand() {
        return ImagegenMain.class;
    }
}
