package io.aerobackup.cli;

import io.aerobackup.cluster.PromptedPasswords;
import io.aerobackup.config.SecurityOptions;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

import java.io.Console;
import java.util.Map;
import java.util.function.Function;

/**
 * Asks for the password at the terminal when {@code --password} is given without a value, or when
 * {@code --user} is given with no other password source and AEROSPIKE_PASSWORD is not set. The
 * typed password stays in this process ({@link PromptedPasswords}); the job gets a reference.
 */
final class PasswordPrompt {
    /** What picocli puts in {@code --password} when it was given without a value. */
    static final String PROMPT = "\u0000prompt";

    /** Reads a password with the prompt given, input hidden; null when there is no terminal (tests replace it). */
    static Function<String, char[]> terminal = prompt -> {
        Console console = System.console();
        return console == null ? null : console.readPassword("%s", prompt);
    };

    private PasswordPrompt() {
    }

    /** Adds a prompted password's reference to {@code values} when one is needed. */
    static void complete(CommandSpec spec, Map<String, String> values) {
        OptionSpec option = spec.findOption("--password");
        if (option == null) {
            return;
        }
        boolean asked = spec.commandLine().getParseResult().hasMatchedOption("--password");
        if (asked && !PROMPT.equals(option.getValue())) {
            // The value is never repeated: it would land in the terminal, logs and CI output.
            throw new ParameterException(spec.commandLine(), "--password takes no value: a password on the command"
                    + " line shows in the process list; use --password-file FILE, --password-env VAR, or --password"
                    + " alone to be prompted");
        }
        String user = values.get(SecurityOptions.USER.key());
        boolean otherSource = values.containsKey(SecurityOptions.PASSWORD_FILE.key())
                || values.containsKey(SecurityOptions.PASSWORD_ENV.key());
        if (asked && otherSource) {
            throw new ParameterException(spec.commandLine(),
                    "--password (prompt) cannot be combined with --password-file or --password-env");
        }
        if (user == null || otherSource) {
            if (asked && user == null) {
                throw new ParameterException(spec.commandLine(), "--password needs --user");
            }
            return;
        }
        if (!asked && System.getenv(SecurityOptions.DEFAULT_PASSWORD_ENV) != null) {
            return; // SecurityOptions reads AEROSPIKE_PASSWORD
        }
        char[] typed = terminal.apply("Password for " + user + ": ");
        if (typed == null) {
            throw new ParameterException(spec.commandLine(), "--user " + user + " needs a password and there is no"
                    + " terminal to prompt on: give --password-file FILE or --password-env VAR (or set "
                    + SecurityOptions.DEFAULT_PASSWORD_ENV + ")");
        }
        if (typed.length == 0) {
            throw new ParameterException(spec.commandLine(), "no password was typed for user " + user);
        }
        try {
            values.put(SecurityOptions.PASSWORD_PROMPTED.key(), PromptedPasswords.keep(typed));
        } finally {
            java.util.Arrays.fill(typed, '\0');
        }
    }
}
