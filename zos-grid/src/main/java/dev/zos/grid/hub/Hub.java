package dev.zos.grid.hub;

import dev.zos.core.ZosException;
import dev.zos.flist.block.BlockCodec;
import dev.zos.flist.hub.HubEntry;
import dev.zos.flist.hub.HubNames;
import dev.zos.flist.hub.HubPublisher;
import dev.zos.flist.meta.FlistReader;
import dev.zos.grid.registry.Registry;
import dev.zos.grid.server.GridServer;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;

/**
 * The flist hub of a grid (docs/formats/hub.md): flists per publishing twin at {@code /<twin>/<name>} with
 * {@code .md5}, listings under {@code /api/flist}, and a block store at {@code /blocks} that rfs's and our
 * {@code http://} store read. Writes are signed by a twin registered in this grid's registry and land only
 * in that twin's namespace.
 * <pre>{@code
 * Hub hub = new Hub(config.hubDir(), config.hubStore(), registry, clock);
 * routes.addAll(hub.routes(ExplorerRoutes.notFound().handler()));
 * }</pre>
 */
public final class Hub implements AutoCloseable {
    /** The largest stored block: a Snappy-compressed 512 KiB block can grow a little, plus the GCM tag. */
    public static final int MAX_BLOCK_BYTES = 1 << 20;
    /** The largest flist file accepted. */
    public static final long MAX_FLIST_BYTES = 1L << 30;
    /** How many missing block ids a refusal lists at most. */
    static final int MAX_LISTED_MISSING = 1000;

    private static final HexFormat HEX = HexFormat.of();

    private final HubStorage storage;
    private final HubAuthenticator auth;

    /** Flists under {@code dir}; blocks in {@code blockStore} (a block store URL), or under {@code dir/blocks} when null. */
    public Hub(Path dir, String blockStore, Registry registry, Clock clock) {
        this.storage = new HubStorage(dir, blockStore, clock);
        this.auth = HubAuthenticator.of(registry, clock);
    }

    public Hub(Path dir, Registry registry, Clock clock) {
        this(dir, null, registry, clock);
    }

    /** Where the blocks are, without any password. */
    public String blockStore() {
        return storage.blocks().url();
    }

    @Override
    public void close() {
        storage.blocks().close();
    }

    HubStorage storage() {
        return storage;
    }

    HubAuthenticator auth() {
        return auth;
    }

    public Path directory() {
        return storage.root();
    }

    /**
     * The hub's routes; {@code fallback} answers every path that is not the hub's (the explorer's 404), since
     * the hub serves {@code /<twin>/<name>} at the root.
     */
    public List<GridServer.Route> routes(Handler fallback) {
        return List.of(
                new GridServer.Route(PathSpec.from("/api/flist/*"), new HubApiResource(this)),
                new GridServer.Route(PathSpec.from("/blocks/*"), new HubBlocksResource(this)),
                new GridServer.Route(PathSpec.from("/"), new HubFilesResource(this, fallback)));
    }

    /** Stores a block after checking that {@code id} is the BLAKE2b-256 of its bytes; true when it was new. */
    boolean putBlock(byte[] id, byte[] data) {
        byte[] actual = new BlockCodec().hash(data, 0, data.length);
        if (!Arrays.equals(actual, id)) {
            throw new HubRefusal(422, "block id " + HEX.formatHex(id) + " is not the BLAKE2b-256 of the uploaded bytes ("
                    + HEX.formatHex(actual) + ")");
        }
        if (storage.blocks().exists(id)) {
            return false;
        }
        storage.blocks().set(id, data);
        return true;
    }

    /**
     * Validates an uploaded flist and makes it {@code name} of {@code twin}: it must open as an flist with a
     * root and well-formed blocks, and every block it lists must be in the hub's store (else 409 listing them).
     */
    HubEntry publish(long twin, String name, Path uploaded, String md5, long size) {
        if (!name.endsWith(".fl") && !name.endsWith(".flist")) {
            throw HubRefusal.badRequest("an flist is published under a name ending in .fl or .flist, not '" + name + "'");
        }
        Set<ByteBuffer> ids;
        try (FlistReader reader = FlistReader.open(uploaded)) {
            reader.root();
            ids = HubPublisher.blockIds(uploaded);
        } catch (ZosException e) {
            throw new HubRefusal(422, "the uploaded file is not a valid flist: " + HubRequests.oneLine(e.getMessage()
                    .replace(uploaded.toString(), "upload")));
        }
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (ByteBuffer id : ids) {
            if (!storage.blocks().exists(id.array())) {
                count++;
                if (missing.size() < MAX_LISTED_MISSING) {
                    missing.add(HEX.formatHex(id.array()));
                }
            }
        }
        if (count > 0) {
            throw new HubRefusal(409, count + " of the flist's " + ids.size() + " blocks are not in the hub's block store;"
                    + " upload them first (PUT /blocks/<hex[0:2]>/<hex>): " + String.join(", ",
                    missing.subList(0, Math.min(5, missing.size()))) + (count > 5 ? ", …" : ""), missing);
        }
        return storage.publish(twin, name, uploaded, md5, size);
    }

    /** An entry with its flist's tags (a link: its target's), or 404. */
    HubEntry info(long twin, String name) {
        HubEntry entry = storage.describe(twin, name)
                .orElseThrow(() -> HubRefusal.notFound("no flist or link " + name + " in namespace " + twin));
        var resolved = storage.resolve(twin, name)
                .orElseThrow(() -> HubRefusal.notFound("link " + name + " of namespace " + twin + " points at nothing"));
        Map<String, String> tags;
        try (FlistReader reader = FlistReader.open(resolved.file())) {
            tags = reader.tags();
        } catch (ZosException e) {
            throw HubRefusal.notFound(name + " of namespace " + twin + " changed while being read; try again");
        }
        return entry.withTags(tags);
    }

    static long user(String segment) {
        if (!HubNames.isUser(segment)) {
            throw HubRefusal.notFound("hub user '" + HubRequests.clip(segment) + "' is not a twin id");
        }
        return Long.parseLong(segment);
    }

    static String name(String segment) {
        if (!HubNames.isName(segment)) {
            throw HubRefusal.badRequest("hub name '" + HubRequests.clip(segment) + "' is invalid; use 1 to 128"
                    + " letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return segment;
    }
}
