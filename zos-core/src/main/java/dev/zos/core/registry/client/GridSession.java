package dev.zos.core.registry.client;

import dev.zos.core.ZosException;
import dev.zos.core.identity.Identity;
import dev.zos.core.identity.IdentityStore;
import dev.zos.core.identity.TwinKey;
import dev.zos.core.registry.tx.TransactionBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * What a command needs to act on a grid, read from the config directory every tool shares
 * ({@code $XDG_CONFIG_HOME/zos}): the grid (an explicit URL, else the current one of {@link GridProfiles})
 * and, on demand, the current identity and its twin there.
 * <pre>{@code
 * var session = GridSession.open(configDir, gridFlag);
 * long twin = session.ensureTwin().twin().twinId();
 * session.client().submit(session.signer().farmCreate("my_farm", 1, List.of()));
 * }</pre>
 */
public final class GridSession {
    private final Path configDir;
    private final GridClient client;
    private Identity identity;
    private TwinKey key;
    private GridTwin twin;

    private GridSession(Path configDir, GridClient client) {
        this.configDir = configDir;
        this.client = client;
    }

    /** A session on {@code gridUrl}, or on the current grid when it is null; NOT_FOUND when neither exists. */
    public static GridSession open(Path configDir, String gridUrl) {
        return open(configDir, gridUrl, GridClient.DEFAULT_TIMEOUT);
    }

    public static GridSession open(Path configDir, String gridUrl, Duration timeout) {
        String url = gridUrl != null ? gridUrl : new GridProfiles(configDir).current().map(GridProfile::url)
                .orElseThrow(() -> ZosException.notFound("no grid chosen; run 'zos grid use URL' or pass --grid URL"));
        return new GridSession(configDir, GridClient.of(url, timeout));
    }

    public GridClient client() {
        return client;
    }

    /** The current identity; NOT_FOUND with what to do when there is none. */
    public synchronized Identity identity() {
        if (identity == null) {
            var store = new IdentityStore(configDir);
            identity = store.current().orElseThrow(() -> ZosException.notFound(
                    "no current identity; create one with 'zos identity new' or choose one with 'zos identity use NAME'"));
            key = store.key(identity.name());
        }
        return identity;
    }

    public synchronized TwinKey key() {
        identity();
        return key;
    }

    /** The current identity's twin on this grid, if it is registered there. */
    public synchronized Optional<GridTwin> twin() {
        if (twin == null) {
            twin = client.twinByPublicKey(key().publicKeyHex()).orElse(null);
        }
        return Optional.ofNullable(twin);
    }

    /** The current identity's twin on this grid; NOT_FOUND with what to do when it is not registered. */
    public GridTwin requireTwin() {
        return twin().orElseThrow(() -> ZosException.notFound("identity \"" + identity().name()
                + "\" has no twin on the grid at " + client.url() + "; register it with 'zos grid use " + client.url() + "'"));
    }

    /**
     * The current identity's twin on this grid, registering it first ({@code twin.create} with this grid's
     * relay and the identity's e2e key, so peers that publish one too encrypt what they send it) when it is not
     * registered yet.
     */
    public synchronized Registration ensureTwin() {
        Optional<GridTwin> existing = twin();
        if (existing.isPresent()) {
            return new Registration(existing.get(), false);
        }
        try {
            client.submit(TransactionBuilder.twinCreate(key(), client.relayUrl(),
                    java.util.HexFormat.of().formatHex(dev.zos.core.rmb.crypto.E2eKey.fromSeed(key().seed()).publicKey())));
        } catch (ZosException e) {
            if (e.kind() != ZosException.Kind.CONFLICT) {
                throw e;
            }
            // registered meanwhile by another run: read it back below
        }
        twin = client.twinByPublicKey(key().publicKeyHex()).orElseThrow(() -> new ZosException(
                ZosException.Kind.UNAVAILABLE, "the grid at " + client.url() + " accepted the twin but does not show it; try again"));
        return new Registration(twin, true);
    }

    /** Signs transactions as the current identity's registered twin. */
    public TransactionBuilder signer() {
        return TransactionBuilder.forTwin(key(), requireTwin().twinId());
    }

    /** The twin and whether this call registered it. */
    public record Registration(GridTwin twin, boolean created) {
    }
}
