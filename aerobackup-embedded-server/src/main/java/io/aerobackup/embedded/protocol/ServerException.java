package io.aerobackup.embedded.protocol;

/** A command failure that becomes a reply carrying an Aerospike result code; the connection stays up. */
public final class ServerException extends RuntimeException {
    private final int resultCode;

    public ServerException(int resultCode, String message) {
        super(message, null, false, false);
        this.resultCode = resultCode;
    }

    public int resultCode() {
        return resultCode;
    }
}
