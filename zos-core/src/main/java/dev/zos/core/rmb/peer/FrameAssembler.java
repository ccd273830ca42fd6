package dev.zos.core.rmb.peer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * Joins websocket message fragments into whole messages, dropping any message longer than the limit
 * without buffering it: one bad sender must not make us hold a huge message or cut our session.
 * Not thread-safe; the JDK websocket delivers one fragment at a time.
 */
final class FrameAssembler {
    private final int maxSize;
    private final ByteArrayOutputStream message = new ByteArrayOutputStream();
    private boolean oversized;

    FrameAssembler(int maxSize) {
        this.maxSize = maxSize;
    }

    /** Adds a fragment; returns the whole message when {@code last} ends one that fits the limit. */
    Optional<byte[]> append(ByteBuffer data, boolean last) {
        if (!oversized && message.size() + data.remaining() > maxSize) {
            oversized = true;
            message.reset();
        }
        if (!oversized) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            message.writeBytes(chunk);
        }
        if (!last) {
            return Optional.empty();
        }
        Optional<byte[]> whole = oversized ? Optional.empty() : Optional.of(message.toByteArray());
        message.reset();
        oversized = false;
        return whole;
    }
}
