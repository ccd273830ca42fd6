package dev.zos.flist.block;

import dev.zos.core.ZosException;

import java.util.HexFormat;

/** A stored block failed verification (id hash, GCM tag, decompression or plaintext hash). */
public final class BlockCorruptException extends ZosException {

    private final byte[] id;

    public BlockCorruptException(byte[] id, String reason) {
        super(Kind.INVALID, "corrupt block " + HexFormat.of().formatHex(id) + ": " + reason);
        this.id = id.clone();
    }

    public byte[] id() {
        return id.clone();
    }
}
