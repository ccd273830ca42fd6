package dev.zos.node.provision;

/** A slice of a console log: the bytes from {@code offset}, and the offset to ask for next. */
public record LogChunk(long offset, String text, long next) {
}
