package io.aerobackup.cli;

import io.aerobackup.objectstore.ObjectStoreFileSystems;
import io.aerobackup.objectstore.ObjectStoreLocations;
import io.aerobackup.objectstore.ObjectStoreProbe;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.RunLast;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a command after setting up Flink's file systems for it: the run's Flink configuration
 * ({@link FlinkConfigurationLoader}) and, when an option or the configuration names an object store
 * ({@code s3://...}), the S3 plugin, whose locations on the command line are then probed so that a
 * missing bucket or bad credentials fail before anything runs. Runs without an object store never
 * load the plugin.
 */
final class FileSystemsBeforeRun implements IExecutionStrategy {
    private final Map<String, String> environment;
    private final FlinkConfigurationLoader configuration;

    FileSystemsBeforeRun(Map<String, String> environment, FlinkConfigurationLoader configuration) {
        this.environment = environment;
        this.configuration = configuration;
    }

    @Override
    public int execute(ParseResult parsed) {
        Integer help = CommandLine.executeHelpRequest(parsed);
        if (help != null) {
            return help;
        }
        if (parsed.hasSubcommand()) {
            ParseResult command = last(parsed);
            try {
                Configuration config = configuration.load(environment);
                List<URI> named = ObjectStoreLocations.in(optionValues(command));
                boolean objectStore = !named.isEmpty() || !ObjectStoreLocations.in(config.toMap().values()).isEmpty();
                ObjectStoreFileSystems.initialize(config, environment, objectStore);
                ObjectStoreProbe probe = new ObjectStoreProbe(config, environment);
                named.forEach(probe::check);
            } catch (RuntimeException e) {
                throw new ExecutionException(command.commandSpec().commandLine(), e.getMessage(), e);
            }
        }
        return new RunLast().execute(parsed);
    }

    private static ParseResult last(ParseResult parsed) {
        ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last;
    }

    private static List<String> optionValues(ParseResult command) {
        List<String> values = new ArrayList<>();
        for (OptionSpec option : command.matchedOptions()) {
            values.addAll(option.stringValues());
        }
        return values;
    }
}
