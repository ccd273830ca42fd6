package dev.zos.flist.clone;

import dev.zos.flist.meta.Route;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What a clone did.
 *
 * @param flist         the flist written, with the new routes
 * @param blocks        distinct blocks of the flist
 * @param copied        blocks written to the new stores
 * @param present       blocks the new stores already held (not fetched)
 * @param bytes         stored (encrypted) bytes copied
 * @param routes        the routes written
 */
public record CloneResult(Path flist, long blocks, long copied, long present, long bytes, List<Route> routes,
                          Duration elapsed) {

    public CloneResult {
        routes = List.copyOf(routes);
    }
}
