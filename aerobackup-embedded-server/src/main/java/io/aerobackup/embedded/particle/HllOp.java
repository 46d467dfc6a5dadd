package io.aerobackup.embedded.particle;

import io.aerobackup.embedded.particle.MsgPackNode.Kind;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;

import java.util.ArrayList;
import java.util.List;

/**
 * One decoded HLL operation, {@code [op, args...]}, with the argument rules of the server's op
 * tables (particle_hll.c): argument counts, index and minhash bit ranges (-1 = not given), the
 * flags each op allows, elements that are scalars (hashed as compact msgpack). Anything else is
 * PARAMETER_ERROR (4).
 */
public final class HllOp {
    public static final int INIT = 0;
    public static final int ADD = 1;
    public static final int SET_UNION = 2;
    public static final int REFRESH_COUNT = 3;
    public static final int FOLD = 4;
    public static final int COUNT = 50;
    public static final int GET_UNION = 51;
    public static final int UNION_COUNT = 52;
    public static final int INTERSECT_COUNT = 53;
    public static final int SIMILARITY = 54;
    public static final int DESCRIBE = 55;
    public static final int MAY_CONTAIN = 56;
    public static final long CREATE_ONLY = 1;
    public static final long UPDATE_ONLY = 2;
    public static final long NO_FAIL = 4;
    public static final long ALLOW_FOLD = 8;
    public static final int UNSET = -1;

    public final int code;
    public final List<byte[]> elements = new ArrayList<>();
    /** The HLL values of the union ops, without their blob type byte. */
    public final List<HllSketch> hlls = new ArrayList<>();
    public int indexBits = UNSET;
    public int minhashBits = UNSET;
    public long flags;

    private HllOp(int code) {
        this.code = code;
    }

    /** Decodes the value of an HLL_MODIFY ({@code modify}) or HLL_READ operation. */
    public static HllOp decode(byte[] value, boolean modify) {
        MsgPackNode list;
        try {
            list = MsgPackParser.parse(value);
        } catch (ServerException e) {
            throw bad("malformed HLL operation: " + e.getMessage());
        }
        if (list.kind != Kind.LIST || list.flags != 0 || list.children.isEmpty()) {
            throw bad("HLL operation is not a list [op, args...]");
        }
        MsgPackNode head = list.children.get(0);
        if (head.kind != Kind.INT) {
            throw bad("HLL op code is not an unsigned integer");
        }
        HllOp op = new HllOp((int) Math.min(head.number, Integer.MAX_VALUE));
        List<MsgPackNode> args = list.children.subList(1, list.children.size());
        switch (modify ? op.code : -op.code) {
            case INIT:
                op.parse(args, 0, 3, CREATE_ONLY | UPDATE_ONLY | NO_FAIL, "bits", "minhash", "flags");
                break;
            case ADD:
                op.parse(args, 1, 4, CREATE_ONLY | NO_FAIL, "elements", "bits", "minhash", "flags");
                break;
            case REFRESH_COUNT:
            case -COUNT:
            case -DESCRIBE:
                op.parse(args, 0, 0, 0);
                break;
            case -MAY_CONTAIN:
                op.parse(args, 1, 1, 0, "elements");
                break;
            case SET_UNION:
                op.parse(args, 1, 2, CREATE_ONLY | UPDATE_ONLY | ALLOW_FOLD | NO_FAIL, "hlls", "flags");
                break;
            case FOLD:
                op.parse(args, 1, 1, 0, "bits");
                break;
            case -GET_UNION: case -UNION_COUNT:
                op.parse(args, 1, 1, 0, "hlls");
                break;
            case -INTERSECT_COUNT: case -SIMILARITY:
                op.parse(args, 1, 1, 0, "hlls");
                op.checkIntersectable();
                break;
            default:
                throw bad("HLL op " + op.code + " is not a" + (modify ? " modify" : " read") + " op");
        }
        return op;
    }

    private void parse(List<MsgPackNode> args, int min, int max, long allowedFlags, String... kinds) {
        if (args.size() < min || args.size() > max) {
            throw bad("HLL op " + code + " with " + args.size() + " arguments");
        }
        for (int i = 0; i < args.size(); i++) {
            MsgPackNode arg = args.get(i);
            switch (kinds[i]) {
                case "elements":
                    elements(arg);
                    break;
                case "hlls":
                    hlls(arg);
                    break;
                case "bits":
                    indexBits = (int) integer(arg);
                    if (indexBits != UNSET && !HllSketch.validIndexBits(indexBits)) {
                        throw bad("n_index_bits " + indexBits + " out of range");
                    }
                    break;
                case "minhash":
                    minhashBits = (int) integer(arg);
                    if (minhashBits != UNSET && (!HllSketch.validMinhashBits(minhashBits)
                            || (indexBits != UNSET && !HllSketch.validBits(indexBits, minhashBits)))) {
                        throw bad("n_minhash_bits " + minhashBits + " out of range");
                    }
                    break;
                default:
                    if (arg.kind != Kind.INT) {
                        throw bad("HLL flags are not an unsigned integer");
                    }
                    flags = arg.number;
                    if ((flags & ~allowedFlags) != 0 || ((flags & CREATE_ONLY) != 0 && (flags & UPDATE_ONLY) != 0)) {
                        throw bad("invalid HLL flags 0x" + Long.toHexString(flags));
                    }
            }
        }
    }

    private static long integer(MsgPackNode arg) {
        if ((arg.kind != Kind.INT && arg.kind != Kind.NEGINT) || (arg.kind == Kind.INT && arg.number < 0)) {
            throw bad("HLL bit count is not an integer");
        }
        return arg.number < Integer.MIN_VALUE || arg.number > Integer.MAX_VALUE ? Integer.MAX_VALUE : arg.number;
    }

    private void elements(MsgPackNode arg) {
        if (arg.kind != Kind.LIST || arg.children.isEmpty()) {
            throw bad("HLL elements are not a non-empty list");
        }
        for (MsgPackNode element : arg.children) {
            if (element.children != null) {
                throw bad("HLL elements may not be lists or maps");
            }
            elements.add(element.encoded);
        }
    }

    /** One HLL value or a non-empty list of them, each a blob whose bytes after the type byte are a valid HLL. */
    private void hlls(MsgPackNode arg) {
        List<MsgPackNode> values = arg.kind == Kind.LIST ? arg.children : List.of(arg);
        if (values.isEmpty()) {
            throw bad("HLL op without HLL values");
        }
        for (MsgPackNode value : values) {
            boolean raw = value.kind == Kind.BYTES || value.kind == Kind.STRING || value.kind == Kind.GEOJSON;
            if (!raw || value.data.length < 12
                    || !HllSketch.isValid(java.util.Arrays.copyOfRange(value.data, 1, value.data.length))) {
                throw bad("HLL op with an invalid HLL value");
            }
            hlls.add(HllSketch.of(java.util.Arrays.copyOfRange(value.data, 1, value.data.length)));
        }
    }

    /** More than two HLLs intersect only with equal, non-zero minhash bits (hll_parse_hlls_intersect). */
    private void checkIntersectable() {
        if (hlls.size() <= 2) {
            return;
        }
        int minhash = hlls.get(0).minhashBits();
        if (minhash == 0 || hlls.stream().anyMatch(h -> h.minhashBits() != minhash)) {
            throw bad("intersect or similarity of more than 2 HLLs needs equal, non-zero minhash bits");
        }
    }

    private static ServerException bad(String message) {
        return new ServerException(ResultCode.PARAMETER_ERROR, message);
    }
}
