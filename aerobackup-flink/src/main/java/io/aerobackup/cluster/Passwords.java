package io.aerobackup.cluster;

import io.aerobackup.config.SecurityOptions.PasswordSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a password from where {@link PasswordSource} says it is; errors say where, never what. */
public final class Passwords {
    private Passwords() {
    }

    public static String read(PasswordSource source) {
        switch (source.kind()) {
            case FILE:
                return fromFile(source.location());
            case ENVIRONMENT: {
                String value = System.getenv(source.location());
                if (value == null) {
                    throw new IllegalArgumentException("environment variable " + source.location()
                            + " with the password is not set"
                            + (source.location().equals(io.aerobackup.config.SecurityOptions.DEFAULT_PASSWORD_ENV)
                            ? " (--user without --password-file or --password-env reads it)" : ""));
                }
                return value;
            }
            default: {
                char[] typed = PromptedPasswords.find(source.location());
                if (typed == null) {
                    throw new IllegalArgumentException("the password typed at the prompt exists only in the process"
                            + " that asked for it; a job elsewhere needs --password-file or --password-env");
                }
                return new String(typed);
            }
        }
    }

    /** The file's text without a final line break (as {@code echo secret > file} writes it). */
    private static String fromFile(String file) {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("--password-file " + file + " cannot be read: "
                    + e.getClass().getSimpleName(), e);
        }
        if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("--password-file " + file + " is empty");
        }
        return text;
    }
}
