package dev.zos.node.boot;

import dev.zos.node.boot.linux.Linux;
import java.io.PrintWriter;

/**
 * The fatal path of PID 1: one line on the console, a delay so a person can read it, then reboot(2). PID 1 must
 * never exit (the kernel would panic) and never drops to anything interactive. Outside PID 1 (tests) it only
 * prints and returns.
 */
public final class Fatal {
    private Fatal() {
    }

    /** Prints {@code message}, waits {@code delaySeconds}, reboots when PID 1; returns exit code 1 otherwise. */
    public static int reboot(PrintWriter out, String message, int delaySeconds, boolean pid1) {
        out.println("zos-node: " + message + "; rebooting in " + delaySeconds + " s");
        out.flush();
        try {
            Thread.sleep(delaySeconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (pid1) {
            Linux.libc().sync();
            Linux.libc().reboot(Linux.RB_AUTOBOOT);
            out.println("zos-node: reboot(2) failed (errno " + Linux.errno() + "); halting here");
            out.flush();
            while (true) {
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    // PID 1 stays
                }
            }
        }
        return 1;
    }
}
