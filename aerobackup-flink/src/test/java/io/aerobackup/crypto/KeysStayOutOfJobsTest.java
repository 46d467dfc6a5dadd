package io.aerobackup.crypto;

import io.aerobackup.catalog.CatalogFixture;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.catalog.RestoreChain;
import io.aerobackup.config.ScanOptions;
import io.aerobackup.job.spec.BackupSpec;
import io.aerobackup.job.changefeed.ChangeFeedPipeline;
import io.aerobackup.restore.ChainReader;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.source.changefeed.ChangeFeedOptions;
import io.aerobackup.source.changefeed.Round;
import io.aerobackup.source.reader.ScanProgress;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job graphs and configurations of encrypted backups and restores (what Flink's web UI and
 * REST API show, and what is shipped to the task managers) hold the key file's name, never the key.
 */
class KeysStayOutOfJobsTest {
    private static final byte[] KEY = "a-key-that-must-never-be-shipped".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    java.nio.file.Path dir;

    private String keyFile() throws Exception {
        java.nio.file.Path file = dir.resolve("backup.key");
        Files.write(file, Base64.getEncoder().encode(KEY));
        return file.toString();
    }

    private void assertNoKeyIn(StreamExecutionEnvironment env, String keyFile) throws Exception {
        JobGraph graph = env.getStreamGraph().getJobGraph();
        String shipped = new String(InstantiationUtil.serializeObject(graph), StandardCharsets.ISO_8859_1)
                + graph.getJobConfiguration() + env.getConfiguration();
        assertThat(shipped).contains(keyFile);
        EncryptionKey key = EncryptionKey.of(KEY);
        for (byte[] secret : List.of(KEY, Base64.getEncoder().encode(KEY), key.dataKey(), key.manifestKey(),
                Base64.getEncoder().encode(key.dataKey()))) {
            assertThat(shipped).doesNotContain(new String(secret, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void anEncryptedBackupJobShipsOnlyTheKeyFilesName() throws Exception {
        String keyFile = keyFile();
        BackupSpec plain = BackupTestSupport.spec("127.0.0.1:3000", ScanOptions.builder("test").build(),
                dir.resolve("cat").toString(), 1, Duration.ZERO);
        BackupSpec spec = new BackupSpec(plain.connection(), plain.scan(), plain.destination(),
                ParquetWriteOptions.builder().encryption(EncryptionOptions.of(List.of(keyFile), null)).build(),
                plain.maxFileBytes(), 1, Duration.ZERO, plain.optionsUsed(), plain.incremental());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        Round round = new Round(1, "full", "20260101T000000Z-full-abcd", null, null, null,
                Instant.now().toEpochMilli(), null, null, false);
        ChangeFeedPipeline.build(env, spec, ChangeFeedOptions.oneRound(spec.destination(), Duration.ZERO, round,
                Clock.systemUTC()), new ScanProgress("keys-test"), UnaryOperator.identity());
        assertNoKeyIn(env, keyFile);
    }

    @Test
    void anEncryptedRestoreJobShipsOnlyTheKeyFilesName() throws Exception {
        String keyFile = keyFile();
        CatalogFixture fixture = new CatalogFixture(dir.resolve("restore"));
        fixture.standardChain();
        RestoreChain chain = ChainResolver.resolve(fixture.catalog(), CatalogFixture.NS, CatalogFixture.DELTA2);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
        ChainReader.newestVersions(env, fixture.catalog(), chain, EncryptionOptions.of(List.of(keyFile), null))
                .rows().sinkTo(new DiscardingSink<>());
        assertNoKeyIn(env, keyFile);
    }
}
