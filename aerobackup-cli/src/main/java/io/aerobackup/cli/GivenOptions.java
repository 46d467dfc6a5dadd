package io.aerobackup.cli;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The options the user gave a command, as the Flink {@link Configuration} the layers below read:
 * the same configuration {@code flink run} builds from the same arguments, so both validate and
 * default alike. Options left out keep their ConfigOption's default; options that are not among
 * {@code options} (such as {@code --json}) stay with the command.
 */
final class GivenOptions {
    private GivenOptions() {
    }

    static Configuration of(CommandSpec spec, Collection<ConfigOption<?>> options) {
        Set<String> keys = options.stream().map(ConfigOption::key).collect(Collectors.toSet());
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionSpec given : spec.commandLine().getParseResult().matchedOptions()) {
            String key = given.longestName().substring("--".length());
            if (keys.contains(key)) {
                values.put(key, text(given.getValue()));
            }
        }
        if (keys.contains(io.aerobackup.config.SecurityOptions.USER.key())) {
            PasswordPrompt.complete(spec, values);
        }
        return Configuration.fromMap(values);
    }

    /** Lists as the comma-separated text the ConfigOptions hold. */
    private static String text(Object value) {
        if (value instanceof List<?>) {
            return ((List<?>) value).stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }
}
