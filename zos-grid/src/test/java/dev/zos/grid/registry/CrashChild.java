package dev.zos.grid.registry;

import dev.zos.core.registry.tx.TransactionBuilder;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;

/**
 * Child process of {@link CrashSafetyTest}: opens the registry at {@code args[0]}, then {@code args[1]}
 * threads each register a twin and create name contracts as fast as they can, printing
 * {@code ACK <index> <twin> <name>} for every acknowledged one, until the parent kills the process.
 */
public final class CrashChild {
    private CrashChild() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        var registry = Registry.open(args[0]);
        int threads = Integer.parseInt(args[1]);
        int base = Integer.parseInt(args[2]);
        var workers = new ArrayList<CompletableFuture<Void>>();
        for (int t = 0; t < threads; t++) {
            int n = base + t;
            workers.add(CompletableFuture.runAsync(() -> {
                TransactionBuilder b = Actors.twin(registry, n);
                for (long k = 0; ; k++) {
                    String name = "c" + b.twinId() + "_" + k;
                    var r = registry.submit(b.contractNameCreate(name));
                    synchronized (out) {
                        out.println("ACK " + r.index() + " " + b.twinId() + " " + name);
                        out.flush();
                    }
                }
            }, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()));
        }
        synchronized (out) {
            out.println("STARTED");
            out.flush();
        }
        CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).join();
    }
}
