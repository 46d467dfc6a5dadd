package io.aerobackup.execution;

/** The user's input cannot work (wrong hosts, unknown namespace, unusable destination...); nothing was written. */
public final class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
