package io.aerobackup.job;

import io.aerobackup.config.JobArguments;
import io.aerobackup.execution.BadInputException;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

import java.util.Collection;

/**
 * What the {@code flink run} entry points share: read the arguments, print the usage on
 * {@code --help}, and turn failures into exit codes (2 for bad input, 1 for a failed run) as the
 * command line does.
 */
final class EntryPoint {
    static final int OK = 0;
    static final int RUN_FAILED = 1;
    static final int USAGE = 2;

    /** A run of the job the arguments configure. */
    interface Job {
        void run(Configuration config) throws Exception;
    }

    private EntryPoint() {
    }

    /** Ends the JVM with {@code code} unless it is {@link #OK} (flink run then returns normally). */
    static void exit(int code) {
        if (code != OK) {
            System.exit(code);
        }
    }

    static int run(String name, String[] args, Collection<ConfigOption<?>> options, Job job) throws Exception {
        if (JobArguments.wantsHelp(args)) {
            System.out.println("Usage: flink run -c io.aerobackup.job." + name + " <jar> [--option value]..."
                    + System.lineSeparator() + "Options (as the aerobackup command line's, see its --help):"
                    + System.lineSeparator() + JobArguments.describe(options));
            return OK;
        }
        try {
            job.run(JobArguments.parse(args, options));
            return OK;
        } catch (IllegalArgumentException | BadInputException e) {
            // Bad input, found reading the arguments or by the checks before the job (hosts, namespaces).
            System.err.println(name + ": " + e.getMessage());
            return USAGE;
        }
    }
}
