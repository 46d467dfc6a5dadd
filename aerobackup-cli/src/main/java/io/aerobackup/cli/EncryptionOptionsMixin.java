package io.aerobackup.cli;

import io.aerobackup.crypto.EncryptionChecks;
import io.aerobackup.crypto.EncryptionOptions;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.execution.BadInputException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the encryption keys are, for every command that writes or reads backup files. Declarations
 * only: {@link GivenOptions} reads them into {@code EncryptionOptions}' ConfigOptions. A key is never
 * a command-line value (it would show in the process list): only a file or a variable's name.
 */
public final class EncryptionOptionsMixin {
    @Option(names = "--encryption-key-file", paramLabel = "FILE",
            description = {"Encrypt (backup, compact) or decrypt with the AES key in FILE: base64 text of a 128, 192"
                    + " or 256-bit key (e.g. from 'openssl rand -base64 32'), or its 16, 24 or 32 raw bytes.",
                "Repeatable, and FILE may be a folder of key files: a chain written with several keys (key rotation)"
                    + " is read with all of them, each backup finding its own by key id. New files are encrypted"
                    + " with the first key file given (or --encryption-key-env)."})
    List<String> keyFiles = new ArrayList<>();

    @Option(names = "--encryption-key-env", paramLabel = "VAR",
            description = "Read an encryption key (base64) from the environment variable VAR.")
    String keyEnv;

    /** The options as the layers below read them (file and variable names, never a key). */
    EncryptionOptions options(CommandSpec spec) {
        return EncryptionOptions.from(GivenOptions.of(spec, EncryptionOptions.OPTIONS));
    }

    /** The keys given, read now; a missing or malformed key is bad input (exit 2). */
    KeyRing keyRing(CommandSpec spec) {
        try {
            return EncryptionChecks.readKeys(options(spec));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
