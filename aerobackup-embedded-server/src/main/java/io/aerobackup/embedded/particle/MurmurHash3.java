package io.aerobackup.embedded.particle;

/** MurmurHash3 x64 128-bit with seed 0, the element hash of the server's HLL bins. */
final class MurmurHash3 {
    private static final long C1 = 0x87c37b91114253d5L;
    private static final long C2 = 0x4cf5ad432745937fL;

    private MurmurHash3() {
    }

    /** The two 64-bit halves {h1, h2}. */
    static long[] hash128(byte[] data) {
        int blocks = data.length / 16;
        long h1 = 0;
        long h2 = 0;
        for (int i = 0; i < blocks; i++) {
            long k1 = littleEndian(data, i * 16, 8);
            long k2 = littleEndian(data, i * 16 + 8, 8);
            h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
            h1 = Long.rotateLeft(h1, 27) + h2;
            h1 = h1 * 5 + 0x52dce729;
            h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
            h2 = Long.rotateLeft(h2, 31) + h1;
            h2 = h2 * 5 + 0x38495ab5;
        }
        int tail = blocks * 16;
        int rest = data.length - tail;
        if (rest > 8) {
            long k2 = littleEndian(data, tail + 8, rest - 8);
            h2 ^= Long.rotateLeft(k2 * C2, 33) * C1;
        }
        if (rest > 0) {
            long k1 = littleEndian(data, tail, Math.min(rest, 8));
            h1 ^= Long.rotateLeft(k1 * C1, 31) * C2;
        }
        h1 ^= data.length;
        h2 ^= data.length;
        h1 += h2;
        h2 += h1;
        h1 = fmix(h1);
        h2 = fmix(h2);
        h1 += h2;
        h2 += h1;
        return new long[] {h1, h2};
    }

    private static long littleEndian(byte[] data, int offset, int length) {
        long v = 0;
        for (int i = length - 1; i >= 0; i--) {
            v = (v << 8) | (data[offset + i] & 0xFFL);
        }
        return v;
    }

    private static long fmix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }
}
