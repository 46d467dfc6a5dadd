package io.aerobackup.job;

import io.aerobackup.record.BackupRecord;
import org.apache.flink.streaming.api.functions.sink.filesystem.PartFileInfo;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Data files roll at about --file-size, asking the file for its size once per batch of records. */
class SizeAndCheckpointRollingPolicyTest {
    /** A part file whose size the test sets and whose size requests it counts. */
    private static final class FakePartFile implements PartFileInfo<String> {
        long size;
        int sizeRequests;

        @Override
        public String getBucketId() {
            return "";
        }

        @Override
        public long getCreationTime() {
            return 0;
        }

        @Override
        public long getSize() {
            sizeRequests++;
            return size;
        }

        @Override
        public long getLastUpdateTime() {
            return 0;
        }
    }

    private static int eventsUntilRoll(BackupPipeline.SizeAndCheckpointRollingPolicy policy, FakePartFile file,
                                       int limit) throws Exception {
        for (int i = 1; i <= limit; i++) {
            if (policy.shouldRollOnEvent(file, (BackupRecord) null)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void rollsOnceTheFileReachesItsSizeWithinOneCheckInterval() throws Exception {
        BackupPipeline.SizeAndCheckpointRollingPolicy policy = new BackupPipeline.SizeAndCheckpointRollingPolicy(1000);
        FakePartFile file = new FakePartFile();
        file.size = 999;
        assertThat(eventsUntilRoll(policy, file, 10 * BackupPipeline.SizeAndCheckpointRollingPolicy.CHECK_EVERY))
                .as("below the limit it never rolls").isEqualTo(-1);
        assertThat(file.sizeRequests).as("one size request per check interval").isEqualTo(10);
        file.size = 1000;
        int events = eventsUntilRoll(policy, file, 10 * BackupPipeline.SizeAndCheckpointRollingPolicy.CHECK_EVERY);
        assertThat(events).isBetween(1, BackupPipeline.SizeAndCheckpointRollingPolicy.CHECK_EVERY);
    }

    @Test
    void withoutASizeLimitOnlyCheckpointsRollFiles() throws Exception {
        BackupPipeline.SizeAndCheckpointRollingPolicy policy = new BackupPipeline.SizeAndCheckpointRollingPolicy(0);
        FakePartFile file = new FakePartFile();
        file.size = Long.MAX_VALUE;
        assertThat(eventsUntilRoll(policy, file, 5000)).isEqualTo(-1);
        assertThat(file.sizeRequests).isZero();
        assertThat(policy.shouldRollOnCheckpoint(file)).isTrue();
    }
}
