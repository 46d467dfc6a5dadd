package io.aerobackup.asb;

import com.github.luben.zstd.ZstdOutputStream;
import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.catalog.Catalog;
import io.aerobackup.catalog.ChainResolver;
import io.aerobackup.cli.CliTestSupport;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.testutils.BackupTestSupport;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ImportAsbTest {
    @TempDir
    java.nio.file.Path tmp;

    @Test
    void importsAFixtureIntoOneFullBackup() throws Exception {
        java.nio.file.Path asb = tmp.resolve("in");
        Files.createDirectories(asb);
        String text = AsbFixtures.everyType();
        // The records split over three files, plain, zstd and gzip: one import holds them all.
        int split = text.indexOf("+ k I 7");
        Files.writeString(asb.resolve("test_00000.asb"), text.substring(0, split));
        write(new ZstdOutputStream(Files.newOutputStream(asb.resolve("test_00001.asb"))),
                "Version 3.1\n# namespace test\n" + text.substring(split));
        write(new GZIPOutputStream(Files.newOutputStream(asb.resolve("test_00002.asb"))),
                "Version 3.1\n# namespace test\n");
        java.nio.file.Path root = tmp.resolve("catalog");
        StringWriter err = new StringWriter();

        int exit = CliTestSupport.cli(err, "import-asb", "--from", asb.toString(), "--to", root.toString(),
                "--namespace", "imported");

        assertThat(exit).as(err.toString()).isZero();
        Catalog catalog = new Catalog(new Path(root.toUri()));
        BackupManifest m = ChainResolver.latest(catalog, "imported").target();
        assertThat(m.kind()).isEqualTo(BackupManifest.FULL);
        assertThat(m.parentId()).isNull();
        assertThat(m.recordCount()).isEqualTo(2);
        assertThat(m.options()).containsEntry("importedFrom", asb.toAbsolutePath().toString())
                .containsEntry("sourceNamespace", "test")
                .containsEntry("asbVersion", "3.1").containsEntry("asbFirstFile", "test_00000.asb");
        assertThat(m.windowToMillis()).isNotNull();
        assertThat(CliTestSupport.cli(err, "verify", "--from", root.toString())).as(err.toString()).isZero();
        AsbFixtures.Collected expected = AsbFixtures.parse(text, "fixture.asb");
        assertThat(m.secondaryIndexes()).isEqualTo(expected.indexes);
        assertThat(m.udfs()).isEqualTo(expected.udfs);
        List<BackupRecord> rows = BackupTestSupport.readBackup(new Path(root.toUri()), m);
        assertThat(rows).containsExactlyInAnyOrderElementsOf(expected.records);
        for (BackupRecord row : rows) {
            BackupRecord want = expected.records.get(expected.records.indexOf(row));
            for (var bin : want.bins()) {
                var got = row.bins().stream().filter(b -> b.name().equals(bin.name())).findFirst().orElseThrow();
                assertThat(got.particle()).as(bin.name()).isEqualTo(bin.particle());
            }
        }
    }

    @Test
    void malformedInputExitsTwoAndWritesNothing() throws Exception {
        java.nio.file.Path asb = tmp.resolve("bad");
        Files.createDirectories(asb);
        Files.writeString(asb.resolve("a.asb"), AsbFixtures.everyType());
        Files.writeString(asb.resolve("b.asb"), "Version 3.1\n# namespace test\n+ n test\n+ d AQID\n");
        java.nio.file.Path root = tmp.resolve("catalog");
        StringWriter err = new StringWriter();

        int exit = CliTestSupport.cli(err, "import-asb", "--from", asb.toString(), "--to", root.toString(),
                "--namespace", "test");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("b.asb, line 4").contains("20-byte digest");
        assertThat(root).doesNotExist();
    }

    @Test
    void truncatedCompressedFileExitsTwo() throws Exception {
        java.nio.file.Path whole = tmp.resolve("whole.asb");
        write(new ZstdOutputStream(Files.newOutputStream(whole)), AsbFixtures.everyType());
        byte[] bytes = Files.readAllBytes(whole);
        java.nio.file.Path cut = tmp.resolve("cut.asb");
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        StringWriter err = new StringWriter();

        int exit = CliTestSupport.cli(err, "import-asb", "--from", cut.toString(), "--to",
                tmp.resolve("catalog").toString(), "--namespace", "test");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("cut.asb, line");
        try (Stream<java.nio.file.Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).doesNotContain("catalog");
        }
    }

    @Test
    void helpDescribesBothCommands() {
        java.io.StringWriter out = new java.io.StringWriter();
        picocli.CommandLine cli = io.aerobackup.cli.AerobackupCli.newCommandLine();
        cli.setOut(new java.io.PrintWriter(out, true));
        assertThat(cli.execute("import-asb", "--help")).isZero();
        assertThat(cli.execute("export-asb", "--help")).isZero();
        assertThat(out.toString()).contains("--from=DIR_OR_FILE", "zstd or gzip", "seconds since", "asrestore",
                "--compress=zstd");
    }

    private static void write(OutputStream out, String text) throws IOException {
        try (out) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
