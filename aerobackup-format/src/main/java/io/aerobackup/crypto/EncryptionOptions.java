package io.aerobackup.crypto;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.ReadableConfig;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Where the encryption keys are: key files (or folders of key files) and an environment variable.
 * Only these names cross into a Flink job (its configuration and job graph are shown by Flink's
 * web UI and REST API); the keys themselves are read where they are used, on the task managers,
 * by {@link #keys()} and {@link #writeKey()}. Immutable and Serializable.
 */
public final class EncryptionOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Comma-separated when given more than once; a folder stands for every file in it. */
    public static final ConfigOption<String> KEY_FILE = ConfigOptions.key("encryption-key-file").stringType()
            .noDefaultValue().withDescription("File holding an encryption key (base64 or 16/24/32 raw bytes), or a"
                    + " folder of such files; repeatable. Read on the task managers, never passed in clear.");
    public static final ConfigOption<String> KEY_ENV = ConfigOptions.key("encryption-key-env").stringType()
            .noDefaultValue().withDescription("Name of an environment variable holding an encryption key (base64).");
    public static final List<ConfigOption<?>> OPTIONS = List.of(KEY_FILE, KEY_ENV);

    private static final EncryptionOptions NONE = new EncryptionOptions(List.of(), null);

    private final List<String> keyFiles;
    private final String keyEnv;

    private EncryptionOptions(List<String> keyFiles, String keyEnv) {
        this.keyFiles = List.copyOf(keyFiles);
        this.keyEnv = keyEnv;
    }

    public static EncryptionOptions none() {
        return NONE;
    }

    public static EncryptionOptions of(List<String> keyFiles, String keyEnv) {
        return new EncryptionOptions(keyFiles, blankToNull(keyEnv));
    }

    /** The options as configured (file and variable names only; nothing is read here). */
    public static EncryptionOptions from(ReadableConfig config) {
        List<String> files = new ArrayList<>();
        String value = config.get(KEY_FILE);
        if (value != null) {
            Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).forEach(files::add);
        }
        return of(files, config.get(KEY_ENV));
    }

    /** Whether any key source was given. */
    public boolean enabled() {
        return !keyFiles.isEmpty() || keyEnv != null;
    }

    public List<String> keyFiles() {
        return keyFiles;
    }

    public String keyEnv() {
        return keyEnv;
    }

    /** Every key given (files, every file of a folder, the variable); empty when none was given. */
    public KeyRing keys() throws IOException {
        return keys(System.getenv());
    }

    /** {@link #keys()} with the variable looked up in {@code environment}. */
    KeyRing keys(Map<String, String> environment) throws IOException {
        List<EncryptionKey> keys = new ArrayList<>();
        for (String file : keyFiles) {
            Path path = Paths.get(file);
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    for (Path entry : entries.sorted().toList()) {
                        if (Files.isRegularFile(entry) && !entry.getFileName().toString().startsWith(".")) {
                            keys.add(readFile(entry));
                        }
                    }
                }
            } else {
                keys.add(readFile(path));
            }
        }
        if (keyEnv != null) {
            keys.add(readEnv(environment));
        }
        return KeyRing.of(keys);
    }

    /**
     * The one key new files are written with, or null when no key was given: the variable's when
     * given, else the first key file's (which must be a file, not a folder). Other keys given only
     * read (a compaction of a rotated chain reads with every key and writes with the first).
     */
    public EncryptionKey writeKey() throws IOException {
        return writeKey(System.getenv());
    }

    /** {@link #writeKey()} with the variable looked up in {@code environment}. */
    EncryptionKey writeKey(Map<String, String> environment) throws IOException {
        if (!enabled()) {
            return null;
        }
        if (keyEnv == null && Files.isDirectory(Paths.get(keyFiles.get(0)))) {
            throw new IllegalArgumentException("new files are encrypted with the first --encryption-key-file, which"
                    + " must be a key file, not a folder (" + keyFiles.get(0) + "); give the key to write with first,"
                    + " or --encryption-key-env");
        }
        return keyEnv != null ? readEnv(environment) : readFile(Paths.get(keyFiles.get(0)));
    }

    private EncryptionKey readFile(Path path) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (IOException e) {
            throw new IOException("cannot read encryption key file " + path + ": " + e.getClass().getSimpleName()
                    + " (check --encryption-key-file; the file must be readable where the job runs)", e);
        }
        try {
            return EncryptionKey.parse(content, "encryption key file " + path);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    private EncryptionKey readEnv(Map<String, String> environment) {
        String value = environment.get(keyEnv);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("environment variable " + keyEnv + " (--encryption-key-env) is not set"
                    + " or empty where the job runs");
        }
        byte[] content = value.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try {
            return EncryptionKey.parse(content, "environment variable " + keyEnv);
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }

    /** The key sources by name, for messages: never a key. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        keyFiles.forEach(f -> parts.add("--encryption-key-file " + f));
        if (keyEnv != null) {
            parts.add("--encryption-key-env " + keyEnv);
        }
        return parts.isEmpty() ? "no key" : String.join(", ", parts);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncryptionOptions other && keyFiles.equals(other.keyFiles)
                && Objects.equals(keyEnv, other.keyEnv);
    }

    @Override
    public int hashCode() {
        return Objects.hash(keyFiles, keyEnv);
    }

    @Override
    public String toString() {
        return "EncryptionOptions{" + describe() + "}";
    }
}
