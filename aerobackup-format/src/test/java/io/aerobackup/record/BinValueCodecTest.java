package io.aerobackup.record;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinValueCodecTest {
    @Test
    void clientValuesBecomeBinsWithTheirParticleType() {
        assertBin(5L, ParticleTypes.INTEGER, 5L);
        assertBin(2.5, ParticleTypes.DOUBLE, 2.5);
        assertBin("s", ParticleTypes.STRING, "s");
        assertBin(new byte[] {1}, ParticleTypes.BLOB, new byte[] {1});
        assertBin(true, ParticleTypes.BOOL, true);
        assertBin(Value.getAsGeoJSON("{}"), ParticleTypes.GEOJSON, "{}");
        assertBin(new Value.HLLValue(new byte[] {7}), ParticleTypes.HLL, new byte[] {7});
        assertBin(List.of(1L), ParticleTypes.LIST, List.of(1L));
        assertBin(new TreeMap<>(Map.of("a", 1L)), ParticleTypes.MAP, new TreeMap<>(Map.of("a", 1L)));
    }

    @Test
    void unsupportedClientValuesNameTheBin() {
        assertThatThrownBy(() -> BinValueCodec.fromClient("age", 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bin 'age'").hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> BinValueCodec.fromClient("x", null)).hasMessageContaining("null");
    }

    @Test
    void userKeysConvertBothWays() {
        Key intKey = new Key("ns", "set", 42L);
        Key stringKey = new Key("ns", "set", "k😀");
        Key bytesKey = new Key("ns", "set", new byte[] {1, 2, 3});
        Key segmentKey = new Key("ns", "set", new byte[] {9, 1, 2, 9}, 1, 2);
        assertThat(BinValueCodec.userKeyFromClient(intKey.userKey)).isEqualTo(new UserKey(ParticleTypes.INTEGER, 42L));
        assertThat(BinValueCodec.userKeyFromClient(stringKey.userKey)).isEqualTo(new UserKey(ParticleTypes.STRING, "k😀"));
        assertThat(BinValueCodec.userKeyFromClient(bytesKey.userKey))
                .isEqualTo(new UserKey(ParticleTypes.BLOB, new byte[] {1, 2, 3}));
        assertThat(BinValueCodec.userKeyFromClient(segmentKey.userKey))
                .isEqualTo(new UserKey(ParticleTypes.BLOB, new byte[] {1, 2}));
        assertThat(BinValueCodec.userKeyFromClient(Value.get(7)).value()).isEqualTo(7L);
        assertThat(BinValueCodec.userKeyFromClient(null)).isNull();
        assertThat(BinValueCodec.userKeyFromClient(Value.getAsNull())).isNull();
        assertThatThrownBy(() -> BinValueCodec.userKeyFromClient(Value.get(1.5)))
                .hasMessageContaining("particle type 2");

        for (Key key : List.of(intKey, stringKey, bytesKey)) {
            Value back = BinValueCodec.toClientValue(BinValueCodec.userKeyFromClient(key.userKey));
            // the same digest proves the restored key addresses the same record
            assertThat(new Key("ns", "set", back).digest).isEqualTo(key.digest);
        }
    }

    @Test
    void modelRejectsValuesThatDoNotMatchTheParticleType() {
        assertThatThrownBy(() -> new BackupBin("b", ParticleTypes.INTEGER, 1)).hasMessageContaining("needs a Long");
        assertThatThrownBy(() -> new BackupBin("b", 5, new byte[0])).hasMessageContaining("cannot be backed up");
        assertThatThrownBy(() -> new UserKey(ParticleTypes.BLOB, "s")).hasMessageContaining("needs a byte[]");
    }

    private static void assertBin(Object clientValue, int type, Object value) {
        BackupBin bin = BinValueCodec.fromClient("n", clientValue);
        assertThat(bin).isEqualTo(new BackupBin("n", type, value));
    }
}
