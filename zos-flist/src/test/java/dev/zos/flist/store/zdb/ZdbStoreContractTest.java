package dev.zos.flist.store.zdb;

import dev.zos.flist.store.BlockStoreContract;
import dev.zos.zdb.Namespace;
import dev.zos.zdb.ZdbConfig;
import dev.zos.zdb.ZdbServer;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract against a real zos-zdb server in this JVM, each test in its own password-protected namespace. */
class ZdbStoreContractTest extends BlockStoreContract {

    static final String PASSWORD = "zdb-s3cr3t";
    static Path data;
    static ZdbServer server;
    private static int n;

    @BeforeAll
    static void startServer() throws Exception {
        data = Files.createTempDirectory("zdb-contract");
        server = ZdbServer.start(ZdbConfig.local(data));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    /** A fresh private namespace with {@code password} (null: none). */
    static String namespace(ZdbServer s, String password, boolean isPublic) throws Exception {
        String name = "ns" + n++;
        s.namespaces().create(name);
        Namespace ns = s.namespaces().get(name);
        ns.updateSettings(ns.settings().withPassword(password).withPublic(isPublic));
        return name;
    }

    static int closedPort() throws Exception {
        try (ServerSocket ss = new ServerSocket(0)) {
            return ss.getLocalPort();
        }
    }

    @Override
    protected String liveUrl() throws Exception {
        return "zdb://flist:" + PASSWORD + "@127.0.0.1:" + server.port() + "/" + namespace(server, PASSWORD, false);
    }

    @Override
    protected String downUrl() throws Exception {
        return "zdb://flist:" + PASSWORD + "@127.0.0.1:" + closedPort() + "/blocks";
    }

    @Override
    protected String secret() {
        return PASSWORD;
    }
}
