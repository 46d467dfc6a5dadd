package io.aerobackup.record;

import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

class RecordCodecTest {
    private static final int RECORDS = 2_000;

    @Test
    void generatedRecordsRoundTripByteForByte() throws IOException {
        List<BackupRecord> records = new RecordGenerator(42).records(RECORDS);
        assertCoversTheFormat(records);
        for (BackupRecord record : records) {
            byte[] bytes = RecordCodec.encode(record);
            BackupRecord decoded = RecordCodec.decode(bytes);
            assertThat(decoded).isEqualTo(record);
            assertThat(RecordCodec.encode(decoded)).as("re-encoded %s", record).isEqualTo(bytes);
        }
    }

    @Test
    void generatedRecordsRoundTripThroughTheFlinkSerializer() throws IOException {
        List<BackupRecord> records = new RecordGenerator(7).records(RECORDS);
        DataOutputSerializer out = new DataOutputSerializer(1 << 16);
        for (BackupRecord record : records) {
            BackupRecordSerializer.INSTANCE.serialize(record, out);
        }
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (BackupRecord record : records) {
            BackupRecord read = BackupRecordSerializer.INSTANCE.deserialize(in);
            assertThat(read).isEqualTo(record);
            assertThat(RecordCodec.encode(read)).isEqualTo(RecordCodec.encode(record));
        }
        assertThat(in.available()).isZero();
    }

