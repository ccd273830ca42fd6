package dev.zos.flist.unpack;

import java.time.Duration;
import java.util.List;

/**
 * What an unpack restored.
 *
 * @param skipped paths not restored, with the reason (sockets, which only a listening process can create)
 */
public record UnpackResult(long files, long directories, long symlinks, long specials, long bytes,
                           List<String> skipped, Duration elapsed) {
}
