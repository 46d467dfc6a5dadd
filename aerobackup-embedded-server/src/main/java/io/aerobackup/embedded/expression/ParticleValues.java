package io.aerobackup.embedded.expression;

import io.aerobackup.embedded.storage.Particle;

/** Converts stored particles to expression values, or UNKNOWN when the particle is not of the wanted type. */
final class ParticleValues {
    private ParticleValues() {
    }

    static Object read(Particle p, ResultType wanted) {
        byte[] b = p.bytes();
        switch (wanted) {
            case INT:
                return p.type() == Particle.INTEGER && b.length == 8 ? (Object) bigEndianLong(b) : Values.UNKNOWN;
            case FLOAT:
                return p.type() == Particle.DOUBLE && b.length == 8
                        ? (Object) Double.longBitsToDouble(bigEndianLong(b)) : Values.UNKNOWN;
            case STRING:
                return p.type() == Particle.STRING ? b : Values.UNKNOWN;
            case BLOB:
                // Exactly BLOB, like the server's type check; legacy language blobs are other types.
                return p.type() == Particle.BLOB ? b : Values.UNKNOWN;
            case BOOL:
                return p.type() == Particle.BOOL && b.length >= 1 ? (Object) (b[0] != 0) : Values.UNKNOWN;
            default:
                return Values.UNKNOWN;
        }
    }

    static long bigEndianLong(byte[] b) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }
}
