package dev.zos.grid.boot;

import dev.zos.core.ZosException;
import dev.zos.imagegen.build.Runmode;
import dev.zos.imagegen.manifest.ReleaseKey;
import dev.zos.imagegen.runtime.AgentBundle;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How the grid's boot server builds node images.
 *
 * @param agentDir      the built node agent ({@code zos-node.jar} + {@code lib/}, i.e. {@code zos-node/target})
 * @param releaseKey    the release secret key file that signs each image's manifest
 * @param cacheRoot     zos-imagegen's cache ({@code $XDG_CACHE_HOME/zos}): Debian kernels, linked runtimes, the init shim
 * @param publicUrl     the grid's URL as the nodes reach it (put on their command line and in the iPXE script);
 *                      {@code null} to take the scheme and {@code Host} of each request
 * @param kernelRelease a Debian kernel release ({@code 6.1.0-50-amd64}), or {@code null} for apt's current one
 *                      (the newest cached one offline), resolved once per process
 * @param runmode       the runmode this grid's nodes run in, announced at {@code GET /boot} for clients' defaults
 */
public record BootConfig(Path agentDir, Path releaseKey, Path cacheRoot, URI publicUrl, String kernelRelease, Runmode runmode) {

    public BootConfig {
        Objects.requireNonNull(agentDir, "agentDir");
        Objects.requireNonNull(releaseKey, "releaseKey");
        Objects.requireNonNull(cacheRoot, "cacheRoot");
        runmode = runmode == null ? Runmode.PROD : runmode;
        if (publicUrl != null) {
            publicUrl = parseUrl(publicUrl.toString());
        }
        if (kernelRelease != null && !kernelRelease.matches("\\d+\\.\\d+\\.\\d+-\\d+(-cloud)?-amd64")) {
            throw ZosException.invalid("boot-kernel: '" + kernelRelease + "' is not a Debian kernel release like 6.1.0-50-amd64");
        }
    }

    /** {@code http(s)://HOST[:PORT]} without a path, or an INVALID error naming the setting. */
    public static URI parseUrl(String text) {
        URI uri;
        try {
            uri = URI.create(text.strip().replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw ZosException.invalid("boot-url: '" + text + "' is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || (uri.getRawPath() != null && !uri.getRawPath().isEmpty()) || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
            throw ZosException.invalid("boot-url: expected http(s)://HOST[:PORT] as the nodes reach this grid, got '" + text + "'");
        }
        return uri;
    }

    /** dev, test or prod, or an INVALID error listing them. */
    public static Runmode parseRunmode(String text) {
        for (Runmode r : Runmode.values()) {
            if (r.value().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw ZosException.invalid("boot-runmode: '" + text + "' is not a runmode; use dev, test or prod");
    }

    /** Fails with what to do when the agent is not built or the key is not a release key: checked when the grid starts. */
    public void check() {
        AgentBundle.in(agentDir);
        ReleaseKey.loadSecret(releaseKey);
    }
}
