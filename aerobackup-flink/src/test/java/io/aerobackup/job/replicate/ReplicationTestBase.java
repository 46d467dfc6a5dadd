package io.aerobackup.job.replicate;

import io.aerobackup.testutils.AerospikeTestCluster;
import io.aerobackup.testutils.RunningJobs;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the replication job tests share: a Flink mini-cluster with two slots, the source cluster (the
 * normal fixture: a real one with AEROSPIKE_HOSTS), and the jobs started (cancelled after each
 * test). Each test class adds its destination, always embedded.
 */
abstract class ReplicationTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = ReplicationTestSupport.flink();

    @RegisterExtension
    static final AerospikeTestCluster SOURCE = AerospikeTestCluster.create();

    @RegisterExtension
    final RunningJobs jobs = new RunningJobs();

    @TempDir
    java.nio.file.Path temp;

    /** Starts {@code spec}'s job, from {@code savepoint} when not null. */
    JobClient start(ReplicationSpec spec, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        return jobs.add(ReplicationRunner.start(StreamExecutionEnvironment.getExecutionEnvironment(conf), spec));
    }
}
