package io.aerobackup.source.rawscan;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.UserKey;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scan rows built byte by byte, as the server lays them out, parsed by {@link RowParser}. */
class RowParserTest {
    private static final int NAMESPACE = 0;
    private static final int SET = 1;
    private static final int KEY = 2;
    private static final int DIGEST = 4;

    private final RowParser parser = new RowParser();
    private final ByteArrayOutputStream row = new ByteArrayOutputStream();

    @Test
    void parsesFieldsAndBinsIntoParticleBytes() {
        byte[] digest = digest(7);
        field(NAMESPACE, utf8("test"));
        field(DIGEST, digest);
        field(SET, utf8("s\u00e9t"));
        field(KEY, concat(new byte[] {ParticleTypes.STRING}, utf8("k\u65e5")));
        op("i", ParticleTypes.INTEGER, Particles.longBytes(-2));
        op("s", ParticleTypes.STRING, utf8(""));
        op("n", 0, new byte[0]);
        op("g", ParticleTypes.GEOJSON, geo(2, "{\"type\":\"Point\",\"coordinates\":[1,2]}"));
        op("m", ParticleTypes.MAP, new byte[] {(byte) 0x81, (byte) 0xa1, 'a', 1});

        BackupRecord record = parse(4, 5, 3, 1234);

        assertThat(record.digest()).isEqualTo(digest);
        assertThat(record.setName()).isEqualTo("s\u00e9t");
        assertThat(record.userKey()).isEqualTo(new UserKey(ParticleTypes.STRING, "k\u65e5"));
        assertThat(record.generation()).isEqualTo(3);
        assertThat(record.voidTime()).isEqualTo(1234);
        assertThat(record.bins()).extracting(BackupBin::name).containsExactly("i", "s", "g", "m");
        assertThat(record.bins().get(0).value()).isEqualTo(-2L);
        assertThat(record.bins().get(1).particle()).isEmpty();
        assertThat(record.bins().get(2).value()).isEqualTo("{\"type\":\"Point\",\"coordinates\":[1,2]}");
        assertThat(record.bins().get(3).particle()).containsExactly(0x81, 0xa1, 'a', 1);
        assertThat(parser.end()).isEqualTo(row.size());
    }

    @Test
    void integerAndBlobKeysAndNoSetAndNoKey() {
        field(DIGEST, digest(1));
        field(KEY, concat(new byte[] {ParticleTypes.INTEGER}, Particles.longBytes(Long.MIN_VALUE)));
        op("b", ParticleTypes.BLOB, new byte[0]);
        BackupRecord intKey = parse(2, 1, 1, 0);
        assertThat(intKey.userKey()).isEqualTo(new UserKey(ParticleTypes.INTEGER, Long.MIN_VALUE));
        assertThat(intKey.setName()).isNull();

        row.reset();
        field(DIGEST, digest(2));
        field(SET, new byte[0]);
        field(KEY, new byte[] {ParticleTypes.BLOB, 0, -1});
        BackupRecord blobKey = parse(3, 0, 1, 0);
        assertThat(blobKey.userKey()).isEqualTo(new UserKey(ParticleTypes.BLOB, new byte[] {0, -1}));
        assertThat(blobKey.setName()).as("an empty set field is no set").isNull();
        assertThat(blobKey.bins()).isEmpty();

        row.reset();
        field(DIGEST, digest(3));
        assertThat(parse(1, 0, 1, 0).userKey()).isNull();
    }

    @Test
    void namesAreSharedAcrossRows() {
        for (int i = 0; i < 2; i++) {
            field(DIGEST, digest(i));
            field(SET, utf8("set"));
            op("bin", ParticleTypes.BOOL, new byte[] {1});
        }
        BackupRecord first = parse(2, 1, 1, 0);
        BackupRecord second = parser.parse(row.toByteArray(), parser.end(), 2, 1, 1, 0);
        assertThat(second.setName()).isSameAs(first.setName());
        assertThat(second.bins().get(0).name()).isSameAs(first.bins().get(0).name());
    }

    @Test
    void shortIntegerIsWidenedAsTheClientReadsIt() {
        field(DIGEST, digest(1));
        op("i", ParticleTypes.INTEGER, new byte[] {1, 0});
        assertThat(parse(1, 1, 1, 0).bins().get(0).value()).isEqualTo(256L);
    }

    @Test
    void skipCoversFieldsAndOps() {
        field(DIGEST, digest(1));
        op("a", ParticleTypes.STRING, utf8("xyz"));
        parser.skip(row.toByteArray(), 0, 2);
        assertThat(parser.end()).isEqualTo(row.size());
    }

    @Test
    void malformedRowsNameWhatIsWrong() {
        field(SET, utf8("s"));
        assertThatThrownBy(() -> parse(1, 0, 1, 0)).hasMessageContaining("without a 20-byte digest");

        row.reset();
        field(DIGEST, digest(1));
        op("g", ParticleTypes.GEOJSON, new byte[] {0, 0, 5, '{', '}'});
        assertThatThrownBy(() -> parse(1, 1, 1, 0)).hasMessageContaining("bin 'g'").hasMessageContaining("5 cells");

        row.reset();
        field(DIGEST, digest(1));
        op("d", ParticleTypes.DOUBLE, new byte[4]);
        assertThatThrownBy(() -> parse(1, 1, 1, 0)).hasMessageContaining("bin 'd'").hasMessageContaining("DOUBLE");

        row.reset();
        field(DIGEST, digest(1));
        op("x", 99, new byte[1]);
        assertThatThrownBy(() -> parse(1, 1, 1, 0)).hasMessageContaining("bin 'x'").hasMessageContaining("99");

        row.reset();
        field(DIGEST, digest(1));
        field(KEY, concat(new byte[] {ParticleTypes.DOUBLE}, new byte[8]));
        assertThatThrownBy(() -> parse(2, 0, 1, 0)).hasMessageContaining("user key of particle type 2");
    }

    private BackupRecord parse(int fields, int ops, int generation, int expiration) {
        return parser.parse(row.toByteArray(), 0, fields, ops, generation, expiration);
    }

    private void field(int type, byte[] data) {
        row.writeBytes(ByteBuffer.allocate(5).putInt(data.length + 1).put((byte) type).array());
        row.writeBytes(data);
    }

    private void op(String name, int particleType, byte[] value) {
        byte[] n = utf8(name);
        row.writeBytes(ByteBuffer.allocate(8).putInt(4 + n.length + value.length).put((byte) 1)
                .put((byte) particleType).put((byte) 0).put((byte) n.length).array());
        row.writeBytes(n);
        row.writeBytes(value);
    }

    /** A wire GeoJSON particle: flags, cell count, the cells, then the JSON. */
    private static byte[] geo(int cells, String json) {
        ByteBuffer b = ByteBuffer.allocate(3 + 8 * cells);
        b.put((byte) 1).putShort((short) cells);
        for (int i = 0; i < cells; i++) {
            b.putLong(0x1234_5678_0000_0000L + i);
        }
        return concat(b.array(), utf8(json));
    }

    private static byte[] digest(int seed) {
        byte[] d = new byte[20];
        for (int i = 0; i < d.length; i++) {
            d[i] = (byte) (seed * 31 + i);
        }
        return d;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
