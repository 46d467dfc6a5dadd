package io.aerobackup.cluster;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passwords typed at the command line's prompt, kept in this process's memory only: the job gets an
 * opaque reference, so the password is in no job graph, configuration or file. Works for jobs run in
 * this process (the command line's local Flink); a job on a cluster reads a password file or variable.
 */
public final class PromptedPasswords {
    private static final Map<String, char[]> PASSWORDS = new ConcurrentHashMap<>();

    private PromptedPasswords() {
    }

    /** Keeps a copy of {@code password}; returns its reference. */
    public static String keep(char[] password) {
        String reference = "prompt-" + UUID.randomUUID();
        PASSWORDS.put(reference, password.clone());
        return reference;
    }

    /** The password, or null when this process has none under that reference. */
    static char[] find(String reference) {
        char[] password = PASSWORDS.get(reference);
        return password == null ? null : password.clone();
    }
}
