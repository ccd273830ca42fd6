package dev.zos.core.rmb.peer;

/**
 * Serves one command. Returns the response payload; to answer with an Error envelope, throw:
 * an {@link dev.zos.core.rmb.RmbException} picks its code, a {@link dev.zos.core.ZosException} of
 * kind INVALID answers 101 (invalid payload), anything else answers 500.
 */
@FunctionalInterface
public interface CommandHandler {
    byte[] handle(IncomingRequest request) throws Exception;
}
