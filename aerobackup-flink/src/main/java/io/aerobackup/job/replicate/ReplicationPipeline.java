package io.aerobackup.job.replicate;

import io.aerobackup.job.changefeed.ChangeFeedPipeline;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.ChangeFeedSource;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.FeedElementTypeInfo;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The replication data flow: the change feed's rounds source (a full round, then deltas with delete
 * capture), the delete detector keyed by partition, the appliers chained to it (they write the
 * destination cluster) and one committer that marks rounds applied. With {@code backupTo} the same
 * stream also goes to the change feed's Parquet writers and round committer, so one job keeps a
 * standby and a catalog of backups.
 */
public final class ReplicationPipeline {
    private ReplicationPipeline() {
    }

    public static void build(StreamExecutionEnvironment env, ReplicationSpec spec) {
        build(env, spec, Clock.systemUTC(), UnaryOperator.identity());
    }

    /**
     * {@code clock} times rounds and apply spans; {@code between} may transform the stream before
     * the appliers (tests inject failures there).
     */
    public static void build(StreamExecutionEnvironment env, ReplicationSpec spec, Clock clock,
                             UnaryOperator<DataStream<FeedElement>> between) {
        ChangeFeedOptions feed = feed(spec, clock);
        DataStream<FeedElement> changes = ChangeFeedPipeline.detectDeletes(env.fromSource(
                new ChangeFeedSource(spec.source(), spec.scan(), feed), WatermarkStrategy.noWatermarks(),
                "aerospike-replication-" + spec.scan().namespace()).uid("replication-source"), feed, true);
        changes = between.apply(changes);
        changes.transform("replication-applier", FeedElementTypeInfo.INSTANCE, new ReplicationApplier(spec, clock))
                .uid("replication-applier")
                .transform("replication-committer", Types.VOID, new ReplicationCommitter(spec, clock))
                .uid("replication-committer").setParallelism(1).setMaxParallelism(1);
        if (spec.backsUp()) {
            ChangeFeedPipeline.commitBackups(changes, spec.backupSpec(), feed);
        }
    }

    /** The feed of a replication: always a full round first, deletes captured. */
    static ChangeFeedOptions feed(ReplicationSpec spec, Clock clock) {
        return ChangeFeedOptions.replication(spec.backupTo(), spec.interval(), spec.skewMargin(), clock);
    }
}
