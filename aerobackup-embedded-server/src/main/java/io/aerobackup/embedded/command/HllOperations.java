package io.aerobackup.embedded.command;

import io.aerobackup.embedded.particle.HllEstimates;
import io.aerobackup.embedded.particle.HllOp;
import io.aerobackup.embedded.particle.HllSketch;
import io.aerobackup.embedded.protocol.Bytes;
import io.aerobackup.embedded.protocol.Op;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;
import io.aerobackup.embedded.storage.Bin;
import io.aerobackup.embedded.storage.Particle;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * HLL_MODIFY and HLL_READ operations on one bin, in the order the server checks them
 * (particle_hll.c hll_modify / hll_read): the bin must hold an HLL (BIN_TYPE_ERROR), the op must
 * decode (PARAMETER_ERROR), then the create/update-only flags (BIN_EXISTS, BIN_NOT_FOUND, or
 * nothing with NO_FAIL), then what the op needs (OP_NOT_APPLICABLE, BIN_NOT_FOUND).
 */
final class HllOperations {
    private HllOperations() {
    }

    /** Applies a modify op to {@code bins}; returns the op's result value, or null for none. */
    static Particle modify(Op op, Map<String, Bin> bins) {
        Bin current = bins.get(op.binName());
        HllSketch old = current == null ? null : sketchOf(current);
        HllOp hll = HllOp.decode(op.value().bytes(), true);
        if (old != null && (hll.flags & HllOp.CREATE_ONLY) != 0) {
            if ((hll.flags & HllOp.NO_FAIL) != 0) {
                return null;
            }
            throw new ServerException(ResultCode.BIN_EXISTS, "HLL bin exists");
        }
        if (old == null && (hll.flags & HllOp.UPDATE_ONLY) != 0) {
            if ((hll.flags & HllOp.NO_FAIL) != 0) {
                return null;
            }
            throw new ServerException(ResultCode.BIN_NOT_FOUND, "HLL bin not found");
        }
        HllSketch next;
        Particle result = null;
        switch (hll.code) {
            case HllOp.INIT:
                next = init(hll, old);
                break;
            case HllOp.ADD:
                next = old != null ? old : HllSketch.empty(required(hll.indexBits), Math.max(hll.minhashBits, 0));
                long added = 0;
                for (byte[] element : hll.elements) {
                    added += next.add(element) ? 1 : 0;
                }
                result = integer(added);
                break;
            case HllOp.SET_UNION:
                next = setUnion(hll, old);
                break;
            case HllOp.FOLD:
                next = fold(hll, old);
                break;
            default: // REFRESH_COUNT
                if (old == null) {
                    throw new ServerException(ResultCode.BIN_NOT_FOUND, "cannot create an HLL bin with a count op");
                }
                next = old;
                result = integer(next.refreshCount());
        }
        bins.put(op.binName(), new Bin(op.binName(), new Particle(Particle.HLL, next.bytes())));
        return result;
    }

    private static HllSketch init(HllOp hll, HllSketch old) {
        if (old == null) {
            return HllSketch.empty(required(hll.indexBits), Math.max(hll.minhashBits, 0));
        }
        int indexBits = hll.indexBits == HllOp.UNSET ? old.indexBits() : hll.indexBits;
        int minhashBits = hll.minhashBits == HllOp.UNSET ? old.minhashBits() : hll.minhashBits;
        if (!HllSketch.validBits(indexBits, minhashBits)) {
            throw new ServerException(ResultCode.OP_NOT_APPLICABLE,
                    "HLL init to " + indexBits + " index and " + minhashBits + " minhash bits");
        }
        return HllSketch.empty(indexBits, minhashBits);
    }

    /** Without ALLOW_FOLD an existing bin may not lose index bits or its minhash bits (hll_modify_prepare_union_op). */
    private static HllSketch setUnion(HllOp hll, HllSketch old) {
        List<HllSketch> all = new ArrayList<>(hll.hlls);
        if (old != null) {
            HllSketch template = HllSketch.unionTemplate(hll.hlls);
            if ((hll.flags & HllOp.ALLOW_FOLD) == 0 && (old.indexBits() > template.indexBits()
                    || (old.minhashBits() != 0 && old.minhashBits() != template.minhashBits()))) {
                throw new ServerException(ResultCode.OP_NOT_APPLICABLE, "HLL union would reduce the bin's bits");
            }
            all.add(old);
        }
        return HllSketch.union(all);
    }

