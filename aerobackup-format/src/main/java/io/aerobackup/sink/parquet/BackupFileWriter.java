package io.aerobackup.sink.parquet;

import io.aerobackup.crypto.EncryptionKey;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.RecordSizes;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One format 2.0 data file. The first rows are buffered (up to a row count and a byte budget) to
 * decide the file's bin columns ({@link BinColumnPlanner}); then the schema is fixed, the Parquet
 * writer is made and the buffer flushed through it. After {@link #finish()}, {@link #checksum()}
 * gives the SHA-256 and size of what was written.
 */
public final class BackupFileWriter implements BulkWriter<BackupRecord> {
    /** Rows sampled for the schema; bounded so the buffer stays far below a row group. */
    static final int SAMPLE_ROWS = 10_000;
    static final long SAMPLE_BYTES = 16L << 20;
    private static final String FALLBACK_PARTICLE = TypedSchema.FALLBACK + ".list.element."
            + TypedSchema.FALLBACK_PARTICLE;

    private final FlinkOutputFile file;
    private final ParquetWriteOptions options;
    private final int sampleRows;
    private final long sampleBytes;
    private List<BackupRecord> buffer = new ArrayList<>();
    private long bufferedBytes;
    private ParquetWriter<BackupRecord> writer;
    private BinColumns columns;
    private FileChecksum checksum;
    private boolean finished;

    BackupFileWriter(FlinkOutputFile file, ParquetWriteOptions options, int sampleRows, long sampleBytes) {
        this.file = file;
        this.options = options;
        this.sampleRows = sampleRows;
        this.sampleBytes = Math.min(sampleBytes, options.rowGroupSize());
    }

    @Override
    public void addElement(BackupRecord record) throws IOException {
        if (writer != null) {
            write(record);
            return;
        }
        buffer.add(record);
        bufferedBytes += RecordSizes.binBytes(record);
        if (buffer.size() >= sampleRows || bufferedBytes >= sampleBytes) {
            fixSchema();
        }
    }

    /** Parquet buffers a whole row group in memory anyway, so there is nothing to push early. */
    @Override
    public void flush() {
    }

    @Override
    public void finish() throws IOException {
        if (writer == null) {
            fixSchema();
        }
        writer.close(); // writes the footer; the stream stays open for Flink to commit
        checksum = file.checksum();
        finished = true;
    }

    /** SHA-256 and size of the finished file; null if the stream did not start at offset 0. */
    public FileChecksum checksum() {
        if (!finished) {
            throw new IllegalStateException("the checksum is known once the file is finished");
        }
        return checksum;
    }

    /**
     * About the bytes the file would hold if finished now: what was written plus the row group
     * Parquet still buffers (the stream's position alone lags by up to a row group).
     */
    public long dataSize() {
        return writer != null ? writer.getDataSize() : bufferedBytes;
    }

    /** The bin columns of this file; null until the schema is fixed. */
    public BinColumns columns() {
        return columns;
    }

    private void fixSchema() throws IOException {
        BinColumnPlanner.Plan plan = BinColumnPlanner.plan(buffer);
        columns = plan.columns();
        TypedWriteSupport support = new TypedWriteSupport(columns);
        Builder builder = configure(new Builder(file, support), plan);
        // The key is read here, on the task manager: only its file or variable name travels with the job.
        EncryptionKey key = options.encryption().writeKey();
        if (key != null) {
            builder.withEncryption(ParquetEncryption.forWriting(key));
        }
        writer = builder.build();
        List<BackupRecord> sampled = buffer;
        buffer = null;
        for (BackupRecord record : sampled) {
            write(record);
        }
    }

    private void write(BackupRecord record) throws IOException {
        try {
            writer.write(record);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Common options, then per column: dictionaries and min/max statistics only where they can pay. */
    private Builder configure(Builder builder, BinColumnPlanner.Plan plan) {
        // Digests and user keys identify records: unique, so dictionaries never pay on them.
        ParquetBackupWriterFactory.configure(builder, ParquetBackupWriterFactory.configuration(options), options)
                .withDictionaryEncoding(BackupSchema.DIGEST, false)
                .withStatisticsEnabled(BackupSchema.DIGEST, false)
                .withDictionaryEncoding(BackupSchema.USER_KEY_INT, false)
                .withDictionaryEncoding(BackupSchema.USER_KEY_STRING, false)
                .withDictionaryEncoding(BackupSchema.USER_KEY_BYTES, false)
                .withDictionaryEncoding(FALLBACK_PARTICLE, false)
                .withStatisticsEnabled(FALLBACK_PARTICLE, false);
        for (int i = 0; i < columns.size(); i++) {
            String name = columns.name(i);
            switch (columns.type(i)) {
                case ParticleTypes.INTEGER -> // statistics allow SQL pushdown
                        builder.withDictionaryEncoding(name, !plan.noDictionary().contains(name));
                case ParticleTypes.STRING -> {
                    // min/max of mostly distinct strings span nearly everything: no pushdown gain
                    boolean repeats = !plan.noDictionary().contains(name);
                    builder.withDictionaryEncoding(name, repeats).withStatisticsEnabled(name, repeats);
                }
                case ParticleTypes.BOOL -> {
                }
                case ParticleTypes.DOUBLE -> builder.withDictionaryEncoding(name, false);
                default -> builder.withDictionaryEncoding(name, false).withStatisticsEnabled(name, false);
            }
        }
        return builder;
    }

    /** A ParquetWriter over one given write support (the schema depends on the sampled rows). */
    private static final class Builder extends ParquetWriter.Builder<BackupRecord, Builder> {
        private final TypedWriteSupport support;

        Builder(OutputFile file, TypedWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<BackupRecord> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }

        @Override
        protected WriteSupport<BackupRecord> getWriteSupport(Configuration conf) {
            return support;
        }
    }
}
