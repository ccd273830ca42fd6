package dev.zos.grid.boot;

import dev.zos.grid.registry.Registry;
import dev.zos.grid.server.GridServer;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.http.pathmap.PathSpec;

/**
 * The grid's boot server (docs/operator-guide.md, "Boot server"): {@code /ipxe/<runmode>/<farm>[/<extra>]} answers an
 * iPXE script that fetches {@code /kernel/…} and {@code /initramfs/…} from this grid; {@code /cmdline/…} is the
 * command line; {@code /iso|usb|efi/…} are boot media built on demand by zos-imagegen and cached on disk;
 * {@code GET /boot} tells whether it is configured. Unknown runmodes and farms get a 404 with the reason. Without a
 * {@link BootConfig} every route answers 503 saying how to configure it.
 * <pre>{@code
 * BootServer boot = BootServer.of(config.boot(), registry, config.dataDir().resolve("boot"));
 * routes.addAll(boot.routes());
 * }</pre>
 */
public final class BootServer {
    /** The path prefixes served, each followed by {@code /<runmode>/<farm>[/<extra>]}. */
    static final List<String> KINDS = List.of("ipxe", "kernel", "initramfs", "cmdline", "iso", "usb", "efi");
    static final String NOT_CONFIGURED = "the boot server is not configured on this grid; start zos-grid with"
            + " --boot-agent DIR (the built zos-node) and --boot-release-key FILE (see docs/operator-guide.md)";

    private final BootConfig config;
    private final Registry registry;
    private final BootMedia media;

    private BootServer(BootConfig config, Registry registry, BootMedia media) {
        this.config = config;
        this.registry = registry;
        this.media = media;
    }

    /** A boot server building into {@code dir}; {@code config} null gives one that answers 503 everywhere. */
    public static BootServer of(BootConfig config, Registry registry, Path dir) {
        if (config == null) {
            return new BootServer(null, registry, null);
        }
        config.check();
        return new BootServer(config, registry, new BootMedia(config, dir));
    }

    public boolean enabled() {
        return config != null;
    }

    BootConfig config() {
        return config;
    }

    Registry registry() {
        return registry;
    }

    BootMedia media() {
        return media;
    }

    public List<GridServer.Route> routes() {
        List<GridServer.Route> routes = new java.util.ArrayList<>();
        BootResource resource = new BootResource(this);
        for (String kind : KINDS) {
            routes.add(new GridServer.Route(PathSpec.from("/" + kind + "/*"), resource));
        }
        routes.add(new GridServer.Route(PathSpec.from("/boot"), resource));
        return List.copyOf(routes);
    }
}
