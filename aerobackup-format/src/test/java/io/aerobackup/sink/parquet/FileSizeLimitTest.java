package io.aerobackup.sink.parquet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Data files roll at about --file-size, asking the file for its size once per batch of records. */
class FileSizeLimitTest {
    /** A file whose size the test sets and whose size requests it counts. */
    private static final class FakeFile implements FileSizeLimit.Size {
        long size;
        int sizeRequests;

        @Override
        public long bytes() {
            sizeRequests++;
            return size;
        }
    }

    private static int recordsUntilRoll(FileSizeLimit limit, FakeFile file, int max) throws Exception {
        for (int i = 1; i <= max; i++) {
            if (limit.reached(file)) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void rollsOnceTheFileReachesItsSizeWithinOneCheckInterval() throws Exception {
        FileSizeLimit limit = new FileSizeLimit(1000);
        FakeFile file = new FakeFile();
        file.size = 999;
        assertThat(recordsUntilRoll(limit, file, 10 * FileSizeLimit.CHECK_EVERY))
                .as("below the limit it never rolls").isEqualTo(-1);
        assertThat(file.sizeRequests).as("one size request per check interval").isEqualTo(10);
        file.size = 1000;
        int records = recordsUntilRoll(limit, file, 10 * FileSizeLimit.CHECK_EVERY);
        assertThat(records).isBetween(1, FileSizeLimit.CHECK_EVERY);
    }

    @Test
    void withoutASizeLimitItNeverAsks() throws Exception {
        FileSizeLimit limit = new FileSizeLimit(0);
        FakeFile file = new FakeFile();
        file.size = Long.MAX_VALUE;
        assertThat(recordsUntilRoll(limit, file, 5000)).isEqualTo(-1);
        assertThat(file.sizeRequests).isZero();
    }
}
