package io.aerobackup.embedded.particle;

/**
 * An HLL bin value in the server's layout (as/src/base/particle_hll.c): flags (0), index bits
 * (4-16), minhash bits (0 or 4-51), an 8-byte little-endian cached count (0 = not cached), then
 * 2^index registers of 6 + minhash bits packed big-endian. Elements are hashed with MurmurHash3 of
 * their compact msgpack; counts use Ertl's improved estimator, so they equal the real server's.
 */
public final class HllSketch {
    public static final int MIN_INDEX_BITS = 4;
    public static final int MAX_INDEX_BITS = 16;
    public static final int MIN_MINHASH_BITS = 4;
    public static final int MAX_MINHASH_BITS = 51;
    private static final int HLL_BITS = 6;
    private static final int HEADER = 11;
    private static final int CACHE = 3;

    private final byte[] bytes;

    private HllSketch(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of a stored, already validated HLL particle. */
    public static HllSketch of(byte[] particle) {
        return new HllSketch(particle.clone());
    }

    public static HllSketch empty(int indexBits, int minhashBits) {
        byte[] b = new byte[size(indexBits, minhashBits)];
        b[1] = (byte) indexBits;
        b[2] = (byte) minhashBits;
        return new HllSketch(b);
    }

    public static boolean validIndexBits(long bits) {
        return bits >= MIN_INDEX_BITS && bits <= MAX_INDEX_BITS;
    }

    public static boolean validMinhashBits(long bits) {
        return bits == 0 || (bits >= MIN_MINHASH_BITS && bits <= MAX_MINHASH_BITS);
    }

    public static boolean validBits(long indexBits, long minhashBits) {
        return validIndexBits(indexBits) && validMinhashBits(minhashBits) && indexBits + minhashBits <= 64;
    }

    /** Whether {@code particle} is an HLL the server accepts (hll_from_wire). */
    public static boolean isValid(byte[] particle) {
        return particle.length >= HEADER && particle[0] == 0 && validBits(particle[1] & 0xFF, particle[2] & 0xFF)
                && particle.length == size(particle[1] & 0xFF, particle[2] & 0xFF);
    }

    static int size(int indexBits, int minhashBits) {
        return HEADER + (int) (((long) (HLL_BITS + minhashBits) * (1L << indexBits) + 7) / 8);
    }

    public int indexBits() {
        return bytes[1] & 0xFF;
    }

    public int minhashBits() {
        return bytes[2] & 0xFF;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Adds one element (its compact msgpack); true when a register grew. */
    public boolean add(byte[] element) {
        long[] hash = MurmurHash3.hash128(element);
        int register = (int) (hash[0] & ((1L << indexBits()) - 1));
        long value = valueOf(hash);
        if (Long.compareUnsigned(register(register), value) < 0) {
            setRegister(register, value);
            setCache(0);
            return true;
        }
        return false;
    }

    /** Whether the element may have been added: its register holds at least its value (hmh_may_contain). */
    public boolean mayContain(byte[] element) {
        long[] hash = MurmurHash3.hash128(element);
        int register = (int) (hash[0] & ((1L << indexBits()) - 1));
        return Long.compareUnsigned(valueOf(hash), register(register)) <= 0;
    }

    private long valueOf(long[] hash) {
        long minhash = (hash[0] >>> indexBits()) & ((1L << minhashBits()) - 1);
        long hllValue = (hash[1] == 0 ? 64 : Long.numberOfTrailingZeros(hash[1])) + 1;
        return (hllValue << minhashBits()) | minhash;
    }

    /**
     * The bit counts a union of {@code sketches} gets (hmh_compatible_template): the fewest index
     * bits, and the minhash bits when all agree, else 0.
     */
    public static HllSketch unionTemplate(java.util.List<HllSketch> sketches) {
        int indexBits = sketches.get(0).indexBits();
        int minhashBits = sketches.get(0).minhashBits();
        for (HllSketch sketch : sketches) {
            indexBits = Math.min(indexBits, sketch.indexBits());
            if (minhashBits != sketch.minhashBits()) {
                minhashBits = 0;
            }
        }
        return empty(indexBits, minhashBits);
    }

    /** The union of {@code sketches} in a new sketch of their template's bit counts. */
    public static HllSketch union(java.util.List<HllSketch> sketches) {
        HllSketch union = unionTemplate(sketches);
        for (HllSketch sketch : sketches) {
            union.unionWith(sketch);
        }
        return union;
    }

    /**
     * Folds {@code other} (at least as many index bits) into this sketch, register by register
     * (hmh_union): whole registers with minhash bits, only the HLL values without.
     */
    public void unionWith(HllSketch other) {
        int mask = (1 << indexBits()) - 1;
        int registers = 1 << other.indexBits();
        boolean withMinhash = minhashBits() != 0;
        for (int r = 0; r < registers; r++) {
            int target = r & mask;
            long mine = register(target);
            long theirs = other.register(r);
            if (!withMinhash) {
                mine >>>= minhashBits();
                theirs >>>= other.minhashBits();
            }
            if (mine < theirs) {
                setRegister(target, theirs);
            }
        }
        if (withMinhash) {
            setCache(0);
        }
    }

    /** Whether any of the first 2^index register bytes is set (hmh_has_data reads no further). */
    boolean hasData() {
        int n = 1 << indexBits();
        for (int i = 0; i < n; i++) {
            if (bytes[HEADER + i] != 0) {
                return true;
            }
        }
        return false;
    }

    /** The estimate, ignoring any cached count. */
    public long estimateNow() {
        return estimate();
    }

    /** The cached count, or the estimate when none is cached (hll_get_count). */
    public long count() {
        long cache = cache();
        return cache != 0 ? cache : estimate();
    }

    /** Stores the estimate in the cache and returns it (hll_refresh_count). */
    public long refreshCount() {
        long estimate = estimate();
        setCache(estimate);
        return estimate;
    }

    private long cache() {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes[CACHE + i] & 0xFFL);
        }
        return v;
    }

