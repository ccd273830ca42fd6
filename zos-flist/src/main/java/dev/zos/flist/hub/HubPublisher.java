package dev.zos.flist.hub;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.meta.BlockRef;
import dev.zos.flist.meta.FlistReader;
import dev.zos.flist.meta.Route;
import dev.zos.flist.meta.FlistEditor;
import dev.zos.flist.store.BlockStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.sqlite.SQLiteConfig;

/**
 * Publishes an flist to a hub: every block the flist lists that the hub lacks ({@code HEAD} first) is read
 * from the flist's own stores and uploaded, in parallel; then the flist itself, by default re-routed to the
 * hub's block store so nodes fetch its blocks from the hub.
 */
public final class HubPublisher {
    private HubPublisher() {
    }

    /**
     * @param flist       the {@code .fl} to publish
     * @param name        the name on the hub, e.g. {@code app-1.0.fl}
     * @param source      where the blocks are read from
     * @param keepRoutes  publish the flist's routes unchanged instead of routing it to the hub's blocks
     * @param parallelism how many blocks move at once
     */
    public record Request(Path flist, String name, BlockStore source, boolean keepRoutes, int parallelism) {
        public Request {
            HubNames.requireName(name);
            if (parallelism < 1 || parallelism > 64) {
                throw ZosException.invalid("parallelism must be within 1-64, got " + parallelism);
            }
        }
    }

    /** What a publish did. */
    public record Result(HubEntry entry, int blocks, int uploaded, long uploadedBytes, String url) {
    }

    public static Result publish(HubClient hub, Request request) {
        Set<ByteBuffer> ids = blockIds(request.flist());
        AtomicInteger uploaded = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(request.parallelism(), r -> {
            Thread t = new Thread(r, "hub-upload");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            ThreadLocal<BlockCodec> codecs = ThreadLocal.withInitial(BlockCodec::new);
            for (ByteBuffer b : ids) {
                byte[] id = b.array();
                jobs.add(pool.submit(() -> {
                    if (hub.hasBlock(id)) {
                        return;
                    }
                    byte[] data = request.source().get(id);
                    if (!Arrays.equals(codecs.get().hash(data, 0, data.length), id)) {
                        throw ZosException.invalid("block " + java.util.HexFormat.of().formatHex(id) + " in store "
                                + request.source().url() + " is corrupt (its BLAKE2b-256 is not its id); not uploaded");
                    }
                    hub.putBlock(id, data);
                    uploaded.incrementAndGet();
                    bytes.addAndGet(data.length);
                }));
            }
            for (Future<?> f : jobs) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        Path toSend = request.flist();
        Path temp = null;
        try {
            if (!request.keepRoutes() && !routedToHub(request.flist(), hub)) {
                temp = Files.createTempFile("zos-publish-", ".fl");
                FlistEditor.update(request.flist(), temp, m -> m.withRoutes(List.of(Route.all(hub.blocksUrl()))));
                toSend = temp;
            }
            HubEntry entry = hub.publish(request.name(), toSend);
            return new Result(entry, ids.size(), uploaded.get(), bytes.get(),
                    hub.url() + "/" + hub.twinId() + "/" + request.name());
        } catch (IOException e) {
            throw ZosException.unavailable("cannot create a temporary file: " + e.getMessage(), e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a temp file left behind
                }
            }
        }
    }

    /** Whether the flist already routes every block to the hub (then it is sent unchanged, keeping its md5). */
    private static boolean routedToHub(Path flist, HubClient hub) {
        try (FlistReader reader = FlistReader.open(flist)) {
            return reader.routes().equals(List.of(Route.all(hub.blocksUrl())));
        }
    }

    /**
     * The distinct block ids of every row of an flist's {@code block} table, in first-use order (every row, not
     * only those of reachable files: a hub must hold whatever the file names).
     */
    public static Set<ByteBuffer> blockIds(Path flist) {
        try (FlistReader ignored = FlistReader.open(flist)) {
            // validates that the file is an flist, with a clear error
        }
        Set<ByteBuffer> ids = new LinkedHashSet<>();
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + flist.toAbsolutePath(), config.toProperties());
             Statement st = db.createStatement();
             ResultSet rs = st.executeQuery("select id from block order by rowid")) {
            long row = 0;
            while (rs.next()) {
                byte[] id = rs.getBytes(1);
                if (id == null || id.length != BlockRef.ID_LEN) {
                    throw ZosException.invalid("flist " + flist.getFileName() + ": block row " + row
                            + " has a malformed id (expected a 32-byte blob)");
                }
                ids.add(ByteBuffer.wrap(id));
                row++;
            }
        } catch (SQLException e) {
            throw ZosException.invalid("cannot read the blocks of flist " + flist.getFileName() + ": " + e.getMessage());
        }
        return ids;
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ZosException(ZosException.Kind.INTERNAL, "upload failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ZosException.unavailable("interrupted while uploading blocks", e);
        }
    }
}
