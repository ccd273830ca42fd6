package dev.zos.flist.store.s3;

import dev.zos.flist.store.BlockStoreContract;

import org.junit.jupiter.api.BeforeAll;

/** The store contract against a real s3proxy, each test in a bucket of its own (created on first write). */
class S3StoreContractTest extends BlockStoreContract {

    static S3Proxy proxy;
    private static int n;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.shared();
    }

    @Override
    protected String liveUrl() {
        return proxy.url("contract-" + n++);
    }

    @Override
    protected String downUrl() throws Exception {
        return "s3://" + S3Proxy.ACCESS + ":" + S3Proxy.SECRET + "@127.0.0.1:" + S3Proxy.freePort() + "/blocks";
    }

    @Override
    protected String secret() {
        return S3Proxy.SECRET;
    }

}
