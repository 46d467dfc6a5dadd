package io.aerobackup.sink.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Parquet's page codecs with ZSTD done by one reused zstd-jni context per writer or reader, each
 * page compressed or decompressed in one call. Parquet's default ZSTD codec opens a new streaming
 * context (a few hundred KB, allocated and cleared) for every page and pushes the page through
 * stream buffers; that cost about a sixth of the compression time of a backup. The frames are
 * standard ZSTD, so files read and write the same as with the default codec. Other codecs are
 * Parquet's own ({@code fallback}).
 *
 * <p>Not thread-safe: Parquet uses one factory per file writer or reader, from one thread.
 */
final class ZstdPageCodecs implements CompressionCodecFactory {
    private final CompressionCodecFactory fallback;
    private final int level;
    private PageCompressor compressor;
    private PageDecompressor decompressor;

    ZstdPageCodecs(CompressionCodecFactory fallback, int level) {
        this.fallback = fallback;
        this.level = level;
    }

    /** For a writer: ZSTD at {@code level}, other codecs as Parquet configures them in {@code conf}. */
    static ZstdPageCodecs forWriting(ParquetConfiguration conf, int pageSize, int level) {
        return new ZstdPageCodecs(new CodecFactory(conf, pageSize), level);
    }

    /** For a reader (the level only matters when compressing). */
    static ZstdPageCodecs forReading(ParquetConfiguration conf) {
        return new ZstdPageCodecs(new CodecFactory(conf, 0), 0);
    }

    @Override
    public BytesInputCompressor getCompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            return fallback.getCompressor(codec);
        }
        if (compressor == null) {
            compressor = new PageCompressor(level);
        }
        return compressor;
    }

    @Override
    public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
        if (codec != CompressionCodecName.ZSTD) {
            return fallback.getDecompressor(codec);
        }
        if (decompressor == null) {
            decompressor = new PageDecompressor();
        }
        return decompressor;
    }

    @Override
    public void release() {
        if (compressor != null) {
            compressor.release();
            compressor = null;
        }
        if (decompressor != null) {
            decompressor.release();
            decompressor = null;
        }
        fallback.release();
    }

    /** A byte array stream whose buffer can be read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(64 * 1024);
        }

        byte[] array() {
            return buf;
        }
    }

    private static final class PageCompressor implements BytesInputCompressor {
        private final ZstdCompressCtx context = new ZstdCompressCtx();
        private final Buffer input = new Buffer();
        private byte[] output = new byte[0];

        PageCompressor(int level) {
            context.setLevel(level);
        }

        /**
         * The result stays valid until the next call: Parquet copies every compressed page into its
         * column chunk buffer before it compresses the next one (as with its own codecs).
         */
        @Override
        public BytesInput compress(BytesInput page) throws IOException {
            input.reset();
            page.writeAllTo(input);
            int size = input.size();
            int bound = Math.toIntExact(Zstd.compressBound(size));
            if (output.length < bound) {
                output = new byte[bound];
            }
            int written = context.compressByteArray(output, 0, output.length, input.array(), 0, size);
            return BytesInput.from(output, 0, written);
        }

        @Override
        public CompressionCodecName getCodecName() {
            return CompressionCodecName.ZSTD;
        }

        @Override
        public void release() {
            context.close();
        }
    }

    private static final class PageDecompressor implements BytesInputDecompressor {
        private final ZstdDecompressCtx context = new ZstdDecompressCtx();

        /** A fresh array per page: the page reader may hold a page while the next is decompressed. */
        @Override
        public BytesInput decompress(BytesInput compressed, int uncompressedSize) throws IOException {
            byte[] in = compressed.toByteArray();
            return BytesInput.from(decompress(in, in.length, uncompressedSize));
        }

        @Override
        public void decompress(ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
            byte[] in = new byte[compressedSize];
            input.duplicate().get(in);
            output.put(decompress(in, compressedSize, uncompressedSize));
        }

        private byte[] decompress(byte[] in, int length, int uncompressedSize) throws IOException {
            byte[] out = new byte[uncompressedSize];
            int n;
            try {
                n = context.decompressByteArray(out, 0, uncompressedSize, in, 0, length);
            } catch (ZstdException e) {
                throw new IOException("a ZSTD page cannot be decompressed (" + e.getMessage()
                        + "): the file is corrupted", e);
            }
            if (n != uncompressedSize) {
                throw new IOException("a ZSTD page decompressed to " + n + " bytes; its header says "
                        + uncompressedSize + ": the file is corrupted");
            }
            return out;
        }

        @Override
        public void release() {
            context.close();
        }
    }
}
