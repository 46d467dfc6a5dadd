package io.aerobackup.cli;

import org.apache.flink.configuration.ConfigOption;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Gives a command's options the defaults of the ConfigOptions that the layers below declare (an
 * option {@code --x} takes the default of the ConfigOption keyed {@code x}), so each default is
 * declared once and {@code ${DEFAULT-VALUE}} in the help shows it. A command names its options with
 * a subclass that has a no-argument constructor, as picocli's {@code defaultValueProvider} wants.
 */
abstract class ConfigOptionDefaults implements IDefaultValueProvider {
    private final Map<String, ConfigOption<?>> byFlag = new HashMap<>();

    ConfigOptionDefaults(Collection<ConfigOption<?>> options) {
        for (ConfigOption<?> option : options) {
            if (byFlag.put("--" + option.key(), option) != null) {
                throw new IllegalStateException("two options keyed " + option.key());
            }
        }
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (!(arg instanceof OptionSpec)) {
            return null;
        }
        ConfigOption<?> option = byFlag.get(((OptionSpec) arg).longestName());
        return option == null || !option.hasDefaultValue() ? null : text(option.defaultValue());
    }

    /** As the user would type it: 30, not 30.0. */
    static String text(Object value) {
        if (value instanceof Double && (Double) value == Math.rint((Double) value)) {
            return Long.toString(((Double) value).longValue());
        }
        return String.valueOf(value);
    }
}
