package io.aerobackup.asb;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.MsgPackCodec;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.aerobackup.asb.AsbFixtures.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsbParserTest {
    private static final String HEAD = "Version 3.1\n# namespace test\n";
    private static final String REC = "+ n test\n+ d " + AsbFixtures.DIGEST1 + "\n+ g 1\n+ t 0\n+ b 1\n";

    @Test
    void parsesEveryHeaderAndValueType() throws Exception {
        AsbFixtures.Collected c = AsbFixtures.parse(AsbFixtures.everyType(), "every.asb");
        assertThat(c.version).isEqualTo("3.1");
        assertThat(c.namespace).isEqualTo("test");
        assertThat(c.firstFile).isTrue();
        assertThat(c.indexes).containsExactly(
                new BackupManifest.SecondaryIndex("idx_age", "demo", "age", "NUMERIC", "default", null, null),
                new BackupManifest.SecondaryIndex("idx_tags", null, "tags", "STRING", "list", null, null));
        assertThat(c.udfs).containsExactly(new BackupManifest.Udf("m.lua", "LUA",
                Base64.getEncoder().encodeToString(AsbFixtures.LUA.getBytes(StandardCharsets.UTF_8))));
        assertThat(c.records).hasSize(2);
        assertThat(c.recordNamespaces).containsExactly("test", "test");

        BackupRecord first = c.records.get(0);
        assertThat(first.digestHex()).isEqualTo("000102030405060708090a0b0c0d0e0f10111213");
        assertThat(first.setName()).isEqualTo("demo");
        assertThat(first.userKey()).isEqualTo(new UserKey(ParticleTypes.STRING, "alice"));
        assertThat(first.generation()).isEqualTo(3);
        assertThat(first.voidTime()).isEqualTo(500_000_000L);
        assertThat(first.operation()).isEqualTo(RecordOperation.UPSERT);
        Map<String, BackupBin> bins = first.bins().stream().collect(Collectors.toMap(BackupBin::name, Function.identity()));
        assertThat(bins).hasSize(16).doesNotContainKey("gone");
        assertParticle(bins.get("age"), ParticleTypes.INTEGER, Particles.longBytes(42));
        assertParticle(bins.get("neg"), ParticleTypes.INTEGER, Particles.longBytes(Long.MIN_VALUE));
        assertParticle(bins.get("score"), ParticleTypes.DOUBLE, Particles.longBytes(Double.doubleToRawLongBits(1.5)));
        assertParticle(bins.get("tiny"), ParticleTypes.DOUBLE, Particles.longBytes(1L));
        assertParticle(bins.get("name"), ParticleTypes.STRING, "two\nlines é".getBytes(StandardCharsets.UTF_8));
        assertParticle(bins.get("enc"), ParticleTypes.STRING, "hi".getBytes(StandardCharsets.UTF_8));
        assertParticle(bins.get("yes"), ParticleTypes.BOOL, new byte[] {1});
        assertParticle(bins.get("no"), ParticleTypes.BOOL, new byte[] {0});
        assertParticle(bins.get("blob"), ParticleTypes.BLOB, new byte[] {1, 2, 3});
        assertParticle(bins.get("raw"), ParticleTypes.BLOB, "a c".getBytes(StandardCharsets.US_ASCII));
        assertParticle(bins.get("java"), ParticleTypes.JAVA_BLOB, new byte[] {1, 2, 3});
        assertParticle(bins.get("py"), ParticleTypes.PYTHON_BLOB, new byte[] {4, 5, 6});
        assertParticle(bins.get("hll"), ParticleTypes.HLL, new byte[] {1, 2, 3});
        assertParticle(bins.get("list"), ParticleTypes.LIST, MsgPackCodec.pack(List.of(1L, "a")));
        assertThat(bins.get("list").value()).isEqualTo(List.of(1L, "a"));
        assertParticle(bins.get("map"), ParticleTypes.MAP, Base64.getDecoder().decode("gaIDYQE="));
        assertThat((Map<?, ?>) bins.get("map").value()).isEqualTo(Map.of("a", 1L));
        assertParticle(bins.get("geo"), ParticleTypes.GEOJSON, AsbFixtures.GEO.getBytes(StandardCharsets.UTF_8));

        BackupRecord second = c.records.get(1);
        assertThat(second.userKey()).isEqualTo(new UserKey(ParticleTypes.INTEGER, 7L));
        assertThat(second.setName()).isNull();
        assertThat(second.voidTime()).isZero();
        assertThat(second.bins()).containsExactly(new BackupBin("sp ace", ParticleTypes.STRING, "x"));
    }

    private static void assertParticle(BackupBin bin, int type, byte[] particle) {
        assertThat(bin.particleType()).as(bin.name()).isEqualTo(type);
        assertThat(bin.particle()).as(bin.name()).isEqualTo(particle);
    }

    @Test
    void readsBytesKeysAndBase64StringKeysAndVersion30() throws Exception {
        AsbFixtures.Collected c = AsbFixtures.parse("Version 3.0\n# namespace test\n+ k B 4 AQID\n" + REC
                + "- S ab " + data("v") + "\n", "v30.asb");
        assertThat(c.version).isEqualTo("3.0");
        assertThat(c.records.get(0).userKey()).isEqualTo(new UserKey(ParticleTypes.BLOB, new byte[] {1, 2, 3}));
        assertThat(c.records.get(0).bins()).containsExactly(new BackupBin("ab", ParticleTypes.STRING, "v"));
    }

    @Test
    void legacy30FilesDoNotUnescape() throws Exception {
        AsbFixtures.Collected c = AsbFixtures.parse("Version 3.0\n+ k X 4 aGk=\n" + REC + "- I a\\b 1\n", "v.asb");
        assertThat(c.records.get(0).userKey()).isEqualTo(new UserKey(ParticleTypes.STRING, "hi"));
        assertThat(c.records.get(0).bins().get(0).name()).isEqualTo("a\\b");
    }

    @Test
    void badHeaderNamesFileAndLine() {
        assertThatThrownBy(() -> AsbFixtures.parse("Versoin 3.1\n", "a.asb"))
                .isInstanceOf(AsbFormatException.class).hasMessageContaining("a.asb, line 1")
                .hasMessageContaining("expected the line 'Version 3.1'");
        assertThatThrownBy(() -> AsbFixtures.parse("Version 9.9\n", "a.asb"))
                .hasMessageContaining("a.asb, line 1").hasMessageContaining("expected version 3.0 or 3.1");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + "+ n test\n+ x 1\n", "b.asb"))
                .isInstanceOf(AsbFormatException.class).hasMessageContaining("b.asb, line 4")
                .hasMessageContaining("expected the record line '+ d'");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + "? what\n", "c.asb"))
                .hasMessageContaining("c.asb, line 3").hasMessageContaining("expected a record");
    }

    @Test
    void badBase64NamesFileAndLine() {
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC + "- B blob 4 A*ID\n", "d.asb"))
                .isInstanceOf(AsbFormatException.class).hasMessageContaining("d.asb, line 8")
                .hasMessageContaining("expected base64");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + "+ n test\n+ d !!notbase64\n", "e.asb"))
                .hasMessageContaining("e.asb, line 4").hasMessageContaining("expected base64 for the digest");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + "+ n test\n+ d AQID\n", "e.asb"))
                .hasMessageContaining("e.asb, line 4").hasMessageContaining("20-byte digest");
    }

    @Test
    void truncatedFileNamesFileAndLine() {
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC, "f.asb"))
                .isInstanceOf(AsbFormatException.class).hasMessageContaining("f.asb, line 8")
                .hasMessageContaining("expected a bin line").hasMessageContaining("end of the file");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC + "- S s 10 abc", "g.asb"))
                .hasMessageContaining("g.asb, line 8").hasMessageContaining("ends inside the value of bin 's'");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + "+ n test\n+ d " + AsbFixtures.DIGEST1 + "\n+ g", "h.asb"))
                .hasMessageContaining("h.asb, line 5");
        assertThatThrownBy(() -> AsbFixtures.parse("", "empty.asb")).hasMessageContaining("empty.asb, line 1");
        // a huge length in a damaged file is an error, not an attempt to allocate it
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC + "- B b 2000000000 AQID\n", "big.asb"))
                .hasMessageContaining("big.asb, line 8").hasMessageContaining("2000000000 bytes expected, 5 found");
    }

    @Test
    void unknownTypesNameFileAndLine() {
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC + "- Q bin 1\n", "i.asb"))
                .isInstanceOf(AsbFormatException.class).hasMessageContaining("i.asb, line 8")
                .hasMessageContaining("expected a bin type");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC + "- U ldt 1\n", "i.asb"))
                .hasMessageContaining("LDT");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + "+ k Q 1\n", "j.asb"))
                .hasMessageContaining("j.asb, line 3").hasMessageContaining("expected a key type");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + "* x 1\n", "k.asb"))
                .hasMessageContaining("k.asb, line 3").hasMessageContaining("'* i'");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC + "- I n 12x\n", "l.asb"))
                .hasMessageContaining("l.asb, line 8").hasMessageContaining("decimal integer");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC + "- L l 4 AQID\n", "m.asb"))
                .hasMessageContaining("m.asb, line 8").hasMessageContaining("LIST");
        assertThatThrownBy(() -> AsbFixtures.parse(HEAD + REC + "- Z b X\n", "n.asb"))
                .hasMessageContaining("n.asb, line 8").hasMessageContaining("T or F");
    }

    @Test
    void mapPackingIsKept() throws Exception {
        // a key-ordered map keeps its order flag byte-for-byte
        byte[] ordered = MsgPackCodec.pack(new TreeMap<>(Map.of("b", 2L, "a", 1L)));
        String b64 = Base64.getEncoder().encodeToString(ordered);
        AsbFixtures.Collected c = AsbFixtures.parse(HEAD + REC + "- M m " + data(b64) + "\n", "o.asb");
        assertThat(c.records.get(0).bins().get(0).particle()).isEqualTo(ordered);
    }
}
