package io.aerobackup.asb;

import java.io.IOException;

/** Malformed .asb input: the message names the file, the line and what was expected there. */
public final class AsbFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public AsbFormatException(String file, int line, String message) {
        super(file + ", line " + line + ": " + message);
    }

    public AsbFormatException(String file, int line, String message, Throwable cause) {
        super(file + ", line " + line + ": " + message, cause);
    }
}
