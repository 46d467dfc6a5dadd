package io.aerobackup.embedded.protocol;

/** A framing or transport fault: the server answers it by closing the connection, as the real one does. */
public final class ProtocolException extends Exception {
    public ProtocolException(String message) {
        super(message);
    }
}
