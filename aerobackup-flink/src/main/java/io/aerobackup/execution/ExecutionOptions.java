package io.aerobackup.execution;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

import java.util.List;

/** How a backup, restore or compaction job runs on Flink, beyond its restart policy. */
public final class ExecutionOptions {
    /** 0: the environment's default. The key is the command line's flag without dashes. */
    public static final ConfigOption<Integer> PARALLELISM = ConfigOptions.key("parallelism").intType().defaultValue(0);
    public static final List<ConfigOption<?>> OPTIONS = List.of(PARALLELISM);

    private ExecutionOptions() {
    }
}
