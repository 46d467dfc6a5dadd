package io.aerobackup.sink.parquet;

import io.aerobackup.config.OptionValues;
import io.aerobackup.crypto.EncryptionOptions;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** How backup Parquet files are written. Immutable and Serializable (it travels inside the sink). */
public final class ParquetWriteOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Compression codecs a backup may use, by the names the CLI and manifest use. */
    public enum Codec {
        ZSTD("zstd", CompressionCodecName.ZSTD),
        SNAPPY("snappy", CompressionCodecName.SNAPPY),
        GZIP("gzip", CompressionCodecName.GZIP),
        UNCOMPRESSED("none", CompressionCodecName.UNCOMPRESSED);

        private final String codeName;
        private final CompressionCodecName parquet;

        Codec(String codeName, CompressionCodecName parquet) {
            this.codeName = codeName;
            this.parquet = parquet;
        }

        public String codeName() {
            return codeName;
        }

        CompressionCodecName parquetCodec() {
            return parquet;
        }

        /** zstd, snappy, gzip, none (or uncompressed), any case. */
        public static Codec ofName(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            for (Codec c : values()) {
                if (c.codeName.equals(n) || c.name().toLowerCase(Locale.ROOT).equals(n)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("compression must be one of zstd, snappy, gzip, none, was '" + name + "'");
        }
    }

    // Keys are the command line's flags without dashes, sizes in the command line's MiB.
    public static final ConfigOption<String> COMPRESSION = ConfigOptions.key("compress")
            .stringType().defaultValue("zstd").withDescription("Parquet compression: zstd, snappy, gzip or none.");
    public static final ConfigOption<Integer> COMPRESSION_LEVEL = ConfigOptions.key("compression-level")
            // Level 1 costs a fifth less CPU per backup than 3 for ~2% more bytes (docs/BENCHMARKS.md).
            .intType().defaultValue(1).withDescription("ZSTD compression level, 1..22 (other codecs ignore it).");
    public static final ConfigOption<Integer> ROW_GROUP_SIZE = ConfigOptions.key("row-group-size")
            // A writer holds its row group on the heap until it is flushed: 16 MiB groups leave the
            // collector less to copy and promote than 64 MiB (2 full collections in a 5M-record
            // backup instead of 5, docs/BENCHMARKS.md), at the same file size.
            .intType().defaultValue(16).withDescription("Parquet row group size in MiB.");
    public static final ConfigOption<MemorySize> PAGE_SIZE = ConfigOptions.key("page-size")
            .memoryType().defaultValue(MemorySize.ofMebiBytes(1)).withDescription("Parquet page size.");
    public static final ConfigOption<Boolean> PAGE_CHECKSUMS = ConfigOptions.key("page-checksums")
            .booleanType().defaultValue(true).withDescription("Write a CRC-32 checksum in every page header.");
    /** Not part of these options but of the sink that rolls files; declared here with the other file settings. */
    public static final ConfigOption<Long> FILE_SIZE = ConfigOptions.key("file-size").longType().defaultValue(256L)
            .withDescription("Roll data files at about this size, in MiB.");
    public static final List<ConfigOption<?>> OPTIONS = List.of(COMPRESSION, COMPRESSION_LEVEL, ROW_GROUP_SIZE,
            PAGE_SIZE, PAGE_CHECKSUMS, FILE_SIZE);

    private static final long MIN_SIZE = 1024;

    private final Codec codec;
    private final int level;
    private final long rowGroupSize;
    private final int pageSize;
    private final boolean pageChecksums;
    private final EncryptionOptions encryption;

    private ParquetWriteOptions(Codec codec, int level, long rowGroupSize, int pageSize, boolean pageChecksums,
                                EncryptionOptions encryption) {
        this.encryption = Objects.requireNonNull(encryption, "encryption");
        this.codec = Objects.requireNonNull(codec, "codec");
        if (level < 1 || level > 22) {
            throw new IllegalArgumentException(OptionValues.flag(COMPRESSION_LEVEL) + " must be in [1,22], was " + level);
        }
        if (rowGroupSize < MIN_SIZE) {
            throw new IllegalArgumentException(OptionValues.flag(ROW_GROUP_SIZE) + " must be at least 1 KiB, was " + rowGroupSize);
        }
        if (pageSize < MIN_SIZE || pageSize > rowGroupSize) {
            throw new IllegalArgumentException(OptionValues.flag(PAGE_SIZE) + " must be in [1 KiB, row group size " + rowGroupSize
                    + "], was " + pageSize);
        }
        this.level = level;
        this.rowGroupSize = rowGroupSize;
        this.pageSize = pageSize;
        this.pageChecksums = pageChecksums;
    }

    /** The defaults: ZSTD level 1, 64 MiB row groups, 1 MiB pages, page checksums on. */
    public static ParquetWriteOptions defaults() {
        return builder().build();
    }

    /** Codec by name (zstd, snappy, gzip, none), ZSTD level and row group size; the rest default. */
    public static ParquetWriteOptions of(String codec, int level, long rowGroupSize) {
        return builder().codec(Codec.ofName(codec)).level(level).rowGroupSize(rowGroupSize).build();
    }

    public static ParquetWriteOptions fromConfig(ReadableConfig config) {
        return builder().codec(Codec.ofName(config.get(COMPRESSION))).level(config.get(COMPRESSION_LEVEL))
                .rowGroupSize(MemorySize.ofMebiBytes(config.get(ROW_GROUP_SIZE)).getBytes())
                .pageSize(Math.toIntExact(config.get(PAGE_SIZE).getBytes()))
                .pageChecksums(config.get(PAGE_CHECKSUMS)).encryption(EncryptionOptions.from(config)).build();
    }

    /** The {@link #FILE_SIZE} in bytes, validated. */
    public static long maxFileBytes(ReadableConfig config) {
        long mebiBytes = config.get(FILE_SIZE);
        if (mebiBytes < 1) {
            throw new IllegalArgumentException("--file-size must be at least 1 MiB, was " + mebiBytes);
        }
        return MemorySize.ofMebiBytes(mebiBytes).getBytes();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Codec codec() {
        return codec;
    }

    /** The codec's name as the CLI and manifest spell it: zstd, snappy, gzip or none. */
    public String codecName() {
        return codec.codeName();
    }

    /** ZSTD level; other codecs ignore it. */
    public int level() {
        return level;
    }

    public long rowGroupSize() {
        return rowGroupSize;
    }

    public int pageSize() {
        return pageSize;
    }

    public boolean pageChecksums() {
        return pageChecksums;
    }

    /** Where the key the files are encrypted with is (never the key); none: files in clear. */
    public EncryptionOptions encryption() {
        return encryption;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ParquetWriteOptions)) {
            return false;
        }
        ParquetWriteOptions other = (ParquetWriteOptions) o;
        return codec == other.codec && level == other.level && rowGroupSize == other.rowGroupSize
                && pageSize == other.pageSize && pageChecksums == other.pageChecksums
                && encryption.equals(other.encryption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, level, rowGroupSize, pageSize, pageChecksums, encryption);
    }

    @Override
    public String toString() {
        return "ParquetWriteOptions{" + codecName() + (codec == Codec.ZSTD ? " level " + level : "") + ", rowGroupSize="
                + rowGroupSize + ", pageSize=" + pageSize + ", pageChecksums=" + pageChecksums
                + (encryption.enabled() ? ", encryption=" + encryption.describe() : "") + "}";
    }

    /** Defaults come from the ConfigOptions above; {@link #build()} validates. */
    public static final class Builder {
        private Codec codec = Codec.ofName(COMPRESSION.defaultValue());
        private int level = COMPRESSION_LEVEL.defaultValue();
        private long rowGroupSize = MemorySize.ofMebiBytes(ROW_GROUP_SIZE.defaultValue()).getBytes();
        private int pageSize = Math.toIntExact(PAGE_SIZE.defaultValue().getBytes());
        private boolean pageChecksums = PAGE_CHECKSUMS.defaultValue();
        private EncryptionOptions encryption = EncryptionOptions.none();

        private Builder() {
        }

        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder level(int level) {
            this.level = level;
            return this;
        }

        public Builder rowGroupSize(long bytes) {
            this.rowGroupSize = bytes;
            return this;
        }

        public Builder pageSize(int bytes) {
            this.pageSize = bytes;
            return this;
        }

        public Builder pageChecksums(boolean enabled) {
            this.pageChecksums = enabled;
            return this;
        }

        /** Encrypt the files with the one key these options name (AES-GCM, Parquet modular encryption). */
        public Builder encryption(EncryptionOptions encryption) {
            this.encryption = Objects.requireNonNull(encryption, "encryption");
            return this;
        }

        public ParquetWriteOptions build() {
            return new ParquetWriteOptions(codec, level, rowGroupSize, pageSize, pageChecksums, encryption);
        }
    }
}
