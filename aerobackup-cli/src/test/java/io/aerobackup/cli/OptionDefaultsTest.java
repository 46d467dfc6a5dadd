package io.aerobackup.cli;

import io.aerobackup.job.BackupJobOptions;
import io.aerobackup.restore.RestoreJobOptions;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each default is declared once, in a ConfigOption: the command line shows it in its help and
 * applies it when the option is left out, for every option of every command that has one.
 */
class OptionDefaultsTest {
    /** ConfigOptions that {@code flink run} takes but the command line leaves to their defaults. */
    private static final Set<String> NOT_ON_THE_COMMAND_LINE = Set.of(ParquetWriteOptions.PAGE_SIZE.key(),
            ParquetWriteOptions.PAGE_CHECKSUMS.key());

    /** Each command with its ConfigOptions and the least arguments it parses. */
    private static final List<Arguments> COMMANDS = List.of(
            Arguments.of("backup", BackupJobOptions.ALL,
                    new String[] {"--hosts", "h:3000", "--namespace", "test", "--to", "/b"}),
            Arguments.of("restore", RestoreJobOptions.ALL,
                    new String[] {"--hosts", "h:3000", "--namespace", "test", "--from", "/b"}),
            Arguments.of("compact", CompactCommand.OPTIONS, new String[] {"--to", "/b", "--namespace", "test"}),
            Arguments.of("import-asb", ParquetWriteOptions.OPTIONS,
                    new String[] {"--from", "/a", "--to", "/b", "--namespace", "test"}),
            Arguments.of("estimate", EstimateCommand.OPTIONS, new String[] {"--hosts", "h:3000", "--namespace", "test"}));

    static Stream<Arguments> optionsOfEachCommand() {
        return COMMANDS.stream().flatMap(command -> {
            Object[] a = command.get();
            @SuppressWarnings("unchecked")
            List<ConfigOption<?>> options = (List<ConfigOption<?>>) a[1];
            return options.stream().filter(o -> !NOT_ON_THE_COMMAND_LINE.contains(o.key()))
                    .map(o -> Arguments.of(a[0], o.key(), o, a[2]));
        });
    }

    @ParameterizedTest(name = "{0} --{1}")
    @MethodSource("optionsOfEachCommand")
    void theCommandLineDefaultIsTheConfigOptionDefault(String command, String key, ConfigOption<?> option,
            String[] required) {
        CommandLine root = AerobackupCli.newCommandLine();
        root.parseArgs(Stream.concat(Stream.of(command), Stream.of(required)).toArray(String[]::new));
        CommandLine cli = root.getSubcommands().get(command);
        OptionSpec flag = cli.getCommandSpec().findOption("--" + key);

        assertThat(flag).as("--%s is an option of %s", key, command).isNotNull();
        if (option.hasDefaultValue()) {
            assertThat(flag.defaultValueString()).as("shown default")
                    .isEqualTo(ConfigOptionDefaults.text(option.defaultValue()));
            assertThat((Object) flag.getValue()).as("applied default").isEqualTo(option.defaultValue());
        } else {
            Object applied = flag.getValue();
            assertThat(flag.required() || applied == null || applied instanceof java.util.Collection<?> c && c.isEmpty())
                    .as("the command line invents no default for --%s, was %s", key, applied).isTrue();
        }
    }
}
