package io.aerobackup.job.replicate;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The replication data flow (work in progress). */
public final class ReplicationPipeline {
    private ReplicationPipeline() {
    }

    public static void build(StreamExecutionEnvironment env, ReplicationSpec spec) {
        throw new UnsupportedOperationException("replication is not implemented yet");
    }
}
