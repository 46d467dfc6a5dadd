package io.aerobackup.embedded.command;

import io.aerobackup.embedded.particle.CdtParticles;
import io.aerobackup.embedded.protocol.Bytes;
import io.aerobackup.embedded.protocol.Op;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;
import io.aerobackup.embedded.storage.Bin;
import io.aerobackup.embedded.storage.Particle;

import java.util.Map;

/** The bin-level write operations: write, add, append, prepend. */
final class BinOperations {
    private BinOperations() {
    }

    /** Applies one write op; returns its result value (HLL ops), or null for none. */
    static Particle apply(Op op, Map<String, Bin> bins) {
        switch (op.type()) {
            case Proto.OP_HLL_MODIFY:
                return HllOperations.modify(op, bins);
            case Proto.OP_WRITE:
                write(op, bins);
                break;
            case Proto.OP_ADD:
                add(op, bins);
                break;
            case Proto.OP_APPEND:
            case Proto.OP_PREPEND:
                concat(op, bins, op.type() == Proto.OP_APPEND);
                break;
            default:
                throw RecordExecutor.unsupportedOp(op);
        }
        return null;
    }

    private static void write(Op op, Map<String, Bin> bins) {
        Particle value = op.value();
        if (value.type() == Particle.NULL) {
            bins.remove(op.binName());
            return;
        }
        bins.put(op.binName(), new Bin(op.binName(), checkValue(value)));
    }

    /**
     * Refuses values a real server would refuse (unknown types, wrong sizes, malformed HLL,
     * GeoJSON, lists or maps) and returns the value as the server stores it (lists and maps are
     * rewritten: compact, unordered maps sorted by key).
     */
    static Particle checkValue(Particle value) {
        if (!Particle.isKnownType(value.type())) {
            throw new ServerException(ResultCode.PARAMETER_ERROR, "unknown particle type " + value.type());
        }
        checkEncoding(value);
        if (value.type() == Particle.HLL) {
            ParticleChecks.checkHll(value.bytes());
        } else if (value.type() == Particle.GEOJSON) {
            ParticleChecks.checkGeoJson(value.bytes());
        } else if (value.type() == Particle.MAP || value.type() == Particle.LIST) {
            return new Particle(value.type(), CdtParticles.rewrite(value.bytes(), value.type() == Particle.MAP));
        }
        return value;
    }

    private static void checkEncoding(Particle value) {
        int length = value.bytes().length;
        boolean fixed8 = value.type() == Particle.INTEGER || value.type() == Particle.DOUBLE;
        if ((fixed8 && length != 8) || (value.type() == Particle.BOOL && length != 1)) {
            throw new ServerException(ResultCode.PARAMETER_ERROR,
                    "particle type " + value.type() + " with " + length + " bytes");
        }
    }

    /** On a missing bin every modify op creates the bin from its value, as the real server does. */
    private static boolean createIfMissing(Op op, Map<String, Bin> bins) {
        if (bins.containsKey(op.binName())) {
            return false;
        }
        bins.put(op.binName(), new Bin(op.binName(), checkValue(op.value())));
        return true;
    }

    private static void add(Op op, Map<String, Bin> bins) {
        if (createIfMissing(op, bins)) {
            return;
        }
        Particle delta = op.value();
        Bin current = bins.get(op.binName());
        if (delta.type() != Particle.INTEGER && delta.type() != Particle.DOUBLE) {
            throw new ServerException(ResultCode.BIN_TYPE_ERROR, "add needs an integer or float value");
        }
        checkEncoding(delta);
        Particle old = current.value();
        if (old.type() != delta.type()) {
            throw new ServerException(ResultCode.BIN_TYPE_ERROR, "add to a bin of type " + old.type());
        }
        long a = Bytes.getLong(old.bytes(), 0);
        long b = Bytes.getLong(delta.bytes(), 0);
        long sum;
        if (old.type() == Particle.INTEGER) {
            sum = a + b;
        } else {
            sum = Double.doubleToRawLongBits(Double.longBitsToDouble(a) + Double.longBitsToDouble(b));
        }
        bins.put(op.binName(), new Bin(op.binName(), new Particle(old.type(), Bytes.longBytes(sum))));
    }

    private static void concat(Op op, Map<String, Bin> bins, boolean append) {
        if (createIfMissing(op, bins)) {
            return;
        }
        Particle piece = op.value();
        if (piece.type() != Particle.STRING && piece.type() != Particle.BLOB) {
            throw new ServerException(ResultCode.BIN_TYPE_ERROR, "append/prepend needs a string or bytes value");
        }
        Bin current = bins.get(op.binName());
        Particle old = current.value();
        if (old.type() != piece.type()) {
            throw new ServerException(ResultCode.BIN_TYPE_ERROR, "append/prepend to a bin of type " + old.type());
        }
        byte[] first = append ? old.bytes() : piece.bytes();
        byte[] second = append ? piece.bytes() : old.bytes();
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        bins.put(op.binName(), new Bin(op.binName(), new Particle(old.type(), joined)));
    }
}
