package io.aerobackup.config;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The arguments of a {@code flink run} entry point, {@code --key value} or {@code --key=value}, read
 * into a Flink {@link Configuration} of the given options (whose keys are the flags without
 * dashes), without a command-line library: the job jar must not need the CLI's. A boolean option
 * given without a value is true; a list option given twice is the two lists joined, as the
 * command line reads them.
 */
public final class JobArguments {
    private JobArguments() {
    }

    /** True when the arguments ask for the usage text. */
    public static boolean wantsHelp(String[] args) {
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /** The configuration the arguments give; an IllegalArgumentException names an unknown or bad one. */
    public static Configuration parse(String[] args, Collection<ConfigOption<?>> options) {
        Map<String, ConfigOption<?>> byKey = new LinkedHashMap<>();
        options.forEach(option -> byKey.put(option.key(), option));
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': options are --key value");
            }
            String key = arg.substring(2);
            String value = null;
            int equals = key.indexOf('=');
            if (equals >= 0) {
                value = key.substring(equals + 1);
                key = key.substring(0, equals);
            }
            ConfigOption<?> option = byKey.get(key);
            if (option == null) {
                throw new IllegalArgumentException("unknown option '--" + key + "'");
            }
            if (value == null) {
                boolean flag = isBoolean(option) && (i + 1 == args.length || args[i + 1].startsWith("--"));
                if (!flag && i + 1 == args.length) {
                    throw new IllegalArgumentException("missing value for option '--" + key + "'");
                }
                value = flag ? "true" : args[++i];
            }
            values.merge(key, value, (first, more) -> first + "," + more);
        }
        Configuration config = Configuration.fromMap(values);
        for (String key : values.keySet()) {
            ConfigOption<?> option = byKey.get(key);
            try {
                config.get(option);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid value '" + values.get(key) + "' for option '--" + key
                        + "'", e);
            }
        }
        return config;
    }

    /** One line per option: its flag and default, for a usage text. */
    public static String describe(Collection<ConfigOption<?>> options) {
        StringBuilder text = new StringBuilder();
        for (ConfigOption<?> option : options) {
            text.append("  --").append(option.key());
            if (option.hasDefaultValue()) {
                text.append(" (default ").append(option.defaultValue()).append(')');
            }
            text.append(System.lineSeparator());
        }
        return text.toString();
    }

    private static boolean isBoolean(ConfigOption<?> option) {
        return option.hasDefaultValue() && option.defaultValue() instanceof Boolean;
    }
}
