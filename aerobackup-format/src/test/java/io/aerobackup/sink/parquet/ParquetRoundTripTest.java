package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordCodec;
import io.aerobackup.record.RecordGenerator;
import io.aerobackup.record.RecordOperation;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.fs.RecoverableFsDataOutputStream;
import org.apache.flink.core.fs.RecoverableWriter;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetRoundTripTest {
    private static final List<BackupRecord> RECORDS = new RecordGenerator(2024).records(2_000);

    @TempDir
    java.nio.file.Path dir;

    @ParameterizedTest
    @EnumSource(ParquetWriteOptions.Codec.class)
    void everyRecordComesBackByteForByte(ParquetWriteOptions.Codec codec) throws IOException {
        Path path = new Path(dir.toUri().toString(), "part-" + codec + ".parquet");
        // Small row groups and pages, so the file has several of each.
        ParquetWriteOptions options = ParquetWriteOptions.builder().codec(codec).rowGroupSize(256 << 10)
                .pageSize(16 << 10).build();
        ParquetTestFiles.write(path, RECORDS, options);

        List<BackupRecord> read = ParquetTestFiles.readAll(path);
        assertThat(read).hasSize(RECORDS.size());
        for (int i = 0; i < RECORDS.size(); i++) {
            assertThat(read.get(i)).isEqualTo(RECORDS.get(i));
            // Format 2.0 does not keep the order of bins, only each bin's bytes.
            assertThat(RecordCodec.encode(byName(read.get(i)))).isEqualTo(RecordCodec.encode(byName(RECORDS.get(i))));
        }
        try (ParquetFileReader footer = ParquetFileReader.open(new FlinkInputFile(path),
                ParquetReadOptions.builder().build())) {
            assertThat(footer.getRowGroups()).hasSizeGreaterThan(1);
            for (BlockMetaData block : footer.getRowGroups()) {
                for (ColumnChunkMetaData column : block.getColumns()) {
                    assertThat(column.getCodec()).isEqualTo(options.codec().parquetCodec());
                }
            }
            assertThat(footer.getFileMetaData().getKeyValueMetaData())
                    .containsEntry(BackupSchema.FORMAT_VERSION_KEY, TypedSchema.FORMAT_VERSION);
        }
        assertThat(ParquetBackupReader.rowCount(path)).isEqualTo(RECORDS.size());
    }

    /** Default 1 MiB pages across several row groups: every byte comes back. */
    @Test
    void defaultPagesAcrossRowGroupsKeepEveryByte() throws IOException {
        Path path = new Path(dir.toUri().toString(), "part-default-pages.parquet");
        List<BackupRecord> records = new RecordGenerator(77).records(15_000);
        ParquetWriteOptions options = ParquetWriteOptions.builder().rowGroupSize(1 << 20).build();
        ParquetTestFiles.write(path, records, options);

        List<BackupRecord> read = ParquetTestFiles.readAll(path);
        assertThat(read).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(read.get(i)).isEqualTo(records.get(i));
        }
        try (ParquetFileReader footer = ParquetFileReader.open(new FlinkInputFile(path),
                ParquetReadOptions.builder().build())) {
            assertThat(footer.getRowGroups()).hasSizeGreaterThan(2);
        }
    }

    @Test
    void zstdUsesTheNativeLibraryAndTheConfiguredLevel() throws IOException {
        List<BackupRecord> compressible = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            byte[] digest = new byte[20];
            digest[0] = (byte) i;
            digest[1] = (byte) (i >> 8);
            compressible.add(new BackupRecord(digest, "s", null, 1, 0, RecordOperation.UPSERT, List.of(
                    new BackupBin("t", ParticleTypes.STRING, "the quick brown fox " + i % 97 + " jumps over " + i % 13))));
        }
        Path fast = new Path(dir.toUri().toString(), "level1.parquet");
        Path strong = new Path(dir.toUri().toString(), "level19.parquet");
        ParquetTestFiles.write(fast, compressible, ParquetWriteOptions.of("zstd", 1, 64 << 20));
        ParquetTestFiles.write(strong, compressible, ParquetWriteOptions.of("zstd", 19, 64 << 20));
        assertThat(com.github.luben.zstd.util.Native.isLoaded()).isTrue();
        assertThat(Files.size(java.nio.file.Path.of(fast.toUri())))
                .isNotEqualTo(Files.size(java.nio.file.Path.of(strong.toUri())));
        assertThat(ParquetTestFiles.readAll(strong)).isEqualTo(compressible);
    }

    @Test
    void writesThroughARecoverableStreamAsTheFileSinkDoes() throws IOException {
        Path path = new Path(dir.toUri().toString(), "committed.parquet");
        RecoverableWriter recoverable = FileSystem.getLocalFileSystem().createRecoverableWriter();
        RecoverableFsDataOutputStream out = recoverable.open(path);
        var writer = new ParquetBackupWriterFactory().create(out);
        List<BackupRecord> records = RECORDS.subList(0, 300);
        for (BackupRecord record : records) {
            writer.addElement(record);
        }
        writer.finish(); // must not close the stream: the sink commits it
        out.closeForCommit().commit();
        assertThat(ParquetTestFiles.readAll(path)).isEqualTo(records);
    }

    @Test
    void readerIsAnIteratorOverTheFileAndReportsItsMetadata() throws IOException {
        Path path = new Path(dir.toUri().toString(), "small.parquet");
        ParquetTestFiles.write(path, RECORDS.subList(0, 3), ParquetWriteOptions.defaults());
        try (ParquetBackupReader reader = ParquetBackupReader.open(path)) {
            assertThat(reader.formatVersion()).isEqualTo("2.0");
            assertThat(reader.rowCount()).isEqualTo(3);
            assertThat(reader.path()).isEqualTo(path);
            for (int i = 0; i < 3; i++) {
                assertThat(reader.hasNext()).isTrue();
                assertThat(reader.hasNext()).isTrue();
                assertThat(reader.next()).isEqualTo(RECORDS.get(i));
            }
            assertThat(reader.hasNext()).isFalse();
            assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
        }
    }

    static BackupRecord byName(BackupRecord r) {
        List<BackupBin> bins = new ArrayList<>(r.bins());
        bins.sort(java.util.Comparator.comparing(BackupBin::name));
        return new BackupRecord(r.digest(), r.setName(), r.userKey(), r.generation(), r.voidTime(), r.operation(), bins);
    }

    @Test
    void anEmptyFileIsValid() throws IOException {
        Path path = new Path(dir.toUri().toString(), "empty.parquet");
        ParquetTestFiles.write(path, List.of(), ParquetWriteOptions.defaults());
        assertThat(ParquetTestFiles.readAll(path)).isEmpty();
        assertThat(CompressionCodecName.ZSTD).isEqualTo(ParquetWriteOptions.defaults().codec().parquetCodec());
    }
}
