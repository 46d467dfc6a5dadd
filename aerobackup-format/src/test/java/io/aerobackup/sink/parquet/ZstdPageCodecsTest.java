package io.aerobackup.sink.parquet;

import com.github.luben.zstd.Zstd;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZstdPageCodecsTest {
    private final PlainParquetConfiguration conf = new PlainParquetConfiguration();

    @Test
    void pagesOfEverySizeRoundTripThroughOneReusedContext() throws IOException {
        ZstdPageCodecs codecs = ZstdPageCodecs.forWriting(conf, 1 << 20, 1);
        CompressionCodecFactory.BytesInputCompressor compressor = codecs.getCompressor(CompressionCodecName.ZSTD);
        CompressionCodecFactory.BytesInputDecompressor decompressor = codecs.getDecompressor(CompressionCodecName.ZSTD);
        Random random = new Random(7);
        // Growing then shrinking sizes: the reused buffers must never leak bytes of an earlier page.
        for (int size : new int[] {0, 1, 100, 70_000, 1 << 20, 3, 200_000, 17}) {
            byte[] page = page(random, size);
            byte[] compressed = compressor.compress(BytesInput.from(page)).toByteArray();
            assertThat(Zstd.decompress(compressed, size)).isEqualTo(page); // a standard frame
            assertThat(decompressor.decompress(BytesInput.from(compressed), size).toByteArray()).isEqualTo(page);
            ByteBuffer out = ByteBuffer.allocate(size);
            decompressor.decompress(ByteBuffer.wrap(compressed), compressed.length, out, size);
            assertThat(out.array()).isEqualTo(page);
        }
        codecs.release();
    }

    @Test
    void readsPagesParquetsOwnCodecWrote() throws IOException {
        CodecFactory parquets = new CodecFactory(conf, 1 << 20);
        byte[] page = page(new Random(3), 300_000);
        byte[] compressed = parquets.getCompressor(CompressionCodecName.ZSTD).compress(BytesInput.from(page))
                .toByteArray();
        ZstdPageCodecs codecs = ZstdPageCodecs.forReading(conf);
        assertThat(codecs.getDecompressor(CompressionCodecName.ZSTD).decompress(BytesInput.from(compressed),
                page.length).toByteArray()).isEqualTo(page);
        codecs.release();
        parquets.release();
    }

    @Test
    void aCorruptedPageIsAnIoErrorThatSaysSo() throws IOException {
        ZstdPageCodecs codecs = ZstdPageCodecs.forWriting(conf, 1 << 20, 1);
        byte[] page = page(new Random(5), 10_000);
        byte[] compressed = codecs.getCompressor(CompressionCodecName.ZSTD).compress(BytesInput.from(page))
                .toByteArray();
        byte[] truncated = java.util.Arrays.copyOf(compressed, compressed.length / 2);
        assertThatThrownBy(() -> codecs.getDecompressor(CompressionCodecName.ZSTD)
                .decompress(BytesInput.from(truncated), page.length))
                .isInstanceOf(IOException.class).hasMessageContaining("corrupted");
        codecs.release();
    }

    @Test
    void otherCodecsAreParquetsOwn() {
        ZstdPageCodecs codecs = ZstdPageCodecs.forWriting(conf, 1 << 20, 1);
        assertThat(codecs.getCompressor(CompressionCodecName.SNAPPY).getCodecName())
                .isEqualTo(CompressionCodecName.SNAPPY);
        assertThat(codecs.getCompressor(CompressionCodecName.ZSTD).getCodecName())
                .isEqualTo(CompressionCodecName.ZSTD);
        codecs.release();
    }

    /** Half random, half repeated bytes: compressible, but not trivially. */
    private static byte[] page(Random random, int size) {
        byte[] page = new byte[size];
        for (int i = 0; i < size; i++) {
            page[i] = i % 2 == 0 ? (byte) random.nextInt(256) : (byte) (i % 7);
        }
        return page;
    }
}
