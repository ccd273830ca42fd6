package dev.zos.grid.registry.internal;

import dev.zos.core.ZosException;
import dev.zos.grid.registry.VerifyReport;
import dev.zos.grid.registry.store.LogEntry;
import dev.zos.grid.registry.store.RegistryStore;
import dev.zos.core.identity.Ed25519;
import dev.zos.core.registry.model.Checks;
import dev.zos.core.registry.model.Twin;
import dev.zos.core.registry.tx.Transaction;
import dev.zos.core.registry.tx.TxBody;
import dev.zos.core.registry.tx.TxCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
        var chunk = new ArrayList<LogEntry>(CHUNK);
        try {
            store.readLog(1, e -> {
                chunk.add(e);
                if (chunk.size() == CHUNK) {
                    r.acceptChunk(chunk);
                    chunk.clear();
                }
            });
            r.acceptChunk(chunk);
        } catch (Stop ignored) {
            // first break recorded
        }
        return r;
    }

    /** Entries pre-checked together, on all cores, before they are applied in order. */
    private static final int CHUNK = 1024;

    /**
     * What can be checked of one entry without applying the ones before it: its hash, that it parses and is
     * canonical, and its signature against the key being registered or the signer's key as of the start of
     * the chunk ({@code verifiedKey}, null when not verified here).
     */
    private record Checked(LogEntry entry, boolean hashOk, Transaction tx, String parseError, boolean canonical,
                           String verifiedKey) {
    }

    private Checked check(LogEntry e) {
        if (!e.hashMatches()) {
            return new Checked(e, false, null, null, false, null);
        }
        Transaction tx;
        try {
            tx = TxCodec.parseTransaction(e.tx());
        } catch (ZosException z) {
            return new Checked(e, true, null, z.getMessage(), false, null);
        }
        if (!Arrays.equals(tx.canonicalBytes(), e.tx())) {
            return new Checked(e, true, tx, null, false, null);
        }
        String key = null;
        try {
            if (tx.body() instanceof TxBody.TwinCreate create) {
                key = create.publicKey();
            } else {
                Twin signer = state.twin(tx.signer());
                key = signer == null ? null : signer.publicKey();
            }
            if (key != null && !Ed25519.verify(Checks.unhex(key), e.tx(), e.signature())) {
                key = null;
            }
        } catch (RuntimeException ignored) {
            key = null; // the in-order check reports it
        }
        return new Checked(e, true, tx, null, true, key);
    }

    /**
     * Checks a chunk's entries in parallel (hash, parse, canonical form, signature: most of the work of
     * opening), then applies them in order; the first break is reported exactly as one-by-one checking would.
     */
    private void acceptChunk(List<LogEntry> chunk) {
        if (chunk.isEmpty()) {
            return;
        }
        List<Checked> checked = chunk.size() < 64 ? chunk.stream().map(this::check).toList()
                : chunk.parallelStream().map(this::check).toList();
        checked.forEach(this::accept);
    }

    private void accept(Checked c) {
        LogEntry e = c.entry();
        long expected = head + 1;
        if (e.index() != expected) {
            fail(expected, "entry is missing (next stored entry is " + e.index() + ")");
        }
        if (e.prevHash() == null || !Arrays.equals(e.prevHash(), headHash)) {
            fail(e.index(), "previous-hash field does not match the hash of entry " + head);
        }
        if (!c.hashOk()) {
            fail(e.index(), "stored hash does not match the entry's contents (index, prev, tx, signature)");
        }
        Transaction tx = c.tx();
        if (tx == null) {
            fail(e.index(), "transaction does not parse: " + c.parseError());
            return;
        }
        if (!c.canonical()) {
            fail(e.index(), "transaction bytes are not in canonical form");
        }
        // the signature was verified in parallel against exactly the key the rules would check it with now
        boolean verified = c.verifiedKey() != null && (tx.body() instanceof TxBody.TwinCreate
                || state.twin(tx.signer()) != null && c.verifiedKey().equals(state.twin(tx.signer()).publicKey()));
        State fork = state.fork();
        try {
            TxRules.apply(fork, tx, e.tx(), e.signature(), verified);
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
