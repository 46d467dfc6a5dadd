package io.aerobackup.job.changefeed;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.FullSnapshotTriggers;
import io.aerobackup.source.changefeed.Round;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.JobVertex;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** The job graph: records go from the source to the writers without serialization unless deletes are captured. */
class ChangeFeedPipelineTest {
    private static final Round ROUND = new Round(1, BackupManifest.FULL, "20261202T000000000Z-full-0001", null, null,
            null, 0L, null, null, false);

    @Test
    void aBoundedBackupChainsSourceAndWriters() {
        List<String> vertices = vertices(ChangeFeedOptions.oneRound("file:///tmp/c", Duration.ofSeconds(10), ROUND,
                Clock.systemUTC()));

        assertThat(vertices).hasSize(2);
        assertThat(vertices).anySatisfy(name -> assertThat(name).contains("aerospike-scan-test")
                .contains("parquet-rounds"));
        assertThat(vertices).anySatisfy(name -> assertThat(name).contains("round-committer"));
    }

    @Test
    void theFeedWithoutDeleteCaptureChainsThemToo() {
        List<String> vertices = vertices(new ChangeFeedOptions("file:///tmp/c", Duration.ofSeconds(5),
                Duration.ofSeconds(1), false, FullSnapshotTriggers.of(null, 0, 0, 0), Clock.systemUTC()));

        assertThat(vertices).anySatisfy(name -> assertThat(name).contains("aerospike-change-feed-test")
                .contains("parquet-rounds"));
    }

    private static List<String> vertices(ChangeFeedOptions feed) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ChangeFeedPipeline.build(env, BackupTestSupport.spec("127.0.0.1:1", ScanOptions.builder("test").build(),
                "file:///tmp/c", 2, Duration.ofSeconds(10)), feed, null, UnaryOperator.identity());
        JobGraph graph = env.getStreamGraph().getJobGraph();
        List<String> names = new ArrayList<>();
        for (JobVertex vertex : graph.getVertices()) {
            names.add(vertex.getName());
        }
        return names;
    }
}
