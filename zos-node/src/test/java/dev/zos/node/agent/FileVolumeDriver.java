package dev.zos.node.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.zos.core.ZosException;
import dev.zos.node.provision.LogChunk;
import dev.zos.node.provision.WorkloadContext;
import dev.zos.node.provision.WorkloadDriver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test driver for {@code volume}: a real file per workload under the driver's directory, adopted when it exists,
 * with a console log of what happened to it. The real zmount/zmachine drivers live in dev.zos.node.workload.
 */
final class FileVolumeDriver implements WorkloadDriver {
    final AtomicInteger provisions = new AtomicInteger();
    final AtomicInteger adoptions = new AtomicInteger();
    private final Path dir;

    FileVolumeDriver(Path dir) {
        this.dir = dir;
    }

    @Override
    public String type() {
        return "volume";
    }

    Path file(String workloadId) {
        return dir.resolve(workloadId + ".img");
    }

    @Override
    public JsonNode provision(WorkloadContext c) {
        provisions.incrementAndGet();
        Path f = file(c.workloadId());
        try {
            Files.createDirectories(dir);
            if (Files.exists(f)) {
                adoptions.incrementAndGet();
            } else {
                Files.writeString(f, "volume " + c.workload().name() + "\n");
            }
            Files.writeString(dir.resolve(c.workloadId() + ".log"), "provisioned " + c.workload().name() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return JsonNodeFactory.instance.objectNode().put("path", f.toString());
    }

    @Override
    public void deprovision(WorkloadContext c) {
        try {
            Files.deleteIfExists(file(c.workloadId()));
        } catch (IOException e) {
            throw ZosException.unavailable("cannot remove " + file(c.workloadId()), e);
        }
    }

    @Override
    public LogChunk logs(WorkloadContext c, long offset, int maxBytes) {
        try {
            byte[] all = Files.readAllBytes(dir.resolve(c.workloadId() + ".log"));
            int from = (int) Math.min(offset, all.length);
            int to = Math.min(all.length, from + maxBytes);
            return new LogChunk(from, new String(all, from, to - from, StandardCharsets.UTF_8), to);
        } catch (IOException e) {
            throw ZosException.notFound("no log for " + c.workloadId());
        }
    }
}
