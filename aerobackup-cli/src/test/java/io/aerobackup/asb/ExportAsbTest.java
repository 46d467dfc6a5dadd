package io.aerobackup.asb;

import com.github.luben.zstd.ZstdInputStream;
import io.aerobackup.catalog.BackupIds;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.CommittedFile;
import io.aerobackup.catalog.Manifests;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.CatalogPaths;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.cli.CliTestSupport;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import io.aerobackup.sink.parquet.ParquetWriteOptions;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ExportAsbTest {
    @TempDir
    java.nio.file.Path tmp;

    static BackupRecord record(int n, String set, UserKey key, int gen, long voidTime, RecordOperation op,
                               List<BackupBin> bins) {
        byte[] digest = new byte[20];
        Arrays.fill(digest, (byte) n);
        return new BackupRecord(digest, set, key, gen, voidTime, op, bins);
    }

    /** One bin of every type, with the awkward values. */
    static List<BackupBin> everyType() {
        Map<String, Object> unordered = new LinkedHashMap<>();
        unordered.put("z", 1L);
        unordered.put("a", List.of("x", 2.5));
        List<BackupBin> bins = new ArrayList<>(List.of(
                new BackupBin("int", ParticleTypes.INTEGER, Long.MIN_VALUE),
                new BackupBin("dbl", ParticleTypes.DOUBLE, 0.1),
                new BackupBin("neg0", ParticleTypes.DOUBLE, -0.0),
                new BackupBin("huge", ParticleTypes.DOUBLE, 1.7976931348623157e308),
                new BackupBin("sub", ParticleTypes.DOUBLE, Double.MIN_VALUE),
                new BackupBin("inf", ParticleTypes.DOUBLE, Double.NEGATIVE_INFINITY),
                new BackupBin("nan", ParticleTypes.DOUBLE, Double.NaN),
                new BackupBin("str", ParticleTypes.STRING, "a b\nc\\d é 😀"),
                new BackupBin("empty", ParticleTypes.STRING, ""),
                new BackupBin("blob", ParticleTypes.BLOB, new byte[] {0, 10, 32, -1}),
                new BackupBin("yes", ParticleTypes.BOOL, true),
                new BackupBin("no", ParticleTypes.BOOL, false),
                new BackupBin("hll", ParticleTypes.HLL, new byte[] {1, 2, 3, 4}),
                new BackupBin("map", ParticleTypes.MAP, unordered),
                new BackupBin("kmap", ParticleTypes.MAP, new TreeMap<>(Map.of("b", 2L, "a", List.of(1L)))),
                new BackupBin("list", ParticleTypes.LIST, List.of(1L, "two", List.of(3.0), Map.of("k", true))),
                new BackupBin("geo", ParticleTypes.GEOJSON, "{\"type\":\"Point\",\"coordinates\":[-1.5,2]}"),
                new BackupBin("bin with space", ParticleTypes.INTEGER, 7L)));
        for (int type = ParticleTypes.JAVA_BLOB; type <= ParticleTypes.ERLANG_BLOB; type++) {
            bins.add(new BackupBin("legacy" + type, type, new byte[] {(byte) type, 0}));
        }
        return bins;
    }

    @Test
    void writerAndParserAgreeOnEveryType() throws Exception {
        List<BackupRecord> records = List.of(
                record(1, "s 1", new UserKey(ParticleTypes.STRING, "k y\n"), 5, 123_456_789L, RecordOperation.UPSERT,
                        everyType()),
                record(2, null, new UserKey(ParticleTypes.INTEGER, -3L), 1, 0, RecordOperation.UPSERT, List.of()),
                record(3, "s", new UserKey(ParticleTypes.BLOB, new byte[] {9, 8}), 65535, 4_294_967_295L,
                        RecordOperation.UPSERT, List.of(new BackupBin("b", ParticleTypes.BOOL, true))),
                record(4, "s", null, 2, 7, RecordOperation.UPSERT, List.of(new BackupBin("i", ParticleTypes.INTEGER, 1L))));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AsbWriter writer = new AsbWriter(out);
        writer.header("te st", true);
        writer.udf(new BackupManifest.Udf("m.lua", "LUA", "LS0gaGkK"));
        BackupManifest.SecondaryIndex index = new BackupManifest.SecondaryIndex("idx", "s", "int", "NUMERIC",
                "mapvalues", null, null);
        assertThat(writer.secondaryIndex("te st", index)).isTrue();
        assertThat(writer.secondaryIndex("te st", new BackupManifest.SecondaryIndex("e", null, null, "NUMERIC",
                "default", null, "AAA="))).isFalse();
        for (BackupRecord r : records) {
            writer.record("te st", r);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("Version 3.1\n# namespace te\\ st\n# first-file\n* u L m.lua 6 -- hi\n\n"
                + "* i te\\ st s idx V 1 int N\n+ k S 4 k y\n\n+ n te\\ st\n+ d AQEBAQEBAQEBAQEBAQEBAQEBAQE=\n"
                + "+ s s\\ 1\n+ g 5\n+ t 123456789\n+ b 24\n- I int -9223372036854775808\n- D dbl 0.10000000000000001\n"
                + "- D neg0 -0\n- D huge 1.7976931348623157e+308\n- D sub 4.9406564584124654e-324\n- D inf -inf\n"
                + "- D nan nan\n- S str 15 a b\nc\\d é 😀\n- S empty 0 \n- B blob 8 AAog/w==\n- Z yes T\n- Z no F\n"
                + "- Y hll 8 AQIDBA==\n- M map ");
        assertThat(text).contains("- I bin\\ with\\ space 7\n", "- J legacy7 4 BwA=\n", "- E legacy12 4 DAA=\n",
                "- G geo 39 {\"type\":\"Point\",\"coordinates\":[-1.5,2]}\n", "+ k I -3\n", "+ k B 4 CQg=\n",
                "+ t 4294967295\n");
        AsbFixtures.Collected back = new AsbFixtures.Collected();
        AsbParser.parse(new ByteArrayInputStream(out.toByteArray()), "round.asb", back);
        assertThat(back.namespace).isEqualTo("te st");
        assertThat(back.udfs).containsExactly(new BackupManifest.Udf("m.lua", "LUA", "LS0gaGkK"));
        assertThat(back.indexes).containsExactly(index);
        assertThat(back.records).isEqualTo(records);
        for (int i = 0; i < records.size(); i++) {
            for (BackupBin bin : records.get(i).bins()) {
                BackupBin got = back.records.get(i).bins().stream().filter(b -> b.name().equals(bin.name()))
                        .findFirst().orElseThrow();
                assertThat(got.particle()).as(bin.name()).isEqualTo(bin.particle());
            }
        }
    }

    @Test
    void doublesUseSeventeenDigitsLikePrintf() {
        assertThat(AsbWriter.double17(1.5)).isEqualTo("1.5");
        assertThat(AsbWriter.double17(100)).isEqualTo("100");
        assertThat(AsbWriter.double17(1e17)).isEqualTo("1e+17");
        assertThat(AsbWriter.double17(0.0001)).isEqualTo("0.0001");
        assertThat(AsbWriter.double17(0.00001)).isEqualTo("1.0000000000000001e-05");
        assertThat(AsbWriter.double17(-1.0 / 3)).isEqualTo("-0.33333333333333331");
        for (double v : new double[] {-2.5e-300, Math.PI, 1e22, 123456789.125, Double.MIN_NORMAL, -0.1}) {
            assertThat(Double.parseDouble(AsbWriter.double17(v))).isEqualTo(v);
        }
    }

    @Test
    void backupExportImportRoundTripKeepsEveryRecordByteForByte() throws Exception {
        java.nio.file.Path root = tmp.resolve("catalog");
        Catalog catalog = new Catalog(new Path(root.toUri()));
        catalog.prepareForWriting();
        Instant t0 = Instant.now().minusSeconds(60);
        BackupRecord a = record(1, "s", new UserKey(ParticleTypes.STRING, "a"), 1, 500_000_000L,
                RecordOperation.UPSERT, everyType());
        BackupRecord b = record(2, "s", new UserKey(ParticleTypes.INTEGER, 2L), 1, 0, RecordOperation.UPSERT,
                List.of(new BackupBin("v", ParticleTypes.INTEGER, 1L)));
        BackupRecord c = record(3, null, null, 4, 0, RecordOperation.UPSERT,
                List.of(new BackupBin("v", ParticleTypes.STRING, "gone soon")));
        BackupRecord b2 = record(2, "s", new UserKey(ParticleTypes.INTEGER, 2L), 2, 0, RecordOperation.UPSERT,
                List.of(new BackupBin("v", ParticleTypes.INTEGER, 2L)));
        BackupRecord cDeleted = record(3, null, null, 0, 0, RecordOperation.DELETE, List.of());
        BackupRecord d = record(4, "t", new UserKey(ParticleTypes.BLOB, new byte[] {1}), 1, 0, RecordOperation.UPSERT,
                List.of(new BackupBin("m", ParticleTypes.LIST, List.of())));
        BackupManifest full = commit(catalog, BackupManifest.FULL, null, t0, List.of(a, b, c));
        commit(catalog, BackupManifest.DELTA, full.backupId(), t0.plusSeconds(10), List.of(b2, cDeleted, d));

        java.nio.file.Path out = tmp.resolve("asb");
        StringWriter err = new StringWriter();
        assertThat(CliTestSupport.cli(err, "export-asb", "--from", root.toString(), "--namespace", "test",
                "--to", out.toString(), "--compress", "zstd")).as(err.toString()).isZero();
        java.nio.file.Path file = out.resolve("test_00000.asb");
        try (ZstdInputStream in = new ZstdInputStream(Files.newInputStream(file))) {
            assertThat(new String(in.readNBytes(12), StandardCharsets.UTF_8)).isEqualTo("Version 3.1\n");
        }
        assertThat(CliTestSupport.cli(err, "export-asb", "--from", root.toString(), "--namespace", "test",
                "--to", out.toString())).isEqualTo(2);
        assertThat(CliTestSupport.cli(err, "export-asb", "--from", root.toString(), "--namespace", "test",
                "--backup", full.backupId(), "--to", tmp.resolve("fullonly").toString())).as(err.toString()).isZero();

        java.nio.file.Path back = tmp.resolve("back");
        assertThat(CliTestSupport.cli(err, "import-asb", "--from", out.toString(), "--to", back.toString(),
                "--namespace", "test")).as(err.toString()).isZero();
        Catalog imported = new Catalog(new Path(back.toUri()));
        BackupManifest m = ChainResolver.latest(imported, "test").target();
        List<BackupRecord> rows = BackupTestSupport.readBackup(new Path(back.toUri()), m);
        assertThat(rows).containsExactlyInAnyOrder(a, b2, d);
        assertBytesEqual(rows, List.of(a, b2, d));
        assertThat(m.secondaryIndexes()).containsExactly(INDEX);
        assertThat(m.udfs()).containsExactly(UDF);

        assertThat(CliTestSupport.cli(err, "import-asb", "--from", tmp.resolve("fullonly").toString(), "--to",
                back.toString(), "--namespace", "fullonly")).as(err.toString()).isZero();
        BackupManifest f = ChainResolver.latest(imported, "fullonly").target();
        List<BackupRecord> fullRows = BackupTestSupport.readBackup(new Path(back.toUri()), f);
        assertThat(fullRows).containsExactlyInAnyOrder(a, b, c);
        assertBytesEqual(fullRows, List.of(a, b, c));
    }

    private static void assertBytesEqual(List<BackupRecord> rows, List<BackupRecord> expected) {
        for (BackupRecord want : expected) {
            BackupRecord got = rows.get(rows.indexOf(want));
            for (BackupBin bin : want.bins()) {
                BackupBin g = got.bins().stream().filter(x -> x.name().equals(bin.name())).findFirst().orElseThrow();
                assertThat(g.particle()).as(bin.name()).isEqualTo(bin.particle());
            }
        }
    }

    private static final BackupManifest.SecondaryIndex INDEX = new BackupManifest.SecondaryIndex("idx_v", "s", "v",
            "NUMERIC", "default", null, null);
    private static final BackupManifest.Udf UDF = new BackupManifest.Udf("f.lua", "LUA", "LS0gZgo=");

    private static BackupManifest commit(Catalog catalog, String kind, String parent, Instant at,
                                         List<BackupRecord> records) throws Exception {
        String id = BackupIds.newId(at, kind);
        AsbDataFiles files = new AsbDataFiles(CatalogPaths.dataDir(catalog.root(), "test", id),
                ParquetWriteOptions.defaults(), 0);
        for (BackupRecord r : records) {
            files.write(r);
        }
        List<CommittedFile> written = files.publish();
        BackupManifest m = Manifests.of(new Manifests.Description(id, kind, parent, "test", List.of(),
                parent == null ? null : at.minusSeconds(10).toEpochMilli(), at.toEpochMilli(), List.of("0-4095"),
                at, List.of(INDEX), List.of(UDF), "zstd", 1, Map.of()), written, at.plusSeconds(1));
        catalog.commit(m);
        return m;
    }
}
