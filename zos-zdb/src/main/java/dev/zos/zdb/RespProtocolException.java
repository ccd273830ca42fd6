package dev.zos.zdb;

/** A client broke the RESP framing; the server answers with an error and closes the connection. */
public final class RespProtocolException extends Exception {

    public RespProtocolException(String message) {
        super(message);
    }
}
