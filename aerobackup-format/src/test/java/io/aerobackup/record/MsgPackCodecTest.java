package io.aerobackup.record;

import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOrder;
import com.aerospike.client.util.Packer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MsgPackCodecTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void keyOrderedMapCarriesTheMapOrderHeaderAndComesBackAsTreeMap() throws IOException {
        TreeMap<Object, Object> map = new TreeMap<>();
        map.put("a", 1L);
        map.put("b", 2L);
        byte[] packed = MsgPackCodec.pack(map);
        // map of 3 (2 + the order entry), ext8 len 0 type 1, nil, then "a"(3 = STRING particle) 1, "b" 2
        assertThat(HEX.formatHex(packed)).isEqualTo("83c70001c0a2036101a2036202");
        assertThat(packed).isEqualTo(Packer.pack(map, MapOrder.KEY_ORDERED));
        Object back = MsgPackCodec.unpack(ParticleTypes.MAP, packed);
        assertThat(back).isInstanceOf(TreeMap.class).isEqualTo(map);
    }

    @Test
    void byteArrayKeysOfSortedMapsComeBackAsByteBuffers() throws IOException {
        TreeMap<Object, Object> map = new TreeMap<>();
        map.put(ByteBuffer.wrap(new byte[] {1}), "x");
        Object back = MsgPackCodec.unpack(ParticleTypes.MAP, MsgPackCodec.pack(map));
        assertThat(((TreeMap<?, ?>) back).firstKey()).isEqualTo(ByteBuffer.wrap(new byte[] {1}));
    }

    @Test
    void unorderedMapsArePackedInKeyByteOrder() {
        Map<Object, Object> map = new HashMap<>();
        map.put(300L, "c");
        map.put(2L, "b");
        map.put(new byte[] {5}, "a");
        // keys: 02 < a2 04 05 (blob) < cd 01 2c
        assertThat(HEX.formatHex(MsgPackCodec.pack(map))).isEqualTo("8302a20362a20405a20361cd012ca20363");
    }

    @Test
    void slicedAndReadOnlyByteBuffersPackTheirContentOnly() throws IOException {
        ByteBuffer slice = ByteBuffer.wrap(new byte[] {9, 1, 2, 9}, 1, 2).slice();
        TreeMap<Object, Object> map = new TreeMap<>();
        map.put(slice, 1L);
        map.put(ByteBuffer.wrap(new byte[] {3}).asReadOnlyBuffer(), 2L);
        TreeMap<?, ?> back = (TreeMap<?, ?>) MsgPackCodec.unpack(ParticleTypes.MAP, MsgPackCodec.pack(map));
        assertThat(back.firstKey()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
        assertThat(ValueEquality.deepEquals(back, map)).isTrue();
    }

    @Test
    void nestedGeoJsonStaysGeoJson() throws IOException {
        List<Object> list = List.of(Value.getAsGeoJSON("{\"type\":\"Point\",\"coordinates\":[1,2]}"));
        List<?> back = (List<?>) MsgPackCodec.unpack(ParticleTypes.LIST, MsgPackCodec.pack(list));
        assertThat(back.get(0)).isInstanceOf(Value.GeoJSONValue.class).isEqualTo(list.get(0));
    }

    @Test
    void rejectsValuesThatWouldNotComeBackUnchanged() {
        assertThatThrownBy(() -> MsgPackCodec.pack(List.of(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> MsgPackCodec.pack(List.of(1.5f))).hasMessageContaining("java.lang.Float");
        assertThatThrownBy(() -> MsgPackCodec.pack(List.of(new Value.HLLValue(new byte[1]))))
                .hasMessageContaining("HLLValue");
        Map<Object, Object> nullKey = new HashMap<>();
        nullKey.put(null, 1L);
        nullKey.put(2L, 1L);
        assertThatThrownBy(() -> MsgPackCodec.pack(nullKey)).hasMessageContaining("null");
    }

    @Test
    void rejectsMalformedMsgPack() {
        assertRejected(ParticleTypes.LIST, "", "empty");
        assertRejected(ParticleTypes.LIST, "81a2036101", "not a msgpack array header");
        assertRejected(ParticleTypes.MAP, "92a20361", "not a msgpack map header");
        assertRejected(ParticleTypes.LIST, "92a20361", "announces 1 more items");
        assertRejected(ParticleTypes.LIST, "91a5036162", "truncated");
        assertRejected(ParticleTypes.LIST, "910102", "1 trailing bytes");
        assertRejected(ParticleTypes.LIST, "dd7fffffff01", "announces 2147483647 more items");
        assertRejected(ParticleTypes.LIST, "91a0", "without its particle type byte");
        assertRejected(ParticleTypes.LIST, "91c1", "unknown type byte 0xc1");
        assertRejected(ParticleTypes.MAP, "82c70008c00102", "unsupported extension");
        assertRejected(ParticleTypes.LIST, "91d40100", "extension 0xd4");
    }

    /**
     * A real 8.1 server stores list and map particles with extensions the client's Unpacker cannot
     * read (index and order flags): a backup keeps them byte for byte, only decoding refuses them.
     */
    @Test
    void particlesWithServerExtensionsAreKeptThoughTheUnpackerCannotReadThem() throws IOException {
        for (String hex : new String[] {"82c70002c00102", "91d40100", "92d5010203c70102aa", "91c800010411",
            "81c9000000010105c0"}) {
            byte[] bytes = java.util.HexFormat.of().parseHex(hex);
            int type = (bytes[0] & 0xf0) == 0x80 ? ParticleTypes.MAP : ParticleTypes.LIST;
            BackupBin bin = BackupBin.ofParticle("b", type, bytes);
            assertThat(bin.particle()).isEqualTo(bytes);
            assertThat(bin.toString()).startsWith("b(");
            assertThat(bin).isEqualTo(BackupBin.ofParticle("b", type, bytes.clone()));
            BackupRecord record = new BackupRecord(new byte[20], null, null, 1, 0, RecordOperation.UPSERT, List.of(bin));
            assertThat(RecordCodec.decode(RecordCodec.encode(record)).bins().get(0).particle()).isEqualTo(bytes);
        }
        assertThatThrownBy(() -> BackupBin.ofParticle("b", ParticleTypes.LIST,
                java.util.HexFormat.of().parseHex("91d401"))).isInstanceOf(IOException.class).hasMessageContaining("truncated");
    }

    @Test
    void rejectsKeyOrderedMapsWithIncomparableKeys() {
        // what a corrupt file could hold: a key-ordered map mixing an integer and a string key
        assertRejected(ParticleTypes.MAP, "83c70001c00102a2036103", "cannot unpack MAP");
    }

    private static void assertRejected(int type, String hex, String message) {
        byte[] bytes = HEX.parseHex(hex);
        assertThatThrownBy(() -> MsgPackCodec.unpack(type, bytes)).as(hex + " " + Arrays.toString(bytes))
                .isInstanceOf(IOException.class).hasMessageContaining(message);
    }
}
