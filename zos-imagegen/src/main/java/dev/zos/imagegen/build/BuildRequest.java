package dev.zos.imagegen.build;

import dev.zos.core.ZosException;
import dev.zos.imagegen.initramfs.Compression;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything an image build depends on; the same request gives the same bytes.
 *
 * @param kernelRelease Debian kernel release ({@code 6.1.0-50-amd64}) or null for apt's current one
 * @param console       serial console for the command line ({@code ttyS0}) or null
 * @param extraCmdline  appended to the command line as given, or null
 * @param releaseKey    the release secret key file that signs the manifest
 * @param agentDir      the built node agent ({@code zos-node/target})
 * @param mtime         the one timestamp of every file (seconds since the epoch)
 */
public record BuildRequest(long farm, URI grid, Runmode runmode, String format, String kernelRelease, String console,
                           String extraCmdline, boolean debug, Compression compression, Path releaseKey, Path agentDir, long mtime) {
    public BuildRequest {
        if (farm < 1) {
            throw ZosException.invalid("--farm must be a farm id of 1 or more, got " + farm);
        }
        Objects.requireNonNull(grid, "grid");
        if (!"http".equals(grid.getScheme()) && !"https".equals(grid.getScheme()) || grid.getHost() == null) {
            throw ZosException.invalid("--grid must be an http(s) URL like http://10.0.2.2:8080, got '" + grid + "'");
        }
        Objects.requireNonNull(runmode, "runmode");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(releaseKey, "releaseKey");
        Objects.requireNonNull(agentDir, "agentDir");
        if (console != null && !console.matches("[A-Za-z0-9]+(,[0-9]+[noe]?[0-9]*)?")) {
            throw ZosException.invalid("--console must be a console device like ttyS0 or ttyS0,115200, got '" + console + "'");
        }
        if (extraCmdline != null && extraCmdline.chars().anyMatch(c -> c == '\n' || c == '\r')) {
            throw ZosException.invalid("--cmdline must be one line");
        }
    }
}
