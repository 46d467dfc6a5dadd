package io.aerobackup.restore.sink;

import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.restore.record.RestoreRecord;
import io.aerobackup.restore.record.RestoreRecordTypeInfo;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.time.Duration;
import java.util.List;

/** Builds the test job: rows from a list into the Aerospike sink. */
final class RestoreJobs {
    private RestoreJobs() {
    }

    static StreamExecutionEnvironment env(List<RestoreRecord> rows, String hosts, RestoreWriteOptions options,
                                          RestoreCounters counters) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromData(rows, RestoreRecordTypeInfo.INSTANCE)
                .rebalance()
                .sinkTo(new AerospikeSink(new ConnectionOptions(hosts, Duration.ofSeconds(5)), options, counters));
        return env;
    }

    static void run(List<RestoreRecord> rows, String hosts, RestoreWriteOptions options, RestoreCounters counters)
            throws Exception {
        env(rows, hosts, options, counters).execute("restore-sink-test");
    }

    static JobClient start(List<RestoreRecord> rows, String hosts, RestoreWriteOptions options,
                           RestoreCounters counters) throws Exception {
        return env(rows, hosts, options, counters).executeAsync("restore-sink-test");
    }
}
