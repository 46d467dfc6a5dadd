package io.aerobackup.job;

import io.aerobackup.job.replicate.ReplicationSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The replication entry point's arguments: read into a spec, and every bad one named (no cluster contacted). */
class ReplicateJobTest {
    private static final String[] BASE = {"--hosts", "src:3000", "--namespace", "test,standby", "--to-hosts",
        "dst:3000"};

    private static String[] with(String... more) {
        String[] all = new String[BASE.length + more.length];
        System.arraycopy(BASE, 0, all, 0, BASE.length);
        System.arraycopy(more, 0, all, BASE.length, more.length);
        return all;
    }

    @Test
    void theArgumentsBecomeASpec() {
        ReplicationSpec spec = ReplicateJob.check(with("--set", "a,b", "--interval", "5", "--checkpoint-interval",
                "2", "--backup-to", "file:///tmp/catalog", "--status-to", "file:///tmp/status.json", "--parallelism",
                "3", "--batch-size", "50", "--to-tls-enable", "--to-user", "admin", "--to-password-env", "DST_PW"));
        assertThat(spec.scan().namespace()).isEqualTo("test");
        assertThat(spec.scan().sets()).containsExactly("a", "b");
        assertThat(spec.destinationNamespace()).isEqualTo("standby");
        assertThat(spec.write().namespace()).isEqualTo("standby");
        assertThat(spec.destination().hosts()).isEqualTo("dst:3000");
        assertThat(spec.destination().security().tls()).isTrue();
        assertThat(spec.destination().security().user()).isEqualTo("admin");
        assertThat(spec.source().security().tls()).as("the source's options are its own").isFalse();
        assertThat(spec.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.checkpointInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(spec.backupTo()).isEqualTo("file:///tmp/catalog");
        assertThat(spec.parquet()).isNotNull();
        assertThat(spec.statusTo()).isEqualTo("file:///tmp/status.json");
        assertThat(spec.parallelism()).isEqualTo(3);
        assertThat(spec.write().batchSize()).isEqualTo(50);
        assertThat(spec.optionsUsed()).doesNotContainKey("to-password-env").containsKey("replicatedTo");
    }

    @Test
    void oneNamespaceReplicatesIntoTheSameName() {
        ReplicationSpec spec = ReplicateJob.check("--hosts", "src:3000", "--namespace", "test", "--to-hosts",
                "dst:3000");
        assertThat(spec.destinationNamespace()).isEqualTo("test");
        assertThat(spec.backupTo()).isNull();
        assertThat(spec.statusTo()).isNull();
    }

    @Test
    void withBackupsTheStatusFileDefaultsToTheCatalog() {
        ReplicationSpec spec = ReplicateJob.check("--hosts", "src:3000", "--namespace", "test,standby", "--to-hosts",
                "dst:3000", "--backup-to", "file:///backups");
        assertThat(spec.statusTo()).isEqualTo("file:/backups/_replication/test-to-standby.json");
    }

    @Test
    void badArgumentsNameTheOption() {
        assertThatThrownBy(() -> ReplicateJob.check("--hosts", "src:3000", "--namespace", "test"))
                .hasMessageContaining("--to-hosts is required");
        assertThatThrownBy(() -> ReplicateJob.check("--hosts", "src:3000", "--namespace", "a,b,c", "--to-hosts",
                "dst:3000")).hasMessageContaining("--namespace must be NS or NS,DESTINATION_NS");
        assertThatThrownBy(() -> ReplicateJob.check("--hosts", "src:3000", "--namespace", "a,", "--to-hosts",
                "dst:3000")).hasMessageContaining("--namespace");
        assertThatThrownBy(() -> ReplicateJob.check(with("--checkpoint-interval", "0")))
                .hasMessageContaining("--checkpoint-interval");
        assertThatThrownBy(() -> ReplicateJob.check(with("--interval", "0"))).hasMessageContaining("--interval");
        assertThatThrownBy(() -> ReplicateJob.check(with("--bins", "x")))
                .hasMessageContaining("unknown option '--bins'");
        assertThatThrownBy(() -> ReplicateJob.check("--hosts", "src:3000", "--namespace", "test", "--to-hosts",
                "nohost")).hasMessageContaining("--to-hosts entry 'nohost' is not host:port");
        assertThatThrownBy(() -> ReplicateJob.check(with("--to-tls-certfile", "/c.pem")))
                .hasMessageContaining("--to-tls-certfile and --to-tls-keyfile go together");
    }

    @Test
    void aBadArgumentExitsWithTheUsageCode() throws Exception {
        assertThat(ReplicateJob.run("--hosts", "src:3000", "--namespace", "test")).isEqualTo(EntryPoint.USAGE);
        assertThat(ReplicateJob.run("--help")).isEqualTo(EntryPoint.OK);
    }
}
