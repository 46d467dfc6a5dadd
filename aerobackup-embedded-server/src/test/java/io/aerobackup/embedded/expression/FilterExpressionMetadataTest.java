package io.aerobackup.embedded.expression;

import static io.aerobackup.embedded.expression.ExpTestSupport.NOW;
import static io.aerobackup.embedded.expression.ExpTestSupport.assertRefused;
import static io.aerobackup.embedded.expression.ExpTestSupport.matches;
import static io.aerobackup.embedded.expression.TestRecord.blobP;
import static io.aerobackup.embedded.expression.TestRecord.intP;
import static io.aerobackup.embedded.expression.TestRecord.strP;
import static org.assertj.core.api.Assertions.assertThat;

import com.aerospike.client.command.ParticleType;
import com.aerospike.client.exp.Exp;
import io.aerobackup.embedded.storage.Particle;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;

class FilterExpressionMetadataTest {
    @Test
    void lastUpdateIsNanosecondsSinceEpoch() {
        TestRecord rec = new TestRecord().lastUpdate(NOW - 5_000);
        assertThat(matches(Exp.eq(Exp.lastUpdate(), Exp.val((NOW - 5_000) * 1_000_000L)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.lastUpdate(), Exp.val(NOW - 5_000)), rec)).isFalse();
        GregorianCalendar jan2020 = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        jan2020.clear();
        jan2020.set(2020, 0, 15);
        assertThat(matches(Exp.ge(Exp.lastUpdate(), Exp.val(jan2020)), rec)).isTrue();
        assertThat(matches(Exp.lt(Exp.lastUpdate(), Exp.val(jan2020)), rec)).isFalse();
    }

    @Test
    void sinceUpdateIsMillisecondsBeforeNowAndNeverNegative() {
        TestRecord rec = new TestRecord().lastUpdate(NOW - 7_200_001);
        assertThat(matches(Exp.eq(Exp.sinceUpdate(), Exp.val(7_200_001)), rec)).isTrue();
        assertThat(matches(Exp.gt(Exp.sinceUpdate(), Exp.val(2 * 60 * 60 * 1000)), rec)).isTrue();
        TestRecord future = new TestRecord().lastUpdate(NOW + 10_000);
        assertThat(matches(Exp.eq(Exp.sinceUpdate(), Exp.val(0)), future)).isTrue();
    }

    @Test
    void voidTimeIsSecondAlignedNanosecondsOrMinusOne() {
        TestRecord rec = new TestRecord().voidTime(1_700_000_100_999L);
        assertThat(matches(Exp.eq(Exp.voidTime(), Exp.val(1_700_000_100L * 1_000_000_000L)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.voidTime(), Exp.val(-1)), new TestRecord().voidTime(0))).isTrue();
        assertThat(matches(Exp.gt(Exp.voidTime(), Exp.val(0)), new TestRecord().voidTime(0))).isFalse();
    }

    @Test
    void ttlIsSecondsLeftFlooredAtOneOrMinusOneForNeverExpiring() {
        assertThat(matches(Exp.eq(Exp.ttl(), Exp.val(3600)), new TestRecord().voidTime(NOW + 3_600_000))).isTrue();
        assertThat(matches(Exp.lt(Exp.ttl(), Exp.val(60 * 60)), new TestRecord().voidTime(NOW + 3_600_000))).isFalse();
        assertThat(matches(Exp.eq(Exp.ttl(), Exp.val(1)), new TestRecord().voidTime(NOW - 60_000))).isTrue();
        assertThat(matches(Exp.eq(Exp.ttl(), Exp.val(-1)), new TestRecord().voidTime(0))).isTrue();
    }

    @Test
    void setNameComparesAsStringAndIsEmptyWithoutSet() {
        assertThat(matches(Exp.eq(Exp.setName(), Exp.val("users")), new TestRecord().set("users"))).isTrue();
        assertThat(matches(Exp.eq(Exp.setName(), Exp.val("user")), new TestRecord().set("users"))).isFalse();
        assertThat(matches(Exp.eq(Exp.setName(), Exp.val("")), new TestRecord())).isTrue();
    }

