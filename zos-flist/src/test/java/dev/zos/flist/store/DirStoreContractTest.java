package dev.zos.flist.store;

class DirStoreContractTest extends BlockStoreContract {

    private int n;

    @Override
    protected String liveUrl() throws Exception {
        return "dir://" + java.nio.file.Files.createDirectories(tmp.resolve("blocks" + n++));
    }

    @Override
    protected String downUrl() throws Exception {
        // a root that is a file, not a directory: nothing can be read or written there
        java.nio.file.Path f = java.nio.file.Files.writeString(tmp.resolve("not-a-dir"), "x");
        return "dir://" + f;
    }

    @Override
    protected String secret() {
        return null;
    }
}
