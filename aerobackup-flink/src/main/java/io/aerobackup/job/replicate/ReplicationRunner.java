package io.aerobackup.job.replicate;

import io.aerobackup.catalog.Catalog;
import io.aerobackup.execution.BadInputException;
import io.aerobackup.execution.RestartPolicy;
import io.aerobackup.job.spec.Preflight;
import io.aerobackup.source.changefeed.FeedElement;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Starts a replication job: checks both clusters before anything is written (source hosts,
 * namespace and sets; destination hosts and namespace; the catalog with {@code backupTo}), then
 * submits the unbounded job. It runs until cancelled or stopped with a savepoint, and resumes from
 * one without a gap.
 */
public final class ReplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicationRunner.class);

    private ReplicationRunner() {
    }

    /** Checks, builds and submits the job; returns at once. */
    public static JobClient start(StreamExecutionEnvironment env, ReplicationSpec spec) throws Exception {
        return start(env, spec, UnaryOperator.identity());
    }

    /**
     * As {@link #start(StreamExecutionEnvironment, ReplicationSpec)}; {@code between} may transform
     * the stream before the appliers (tests inject failures there).
     */
    public static JobClient start(StreamExecutionEnvironment env, ReplicationSpec spec,
                                  UnaryOperator<DataStream<FeedElement>> between) throws Exception {
        ReplicationSpec checked = prepare(env, spec, between);
        LOG.info("replication of namespace {} to namespace {} at {} starting: rounds every {}, checkpoints every {}{}",
                checked.scan().namespace(), checked.destinationNamespace(), checked.destination().hosts(),
                checked.interval(), checked.checkpointInterval(),
                checked.backsUp() ? ", backups to " + checked.backupTo() : "");
        return env.executeAsync(jobName(checked));
    }

    /**
     * Checks the input and adds the pipeline to {@code env} without running it ({@code flink run}
     * uses this); returns the spec as the job runs it (durable deletes on when the destination is
     * Enterprise Edition).
     */
    public static ReplicationSpec prepare(StreamExecutionEnvironment env, ReplicationSpec spec) throws Exception {
        return prepare(env, spec, UnaryOperator.identity());
    }

    private static ReplicationSpec prepare(StreamExecutionEnvironment env, ReplicationSpec spec,
                                           UnaryOperator<DataStream<FeedElement>> between) throws Exception {
        Preflight.check(spec.backupSpec());
        ReplicationSpec checked = spec.withWrite(Preflight.checkTarget(spec.destination(), spec.write(),
                "--to-hosts"));
        if (checked.backsUp()) {
            try {
                new Catalog(new Path(checked.backupTo())).prepareForWriting();
            } catch (Catalog.CatalogException e) {
                throw new BadInputException("--backup-to: " + e.getMessage(), e);
            }
        }
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        RestartPolicy.applyDefaultIfUnset(env, true);
        if (checked.parallelism() > 0) {
            env.setParallelism(checked.parallelism());
        }
        env.enableCheckpointing(checked.checkpointInterval().toMillis());
        ReplicationPipeline.build(env, checked, Clock.systemUTC(), between);
        return checked;
    }

    public static String jobName(ReplicationSpec spec) {
        return "aerobackup replicate " + spec.scan().namespace() + " to " + spec.destinationNamespace();
    }
}
