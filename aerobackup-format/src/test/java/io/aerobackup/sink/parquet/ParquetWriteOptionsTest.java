package io.aerobackup.sink.parquet;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.util.InstantiationUtil;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParquetWriteOptionsTest {
    @Test
    void defaultsAreZstd1With16MiBRowGroups1MiBPagesAndChecksums() {
        ParquetWriteOptions defaults = ParquetWriteOptions.defaults();
        assertThat(defaults.codec().parquetCodec()).isEqualTo(CompressionCodecName.ZSTD);
        assertThat(defaults.codecName()).isEqualTo("zstd");
        assertThat(defaults.level()).isEqualTo(1);
        assertThat(defaults.rowGroupSize()).isEqualTo(16L << 20);
        assertThat(defaults.pageSize()).isEqualTo(1 << 20);
        assertThat(defaults.pageChecksums()).isTrue();
        assertThat(ParquetWriteOptions.fromConfig(new Configuration())).isEqualTo(defaults);
    }

    @Test
    void codecsByName() {
        assertThat(ParquetWriteOptions.of("SNAPPY", 3, 1 << 20).codec()).isEqualTo(ParquetWriteOptions.Codec.SNAPPY);
        assertThat(ParquetWriteOptions.of("gzip", 3, 1 << 20).codecName()).isEqualTo("gzip");
        assertThat(ParquetWriteOptions.of("none", 3, 1 << 20).codec()).isEqualTo(ParquetWriteOptions.Codec.UNCOMPRESSED);
        assertThat(ParquetWriteOptions.of("uncompressed", 3, 1 << 20).codecName()).isEqualTo("none");
        assertThatThrownBy(() -> ParquetWriteOptions.of("lz4", 3, 1 << 20))
                .hasMessage("compression must be one of zstd, snappy, gzip, none, was 'lz4'");
    }

    @Test
    void invalidValuesNameTheOptionAndRange() {
        assertThatThrownBy(() -> ParquetWriteOptions.of("zstd", 23, 1 << 20))
                .hasMessage("--compression-level must be in [1,22], was 23");
        assertThatThrownBy(() -> ParquetWriteOptions.builder().rowGroupSize(10).build())
                .hasMessageContaining("--row-group-size");
        assertThatThrownBy(() -> ParquetWriteOptions.builder().rowGroupSize(1 << 20).pageSize(2 << 20).build())
                .hasMessageContaining("--page-size");
    }

    @Test
    void fromConfigReadsEveryOption() {
        Configuration config = new Configuration();
        config.set(ParquetWriteOptions.COMPRESSION, "gzip");
        config.set(ParquetWriteOptions.COMPRESSION_LEVEL, 9);
        config.set(ParquetWriteOptions.ROW_GROUP_SIZE, 8);
        config.set(ParquetWriteOptions.PAGE_SIZE, MemorySize.parse("64kb"));
        config.set(ParquetWriteOptions.PAGE_CHECKSUMS, false);
        assertThat(ParquetWriteOptions.fromConfig(config)).isEqualTo(ParquetWriteOptions.builder()
                .codec(ParquetWriteOptions.Codec.GZIP).level(9).rowGroupSize(8 << 20).pageSize(64 << 10)
                .pageChecksums(false).build());
    }

    @Test
    void equalsCoversEveryFieldAndSurvivesJavaSerialization() throws Exception {
        ParquetWriteOptions a = ParquetWriteOptions.defaults();
        assertThat(a).isEqualTo(ParquetWriteOptions.defaults()).hasSameHashCodeAs(ParquetWriteOptions.defaults());
        assertThat(a).isNotEqualTo(ParquetWriteOptions.builder().level(4).build());
        assertThat(a).isNotEqualTo(ParquetWriteOptions.builder().rowGroupSize(32 << 20).build());
        assertThat(a).isNotEqualTo(ParquetWriteOptions.builder().pageSize(1 << 19).build());
        assertThat(a).isNotEqualTo(ParquetWriteOptions.builder().pageChecksums(false).build());
        assertThat(a).isNotEqualTo(ParquetWriteOptions.builder().codec(ParquetWriteOptions.Codec.SNAPPY).build());
        assertThat(InstantiationUtil.clone(a)).isEqualTo(a);
        ParquetBackupWriterFactory factory = InstantiationUtil.clone(new ParquetBackupWriterFactory(a));
        assertThat(factory.options()).isEqualTo(a);
    }
}
