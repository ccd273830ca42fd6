package dev.zos.node.workload.zmachine;

import dev.zos.core.ZosException;
import dev.zos.node.provision.LogChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads a container's console log (stdout and stderr in the order written) in chunks. */
final class ConsoleLog {

    private ConsoleLog() {
    }

    /**
     * Up to {@code maxBytes} from {@code offset}. A chunk never ends inside a UTF-8 sequence: the next chunk starts
     * where the cut character begins. An offset past the end returns an empty chunk at the end.
     */
    static LogChunk read(Path log, long offset, int maxBytes) {
        if (offset < 0) {
            throw ZosException.invalid("log offset must not be negative, got " + offset);
        }
        if (maxBytes < 1) {
            throw ZosException.invalid("log chunk size must be at least 1 byte, got " + maxBytes);
        }
        if (!Files.isRegularFile(log)) {
            return new LogChunk(offset, "", offset);
        }
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = ch.size();
            if (offset >= size) {
                return new LogChunk(offset, "", offset);
            }
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(maxBytes, size - offset));
            while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                // read until the buffer is full or the file ends
            }
            int n = buf.position();
            boolean more = offset + n < size;
            int end = more ? completeUtf8(buf.array(), n) : n;
            if (end == 0) {
                end = n; // a chunk smaller than one character: hand out the bytes rather than loop forever
            }
            return new LogChunk(offset, new String(buf.array(), 0, end, StandardCharsets.UTF_8), offset + end);
        } catch (IOException e) {
            throw ZosException.unavailable("cannot read console log " + log + ": " + e.getMessage(), e);
        }
    }

    /** The length of the longest prefix of {@code b[0..n)} that does not end inside a UTF-8 sequence. */
    static int completeUtf8(byte[] b, int n) {
        int i = n - 1;
        int continuation = 0;
        while (i >= 0 && (b[i] & 0xC0) == 0x80 && continuation < 3) {
            i--;
            continuation++;
        }
        if (i < 0) {
            return n;
        }
        int lead = b[i] & 0xFF;
        int len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return continuation + 1 >= len ? n : i;
    }

    /** The last non-blank line of {@code log}, for error messages. */
    static String lastLine(Path log) {
        try {
            if (!Files.isRegularFile(log)) {
                return "(no output)";
            }
            long size = Files.size(log);
            LogChunk tail = read(log, Math.max(0, size - 4096), 4096);
            String[] lines = tail.text().strip().split("\n");
            return lines.length == 0 || lines[lines.length - 1].isBlank() ? "(no output)" : lines[lines.length - 1].strip();
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