    @Test
    void unorderedMapsEncodeIndependentlyOfInsertionOrderAndByteArrayIdentity() {
        Map<Object, Object> a = new HashMap<>();
        Map<Object, Object> b = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            a.put(new byte[] {(byte) i, 1}, (long) i);
            a.put("k" + i, List.of((long) i));
        }
        for (int i = 49; i >= 0; i--) {
            b.put("k" + i, List.of((long) i));
            b.put(new byte[] {(byte) i, 1}, (long) i);
        }
        assertThat(RecordCodec.encode(recordWith(new BackupBin("m", ParticleTypes.MAP, a))))
                .isEqualTo(RecordCodec.encode(recordWith(new BackupBin("m", ParticleTypes.MAP, b))));
    }

    @Test
    void edgeValuesSurvive() throws IOException {
        TreeMap<Object, Object> empty = new TreeMap<>();
        BackupRecord record = new BackupRecord(new byte[20], "s", new UserKey(ParticleTypes.INTEGER, Long.MIN_VALUE),
                Integer.MAX_VALUE, Long.MAX_VALUE, RecordOperation.UPSERT, List.of(
                new BackupBin("nan", ParticleTypes.DOUBLE, Double.longBitsToDouble(0x7ff8000000000001L)),
                new BackupBin("negzero", ParticleTypes.DOUBLE, -0.0),
                new BackupBin("empty", ParticleTypes.STRING, ""),
                new BackupBin("emptymap", ParticleTypes.MAP, empty),
                new BackupBin("emptylist", ParticleTypes.LIST, List.of()),
                new BackupBin("jblob", ParticleTypes.JAVA_BLOB, new byte[0])));
        BackupRecord decoded = RecordCodec.decode(RecordCodec.encode(record));
        assertThat(decoded).isEqualTo(record);
        assertThat(Double.doubleToRawLongBits((Double) decoded.bins().get(0).value())).isEqualTo(0x7ff8000000000001L);
        assertThat(decoded.bins().get(3).value()).isInstanceOf(TreeMap.class);
    }

    @Test
    void everyTruncationIsAnIOException() {
        RecordGenerator generator = new RecordGenerator(3);
        for (int n = 0; n < 40; n++) {
            byte[] bytes = RecordCodec.encode(generator.record());
            if (bytes.length > 5_000) {
                continue;
            }
            for (int cut = 0; cut < bytes.length; cut++) {
                byte[] prefix = Arrays.copyOf(bytes, cut);
                assertThatThrownBy(() -> RecordCodec.decode(prefix)).isInstanceOf(IOException.class);
            }
        }
    }

    @Test
    void flippedBytesFailOnlyWithIOException() {
        RecordGenerator generator = new RecordGenerator(11);
        Random random = new Random(11);
        for (int n = 0; n < 300; n++) {
            byte[] bytes = RecordCodec.encode(generator.record());
            for (int flip = 0; flip < 20; flip++) {
                byte[] corrupt = bytes.clone();
                corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 << random.nextInt(8));
                try {
                    RecordCodec.decode(corrupt);
                } catch (IOException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                } catch (RuntimeException e) {
                    fail("a corrupt record must fail with an IOException, not " + e, e);
                }
            }
        }
    }

    @Test
    void rejectsWhatIsNotARecordWithAClearMessage() {
        byte[] good = RecordCodec.encode(recordWith(new BackupBin("b", ParticleTypes.BOOL, true)));
        byte[] version = good.clone();
        version[0] = 9;
        assertThatThrownBy(() -> RecordCodec.decode(version)).isInstanceOf(IOException.class)
                .hasMessageContaining("unknown record encoding version 9");
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> RecordCodec.decode(trailing)).hasMessageContaining("1 trailing bytes");
        byte[] bool = good.clone();
        bool[bool.length - 1] = 2;
        assertThatThrownBy(() -> RecordCodec.decode(bool)).hasMessageContaining("a BOOL particle is one byte 0 or 1");
        byte[] type = good.clone();
        type[type.length - 3] = 5;
        assertThatThrownBy(() -> RecordCodec.decode(type)).hasMessageContaining("unknown particle type 5");
        byte[] op = good.clone();
        op[21] = 3;
        assertThatThrownBy(() -> RecordCodec.decode(op)).hasMessageContaining("operation code 3");
        assertThatThrownBy(() -> RecordCodec.decode(new byte[0])).hasMessageContaining("truncated record: version");
    }

    /** {@link #frozenRecord()} as RecordCodec version 1 wrote it. Never edit; add a constant per version. */
    private static final String FROZEN_V1 =
            "01000d1a2734414e5b6875828f9ca9b6c3d0ddeaf70103057573657273030a757365722d31f09f9880feff078087cbf6" +
            "030a016901d7040164023fb999999999999a0173030668c3a96c6c6f04626c6f62040309080702707909010101741101" +
            "03686c6c120400010203016d131983c70001c0a2036101a2036292cb4004000000000000a20378016c140894c0c3a304" +
            "0102f90367656f17247b2274797065223a22506f696e74222c22636f6f7264696e61746573223a5b312c325d7d";

    /** {@link #frozenRecord()} as RecordCodec version 2 (particle bytes) writes it. Never edit. */
    private static final String FROZEN_V2 =
            "02000d1a2734414e5b6875828f9ca9b6c3d0ddeaf70103057573657273030a757365722d31f09f9880feff078087cbf6" +
            "030a01690108fffffffffffffed4016402083fb999999999999a0173030668c3a96c6c6f04626c6f6204030908070270" +
            "79090101017411010103686c6c120400010203016d131983c70001c0a2036101a2036292cb4004000000000000a20378" +
            "016c140894c0c3a3040102f90367656f17247b2274797065223a22506f696e74222c22636f6f7264696e61746573223a" +
            "5b312c325d7d";

    @Test
    void decodesFrozenVersion1Bytes() throws IOException {
        byte[] frozen = HexFormat.of().parseHex(FROZEN_V1);
        assertThat(RecordCodec.decode(frozen)).isEqualTo(frozenRecord());
    }

    @Test
    void encodesAndDecodesFrozenVersion2Bytes() throws IOException {
        byte[] frozen = HexFormat.of().parseHex(FROZEN_V2);
        assertThat(RecordCodec.encode(frozenRecord())).isEqualTo(frozen);
        assertThat(RecordCodec.decode(frozen)).isEqualTo(frozenRecord());
    }

    /** The record frozen in {@link #FROZEN_V1}; never change it. */
    static BackupRecord frozenRecord() {
        byte[] digest = new byte[20];
        for (int i = 0; i < 20; i++) {
            digest[i] = (byte) (i * 13);
        }
        TreeMap<Object, Object> sorted = new TreeMap<>();
        sorted.put("a", 1L);
        sorted.put("b", List.of(2.5, "x"));
        List<Object> list = new ArrayList<>(Arrays.asList(null, true, new byte[] {1, 2}, -7L));
        return new BackupRecord(digest, "users", new UserKey(ParticleTypes.STRING, "user-1😀"), 65535, 527_000_000L,
                RecordOperation.UPSERT, List.of(
                new BackupBin("i", ParticleTypes.INTEGER, -300L),
                new BackupBin("d", ParticleTypes.DOUBLE, 0.1),
                new BackupBin("s", ParticleTypes.STRING, "héllo"),
                new BackupBin("blob", ParticleTypes.BLOB, new byte[] {9, 8, 7}),
                new BackupBin("py", ParticleTypes.PYTHON_BLOB, new byte[] {1}),
                new BackupBin("t", ParticleTypes.BOOL, true),
                new BackupBin("hll", ParticleTypes.HLL, new byte[] {0, 1, 2, 3}),
                new BackupBin("m", ParticleTypes.MAP, sorted),
                new BackupBin("l", ParticleTypes.LIST, list),
                new BackupBin("geo", ParticleTypes.GEOJSON, "{\"type\":\"Point\",\"coordinates\":[1,2]}")));
    }

    /** Guards the generator: the property tests only mean something if every case occurs. */
    static void assertCoversTheFormat(List<BackupRecord> records) {
        java.util.Set<Integer> types = new java.util.TreeSet<>();
        java.util.Set<Object> keyTypes = new java.util.HashSet<>();
        boolean delete = false;
        boolean noSet = false;
        boolean maxGeneration = false;
        boolean neverExpires = false;
        boolean large = false;
        boolean sortedMap = false;
        for (BackupRecord r : records) {
            delete |= r.operation() == RecordOperation.DELETE;
            noSet |= r.setName() == null;
            maxGeneration |= r.generation() == 65535;
            neverExpires |= r.voidTime() == 0;
            keyTypes.add(r.userKey() == null ? "none" : r.userKey().particleType());
            for (BackupBin b : r.bins()) {
                types.add(b.particleType());
                large |= b.value() instanceof byte[] && ((byte[]) b.value()).length >= 200_000
                        || b.value() instanceof String && ((String) b.value()).length() >= 200_000;
                sortedMap |= b.value() instanceof TreeMap;
            }
        }
        assertThat(types).containsExactly(1, 2, 3, 4, 7, 8, 9, 10, 11, 12, 17, 18, 19, 20, 23);
        assertThat(keyTypes).containsExactlyInAnyOrder("none", 1, 3, 4);
        assertThat(List.of(delete, noSet, maxGeneration, neverExpires, large, sortedMap)).containsOnly(true);
    }

    static BackupRecord recordWith(BackupBin bin) {
        return new BackupRecord(new byte[20], null, null, 1, 0, RecordOperation.UPSERT, List.of(bin));
    }
}
