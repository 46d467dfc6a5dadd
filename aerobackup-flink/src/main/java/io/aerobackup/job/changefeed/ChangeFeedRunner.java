package io.aerobackup.job.changefeed;

import io.aerobackup.catalog.Catalog;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.spec.Preflight;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FeedElement;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.UnaryOperator;

/**
 * Starts the continuous change feed: checks the input before anything is written (hosts,
 * namespace, sets, destination), then submits the unbounded job. It runs until cancelled or
 * stopped with a savepoint, and resumes from one without a gap.
 */
public final class ChangeFeedRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedRunner.class);

    private ChangeFeedRunner() {
    }

    public static JobClient start(StreamExecutionEnvironment env, BackupSpec spec, ChangeFeedOptions feed,
                                  UnaryOperator<DataStream<FeedElement>> between) throws Exception {
        prepare(env, spec, feed, between);
        LOG.info("change feed of namespace {} to {} starting: rounds every {}, checkpoints every {}{}",
                spec.scan().namespace(), spec.destination(), feed.interval(), spec.checkpointInterval(),
                feed.captureDeletes() ? ", capturing deletes" : "");
        return env.executeAsync("aerobackup change feed " + spec.scan().namespace());
    }

    /** Checks the input and adds the pipeline to {@code env} without running it (flink run uses this). */
    public static void prepare(StreamExecutionEnvironment env, BackupSpec spec, ChangeFeedOptions feed,
                               UnaryOperator<DataStream<FeedElement>> between) throws Exception {
        if (spec.checkpointInterval().isZero() || spec.checkpointInterval().isNegative()) {
            throw new BadInputException("the change feed commits its backups on checkpoints: give a positive"
                    + " --checkpoint-interval (for example 10s)");
        }
        if (spec.scan().maxRecords() > 0) {
            throw new BadInputException("--max-records samples a full backup; it cannot be used with --continuous");
        }
        Preflight.check(spec);
        try {
            new Catalog(new Path(spec.destination())).prepareForWriting();
        } catch (Catalog.CatalogException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        RestartPolicy.applyDefaultIfUnset(env, true);
        if (spec.parallelism() > 0) {
            env.setParallelism(spec.parallelism());
        }
        env.enableCheckpointing(spec.checkpointInterval().toMillis());
        ChangeFeedPipeline.build(env, spec, feed, null, between);
    }
}