    private void setCache(long value) {
        for (int i = 0; i < 8; i++) {
            bytes[CACHE + i] = (byte) (value >>> (8 * i));
        }
    }

    /** Ertl 2017, algorithm 6, as hmh_estimate_cardinality computes it. */
    private long estimate() {
        int registers = 1 << indexBits();
        int[] c = new int[(1 << HLL_BITS) + 1];
        for (int r = 0; r < registers; r++) {
            c[(int) (register(r) >>> minhashBits())]++;
        }
        int max = 1 << HLL_BITS;
        double z = registers * tau(c[max] / (double) registers);
        for (int k = max; k > 0; k--) {
            z = 0.5 * (z + c[k]);
        }
        z += registers * sigma(c[0] / (double) registers);
        return Math.round(alpha() * registers * registers / z);
    }

    private double alpha() {
        switch (indexBits()) {
            case 4: return 0.673;
            case 5: return 0.697;
            case 6: return 0.709;
            default: return 0.7213 / (1.0 + 1.079 / (1 << indexBits()));
        }
    }

    private static double tau(double x) {
        if (x == 0.0 || x == 1.0) {
            return 0.0;
        }
        double zPrime;
        double y = 1.0;
        double z = 1 - x;
        do {
            x = Math.sqrt(x);
            zPrime = z;
            y *= 0.5;
            z -= Math.pow(1 - x, 2) * y;
        } while (zPrime != z);
        return z / 3;
    }

    private static double sigma(double x) {
        if (x == 1.0) {
            return Double.POSITIVE_INFINITY;
        }
        double zPrime;
        double y = 1;
        double z = x;
        do {
            x *= x;
            zPrime = z;
            z += x * y;
            y += y;
        } while (zPrime != z);
        return z;
    }

    /** Registers are read as a big-endian 64-bit word, shifted back from the end for the last ones. */
    long register(int r) {
        int bits = HLL_BITS + minhashBits();
        int[] at = wordOffset(r, bits);
        long word = 0;
        for (int i = 0; i < 8; i++) {
            word = (word << 8) | (bytes[HEADER + at[0] + i] & 0xFFL);
        }
        return (word >>> (64 - (at[1] + bits))) & ((1L << bits) - 1);
    }

    void setRegister(int r, long value) {
        int bits = HLL_BITS + minhashBits();
        int[] at = wordOffset(r, bits);
        long mask = (((1L << bits) - 1) << (64 - bits)) >>> at[1];
        long shifted = (value << (64 - bits)) >>> at[1];
        long word = 0;
        for (int i = 0; i < 8; i++) {
            word = (word << 8) | (bytes[HEADER + at[0] + i] & 0xFFL);
        }
        word = (word & ~mask) | shifted;
        for (int i = 7; i >= 0; i--) {
            bytes[HEADER + at[0] + i] = (byte) word;
            word >>>= 8;
        }
    }

    /** {byte offset of the 64-bit word, bit offset inside it} of register {@code r}. */
    private int[] wordOffset(int r, int bits) {
        long bitOffset = (long) bits * r;
        int byteOffset = (int) (bitOffset / 8);
        int bit = (int) (bitOffset % 8);
        int byteEnd = (int) (((long) bits * (1L << indexBits()) + 7) / 8);
        int maxOffset = byteEnd - 8;
        if (byteOffset > maxOffset) {
            bit += (byteOffset - maxOffset) * 8;
            byteOffset = maxOffset;
        }
        return new int[] {byteOffset, bit};
    }
}
