package io.aerobackup.embedded.expression;

import io.aerobackup.embedded.storage.Particle;
import java.nio.charset.StandardCharsets;

/**
 * Record metadata: times, sizes, set name, key presence, tombstone state, the stored user key and
 * the digest modulo. Each follows the real server's eval_meta_* / eval_rec_key functions.
 */
final class MetadataNode implements ExpNode {
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int op;
    private final ResultType type;
    /** The modulus for DIGEST_MODULO; unused otherwise. */
    private final int modulus;

    private MetadataNode(int op, ResultType type, int modulus) {
        this.op = op;
        this.type = type;
        this.modulus = modulus;
    }

    /** A zero-argument metadata op; its result type is fixed by the op. */
    static MetadataNode of(int op) {
        ResultType type;
        switch (op) {
            case ExpOp.SET_NAME: type = ResultType.STRING; break;
            case ExpOp.KEY_EXISTS: case ExpOp.IS_TOMBSTONE: type = ResultType.BOOL; break;
            default: type = ResultType.INT; break;
        }
        return new MetadataNode(op, type, 0);
    }

    /** {@code Exp.key(type)}; type is INT, STRING or BLOB (checked by the decoder). */
    static MetadataNode key(ResultType keyType) {
        return new MetadataNode(ExpOp.KEY, keyType, 0);
    }

    static MetadataNode digestModulo(int modulus) {
        return new MetadataNode(ExpOp.DIGEST_MODULO, ResultType.INT, modulus);
    }

    @Override
    public ResultType type() {
        return type;
    }

    @Override
    public Object eval(EvalContext ctx) {
        RecordView r = ctx.record;
        switch (op) {
            case ExpOp.LAST_UPDATE:
                return r.lastUpdateMillis() * NANOS_PER_MILLI;
            case ExpOp.SINCE_UPDATE:
                // Never negative: a record "updated in the future" (clock skew) counts as just updated.
                return Math.max(0L, ctx.nowMillis - r.lastUpdateMillis());
            case ExpOp.VOID_TIME:
                // The server keeps void time in whole seconds, so the nanosecond value is second-aligned.
                return r.voidTimeMillis() == 0 ? -1L
                        : Math.floorDiv(r.voidTimeMillis(), 1000L) * NANOS_PER_SECOND;
            case ExpOp.TTL:
                return ttlSeconds(r.voidTimeMillis(), ctx.nowMillis);
            case ExpOp.SET_NAME:
                String set = r.setName();
                return (set == null ? "" : set).getBytes(StandardCharsets.UTF_8);
            case ExpOp.KEY_EXISTS:
                return r.userKey() != null;
            case ExpOp.IS_TOMBSTONE:
                return r.isTombstone();
            case ExpOp.RECORD_SIZE:
            case ExpOp.MEMORY_SIZE:
                // The embedded server is a memory-only namespace: memory size is the record size ...
                return (long) r.recordSizeBytes();
            case ExpOp.DEVICE_SIZE:
                return 0L; // ... and nothing is on a device, which is what a real memory-only namespace reports.
            case ExpOp.KEY:
                return userKey(r.userKey());
            case ExpOp.DIGEST_MODULO:
                return digestModulo(r.digest());
            default:
                throw new IllegalStateException("not a metadata op: " + op);
        }
    }

    /** Seconds left, floored at 1 for a record already past its void time; -1 when it never expires. */
    private static long ttlSeconds(long voidTimeMillis, long nowMillis) {
        if (voidTimeMillis == 0) {
            return -1L;
        }
        long voidSeconds = Math.floorDiv(voidTimeMillis, 1000L);
        long nowSeconds = Math.floorDiv(nowMillis, 1000L);
        return voidSeconds > nowSeconds ? voidSeconds - nowSeconds : 1L;
    }

    /** The stored key if there is one and it has the requested type; UNKNOWN otherwise. */
    private Object userKey(Particle key) {
        if (key == null) {
            return Values.UNKNOWN;
        }
        return ParticleValues.read(key, type);
    }

    /**
     * The real server reads the digest's bytes 16..19 as a native (little-endian) uint32 and takes it
     * modulo the requested value (exp.c, eval_meta_digest_mod: {@code *(uint32_t*)&digest[16] % mod}).
     */
    private Object digestModulo(byte[] digest) {
        if (digest == null || digest.length < 20) {
            return Values.UNKNOWN;
        }
        long value = (digest[16] & 0xffL) | (digest[17] & 0xffL) << 8 | (digest[18] & 0xffL) << 16
                | (digest[19] & 0xffL) << 24;
        return value % modulus;
    }
}
