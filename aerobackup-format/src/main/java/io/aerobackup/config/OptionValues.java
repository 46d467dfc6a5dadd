package io.aerobackup.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads options whose key is the command-line flag without its dashes (the convention of every
 * ConfigOption a command line or {@code flink run} fills), so errors name the flag the user typed.
 */
public final class OptionValues {
    private OptionValues() {
    }

    /** The flag that sets {@code option}: {@code --} and its key. */
    public static String flag(ConfigOption<?> option) {
        return "--" + option.key();
    }

    /** The value of an option without a default, or an error naming its flag. */
    public static String required(ReadableConfig config, ConfigOption<String> option) {
        String value = config.get(option);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(flag(option) + " is required");
        }
        return value;
    }

    /** A comma-separated list (as {@code --set a,b}); empty when the option is not set. */
    public static List<String> list(ReadableConfig config, ConfigOption<String> option) {
        String value = config.get(option);
        List<String> items = new ArrayList<>();
        if (value != null && !value.isEmpty()) {
            for (String item : value.split(",", -1)) {
                items.add(item.trim());
            }
        }
        return items;
    }
}
