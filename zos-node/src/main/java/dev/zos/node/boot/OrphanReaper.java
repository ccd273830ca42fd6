package dev.zos.node.boot;

import dev.zos.node.boot.linux.Linux;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Reaps the zombies PID 1 inherits. Orphans are re-parented to PID 1 and only it can collect their exit status.
 * A blind {@code waitpid(-1)} would steal the status of processes the JVM started itself (its own reaper waits
 * for each one by pid, at once), so this reaps only zombie children that are still there one scan later:
 * nobody is waiting for those.
 */
public final class OrphanReaper {
    private final Path proc;
    private final long self;
    private final AtomicLong reaped = new AtomicLong();
    private Set<Integer> seen = Set.of();

    public OrphanReaper(Path proc, long self) {
        this.proc = proc;
        this.self = self;
    }

    /** Runs {@link #scan()} every {@code period} on a daemon thread. */
    public Thread start(Duration period) {
        return Thread.ofPlatform().daemon().name("orphan-reaper").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(period);
                } catch (InterruptedException e) {
                    return;
                }
                scan();
            }
        });
    }

    /** One pass: reaps the zombie children seen in the previous pass too; returns how many it reaped. */
    public synchronized int scan() {
        Set<Integer> zombies = zombieChildren();
        int n = 0;
        int[] status = new int[1];
        for (int pid : zombies) {
            if (seen.contains(pid) && Linux.libc().waitpid(pid, status, Linux.WNOHANG) == pid) {
                n++;
            }
        }
        seen = zombies;
        reaped.addAndGet(n);
        return n;
    }

    public long reaped() {
        return reaped.get();
    }

    Set<Integer> zombieChildren() {
        Set<Integer> out = new HashSet<>();
        try (Stream<Path> s = Files.list(proc)) {
            for (Path p : s.toList()) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String stat;
                try {
                    stat = Files.readString(p.resolve("stat"));
                } catch (IOException e) {
                    continue; // gone meanwhile
                }
                // "pid (comm) S ppid ...": comm may hold spaces and parentheses, so split after the last ')'
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                if (f.length > 1 && f[0].equals("Z") && Long.parseLong(f[1]) == self) {
                    out.add(Integer.parseInt(name));
                }
            }
        } catch (IOException e) {
            return Set.of();
        }
        return out;
    }
}
