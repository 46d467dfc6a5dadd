package io.aerobackup.job.changefeed;

import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.ChangeFeedSource;
import io.aerobackup.source.changefeed.FeedElement;
import io.aerobackup.source.changefeed.FeedElementTypeInfo;
import io.aerobackup.source.reader.ScanProgress;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.util.function.UnaryOperator;

/**
 * The one backup data flow: rounds source, (with delete capture) the delete detector keyed by
 * partition, the Parquet writers, and one committer that writes a manifest per finished round. The
 * continuous feed runs rounds until stopped; a full or incremental backup runs one planned round
 * ({@link ChangeFeedOptions#bounded()}) and commits it at the end of its input. Source and writers
 * are chained (no serialization between them) unless the delete detector sits between.
 */
public final class ChangeFeedPipeline {
    private ChangeFeedPipeline() {
    }

    /**
     * {@code between} may transform the stream before the writers (tests inject failures there);
     * {@code progress} (nullable) counts for a progress line in this JVM.
     */
    public static void build(StreamExecutionEnvironment env, BackupSpec spec, ChangeFeedOptions feed,
                             ScanProgress progress, UnaryOperator<DataStream<FeedElement>> between) {
        String namespace = spec.scan().namespace();
        DataStream<FeedElement> stream = env.fromSource(
                new ChangeFeedSource(spec.connection(), spec.scan(), feed, progress), WatermarkStrategy.noWatermarks(),
                (feed.bounded() ? "aerospike-scan-" : "aerospike-change-feed-") + namespace);
        if (feed.captureDeletes()) {
            stream = detectDeletes(stream, feed);
        }
        commitBackups(between.apply(stream), spec, feed);
    }

    /** The delete detector, keyed by partition: vanished digests become DELETE changes. */
    public static DataStream<FeedElement> detectDeletes(DataStream<FeedElement> stream, ChangeFeedOptions feed) {
        return detectDeletes(stream, feed, false);
    }

    /**
     * The same, handing on each partition's digests at the end of a full round when
     * {@code handOnFullRoundDigests} (replication: see {@link DeleteDetector}).
     */
    public static DataStream<FeedElement> detectDeletes(DataStream<FeedElement> stream, ChangeFeedOptions feed,
                                                        boolean handOnFullRoundDigests) {
        return stream.keyBy(FeedElement::partition, Types.INT)
                .process(new DeleteDetector(feed.clock(), handOnFullRoundDigests), FeedElementTypeInfo.INSTANCE)
                .name("delete-detector").uid("delete-detector");
    }

    /** The Parquet writers and the committer that writes one backup per finished round into {@code spec}'s catalog. */
    public static void commitBackups(DataStream<FeedElement> stream, BackupSpec spec, ChangeFeedOptions feed) {
        stream.transform("parquet-rounds", FeedElementTypeInfo.INSTANCE,
                        new RoundFileWriter(spec.destination(), spec.scan().namespace(), spec.parquet(),
                                spec.maxFileBytes()))
                .uid("parquet-rounds")
                .transform("round-committer", Types.VOID, new RoundCommitter(spec.connection(), spec.scan(),
                        spec.destination(), spec.parquet(), spec.optionsUsed(), feed))
                .uid("round-committer").setParallelism(1).setMaxParallelism(1);
    }
}
