package dev.zos.grid.registry.internal;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.VerifyReport;
import dev.zos.grid.registry.store.LogEntry;
import dev.zos.grid.registry.store.RegistryStore;
import dev.zos.core.registry.tx.Transaction;
import dev.zos.core.registry.tx.TxCodec;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Reads the log from the start, checks every entry (index sequence, previous hash, own hash, that the
 * transaction parses and is canonical, its signature and rules) and rebuilds the state. Stops at the first
 * break.
 */
public final class LogReplayer {
    private final State state = State.empty();
    private long head;
    private byte[] headHash = LogEntry.GENESIS;
    private long breakIndex;
    private String reason = "";

    private LogReplayer() {
    }

    public static LogReplayer replay(RegistryStore store) {
        var r = new LogReplayer();
        try {
            store.readLog(1, r::accept);
        } catch (Stop ignored) {
            // first break recorded
        }
        return r;
    }

    private void accept(LogEntry e) {
        long expected = head + 1;
        if (e.index() != expected) {
            fail(expected, "entry is missing (next stored entry is " + e.index() + ")");
        }
        if (e.prevHash() == null || !Arrays.equals(e.prevHash(), headHash)) {
            fail(e.index(), "previous-hash field does not match the hash of entry " + head);
        }
        if (!e.hashMatches()) {
            fail(e.index(), "stored hash does not match the entry's contents (index, prev, tx, signature)");
        }
        Transaction tx;
        try {
            tx = TxCodec.parseTransaction(e.tx());
        } catch (ZosException z) {
            fail(e.index(), "transaction does not parse: " + z.getMessage());
            return;
        }
        if (!Arrays.equals(tx.canonicalBytes(), e.tx())) {
            fail(e.index(), "transaction bytes are not in canonical form");
        }
        State fork = state.fork();
        try {
            TxRules.apply(fork, tx, e.tx(), e.signature());
        } catch (ZosException z) {
            fail(e.index(), "transaction does not apply: " + z.getMessage());
        }
        fork.mergeIntoParent();
        head = e.index();
        headHash = e.hash();
    }

    private void fail(long index, String why) {
        breakIndex = index;
        reason = why;
        throw new Stop();
    }

    public VerifyReport report() {
        return new VerifyReport(head, breakIndex, reason, head == 0 ? "" : HexFormat.of().formatHex(headHash));
    }

    public State state() {
        return state;
    }

    public long head() {
        return head;
    }

    public byte[] headHash() {
        return headHash.clone();
    }

    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