    private static HllSketch fold(HllOp hll, HllSketch old) {
        if (old == null) {
            throw new ServerException(ResultCode.BIN_NOT_FOUND, "cannot create an HLL bin with a fold op");
        }
        int indexBits = hll.indexBits == HllOp.UNSET ? 0xFF : hll.indexBits;
        if (old.minhashBits() > 0 || old.indexBits() < indexBits) {
            throw new ServerException(ResultCode.OP_NOT_APPLICABLE, "HLL fold to " + indexBits + " index bits");
        }
        if (old.indexBits() == indexBits) {
            return old;
        }
        HllSketch folded = HllSketch.empty(indexBits, 0);
        folded.unionWith(old);
        return folded;
    }

    private static int required(int indexBits) {
        if (indexBits == HllOp.UNSET) {
            throw new ServerException(ResultCode.OP_NOT_APPLICABLE, "cannot create an HLL bin without n_index_bits");
        }
        return indexBits;
    }

    /** The result of a read op on {@code bin}, or null (nil) when the bin does not exist. */
    static Particle read(Op op, Bin bin) {
        HllSketch sketch = bin == null ? null : sketchOf(bin);
        HllOp hll = HllOp.decode(op.value().bytes(), false);
        if (sketch == null) {
            return null;
        }
        switch (hll.code) {
            case HllOp.COUNT:
                return integer(sketch.count());
            case HllOp.GET_UNION:
                return new Particle(Particle.HLL, HllSketch.union(withBin(hll, sketch)).bytes());
            case HllOp.UNION_COUNT:
                return integer(HllSketch.union(withBin(hll, sketch)).estimateNow());
            case HllOp.INTERSECT_COUNT:
                checkIntersectable(hll, sketch);
                return integer(HllEstimates.intersectCount(withBin(hll, sketch)));
            case HllOp.SIMILARITY:
                checkIntersectable(hll, sketch);
                return new Particle(Particle.DOUBLE,
                        Bytes.longBytes(Double.doubleToRawLongBits(HllEstimates.similarity(withBin(hll, sketch)))));
            case HllOp.DESCRIBE:
                return new Particle(Particle.LIST, new byte[] {(byte) 0x92, (byte) sketch.indexBits(),
                    (byte) sketch.minhashBits()});
            default: // MAY_CONTAIN
                boolean all = hll.elements.stream().allMatch(sketch::mayContain);
                return integer(all ? 1 : 0);
        }
    }

    /** With more than two HLLs given, the bin must share their non-zero minhash bits (hll_read_prepare_intersect). */
    private static void checkIntersectable(HllOp hll, HllSketch sketch) {
        int minhash = sketch.minhashBits();
        if (hll.hlls.size() > 2 && (minhash == 0 || minhash != hll.hlls.get(0).minhashBits())) {
            throw new ServerException(ResultCode.OP_NOT_APPLICABLE, "cannot intersect more than 2 HLLs with this bin");
        }
    }

    private static List<HllSketch> withBin(HllOp hll, HllSketch sketch) {
        List<HllSketch> all = new ArrayList<>(hll.hlls);
        all.add(sketch);
        return all;
    }

    private static HllSketch sketchOf(Bin bin) {
        Particle value = bin.value();
        if (value.type() != Particle.HLL) {
            throw new ServerException(ResultCode.BIN_TYPE_ERROR, "bin " + bin.name() + " is not an HLL");
        }
        if (!HllSketch.isValid(value.bytes())) {
            throw new ServerException(ResultCode.SERVER_ERROR, "bin " + bin.name() + " holds an invalid HLL");
        }
        return HllSketch.of(value.bytes());
    }

    private static Particle integer(long value) {
        return new Particle(Particle.INTEGER, Bytes.longBytes(value));
    }
}
