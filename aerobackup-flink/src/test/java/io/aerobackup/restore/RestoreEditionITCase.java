package io.aerobackup.restore;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.embedded.EmbeddedAerospike;
import io.aerobackup.restore.sink.RestoreWriteOptions;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** DELETE rows become durable deletes only on a cluster that says it is Enterprise Edition. */
class RestoreEditionITCase {
    private static RestoreSpec spec(String hosts) {
        return new RestoreSpec(new ConnectionOptions(hosts, Duration.ofSeconds(5)), "/nowhere", "test", null, null,
                RestoreWriteOptions.builder("restore").batchSize(64).build(), 1, false, false, true);
    }

    @Test
    void enterpriseTargetsGetDurableDeletesAndCommunityTargetsDoNot() {
        for (boolean enterprise : new boolean[] {true, false}) {
            try (EmbeddedAerospike server = EmbeddedAerospike.builder().enterprise(enterprise).build().start();
                 AerospikeClient client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(server.hosts(), 3000))) {
                RestoreSpec adjusted = RestoreRunner.withEditionDefaults(client, spec(server.hosts()));
                assertThat(adjusted.write().durableDeletes()).as("enterprise=%s", enterprise).isEqualTo(enterprise);
                assertThat(adjusted.write().batchSize()).isEqualTo(64);
            }
        }
    }
}
