package io.aerobackup.crypto;

import java.io.IOException;

/**
 * Checks of the keys given, run where the job is submitted so a missing or malformed key is a
 * usage error before anything runs (the task managers read the key again where they use it).
 */
public final class EncryptionChecks {
    /** How backup files are encrypted, as the manifest's options record it. */
    public static final String ALGORITHM = "parquet-aes-gcm-v1";

    private EncryptionChecks() {
    }

    /** The key new files would be written with can be read (or none was given). */
    public static void checkWriteKey(EncryptionOptions options) {
        try {
            options.writeKey();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Every key given, for a reader; an unreadable or malformed key is an IllegalArgumentException. */
    public static KeyRing readKeys(EncryptionOptions options) {
        try {
            return options.keys();
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }
}