    @Test
    void keyExistsAndTombstoneAreBooleans() {
        assertThat(matches(Exp.keyExists(), new TestRecord().key(intP(1)))).isTrue();
        assertThat(matches(Exp.keyExists(), new TestRecord())).isFalse();
        assertThat(matches(Exp.isTombstone(), new TestRecord().tombstone(true))).isTrue();
        assertThat(matches(Exp.not(Exp.isTombstone()), new TestRecord())).isTrue();
    }

    @Test
    void typedKeyReadsMatchOnlyTheStoredKeyType() {
        TestRecord intKey = new TestRecord().key(intP(100_000));
        TestRecord strKey = new TestRecord().key(strP("user-1"));
        TestRecord blobKey = new TestRecord().key(blobP((byte) 1, (byte) 2));
        assertThat(matches(Exp.ge(Exp.key(Exp.Type.INT), Exp.val(100_000)), intKey)).isTrue();
        assertThat(matches(Exp.gt(Exp.key(Exp.Type.INT), Exp.val(100_000)), intKey)).isFalse();
        assertThat(matches(Exp.eq(Exp.key(Exp.Type.STRING), Exp.val("user-1")), strKey)).isTrue();
        assertThat(matches(Exp.eq(Exp.key(Exp.Type.BLOB), Exp.val(new byte[] {1, 2})), blobKey)).isTrue();
        // Wrong key type or no stored key: unknown, so neither the comparison nor its negation matches.
        Exp strOnInt = Exp.eq(Exp.key(Exp.Type.STRING), Exp.val("user-1"));
        assertThat(matches(strOnInt, intKey)).isFalse();
        assertThat(matches(Exp.not(strOnInt), intKey)).isFalse();
        Exp onMissing = Exp.eq(Exp.key(Exp.Type.INT), Exp.val(1));
        assertThat(matches(Exp.not(onMissing), new TestRecord())).isFalse();
        assertRefused(Exp.eq(Exp.key(Exp.Type.FLOAT), Exp.val(1.0))).hasMessageContaining("invalid key type float");
    }

    @Test
    void digestModuloUsesLittleEndianBytes16To19() {
        byte[] digest = new byte[20];
        digest[8] = 100; // bytes 8..11 are not used by the server
        digest[16] = 0x01;
        digest[17] = 0x02;
        digest[18] = 0x03;
        digest[19] = (byte) 0x84; // unsigned: 0x84030201 = 2214789633
        TestRecord rec = new TestRecord().digest(digest);
        long value = 0x84030201L;
        assertThat(matches(Exp.eq(Exp.digestModulo(3), Exp.val(value % 3)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.digestModulo(1000), Exp.val(value % 1000)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.digestModulo(1000), Exp.val(633)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.digestModulo(1000), Exp.val(100)), rec)).isFalse();
        assertRefused(Exp.eq(Exp.digestModulo(0), Exp.val(0))).hasMessageContaining("modulo 0");
    }

    @Test
    void sizesReportAMemoryOnlyNamespace() {
        TestRecord rec = new TestRecord().size(1234);
        assertThat(matches(Exp.eq(Exp.recordSize(), Exp.val(1234)), rec)).isTrue();
        assertThat(matches(Exp.ge(Exp.recordSize(), Exp.val(100 * 1024)), rec)).isFalse();
        assertThat(matches(Exp.eq(Exp.memorySize(), Exp.val(1234)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.deviceSize(), Exp.val(0)), rec)).isTrue();
    }

    @Test
    void binTypeReturnsParticleTypeAndBinExistsWorksForAnyType() {
        TestRecord rec = new TestRecord().bin("i", intP(1))
                .bin("l", new Particle(Particle.LIST, new byte[] {(byte) 0x90}))
                .bin("g", new Particle(Particle.GEOJSON, new byte[] {0, 0, 0, '{', '}'}));
        assertThat(matches(Exp.eq(Exp.binType("i"), Exp.val(ParticleType.INTEGER)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.binType("l"), Exp.val(ParticleType.LIST)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.binType("g"), Exp.val(ParticleType.GEOJSON)), rec)).isTrue();
        assertThat(matches(Exp.eq(Exp.binType("none"), Exp.val(ParticleType.NULL)), rec)).isTrue();
        assertThat(matches(Exp.binExists("l"), rec)).isTrue();
        assertThat(matches(Exp.binExists("none"), rec)).isFalse();
        assertThat(matches(Exp.not(Exp.binExists("none")), rec)).isTrue();
    }
}
