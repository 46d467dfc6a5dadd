package io.aerobackup.embedded.expression;

import io.aerobackup.embedded.storage.Particle;

/** Reads of record bins: typed value reads and the particle-type probe. */
final class BinNodes {
    private BinNodes() {
    }

    /**
     * {@code Exp.intBin/floatBin/stringBin/boolBin/blobBin}. A missing bin or one whose particle
     * type is not exactly the requested one is UNKNOWN: the server does not convert (an integer
     * bin read as float, or a JAVA_BLOB bin read as blob, is UNKNOWN there too).
     */
    static final class BinRead implements ExpNode {
        private final String name;
        private final ResultType type;

        BinRead(String name, ResultType type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public ResultType type() {
            return type;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Particle p = ctx.record.bin(name);
            if (p == null) {
                return Values.UNKNOWN;
            }
            return ParticleValues.read(p, type);
        }
    }

    /** {@code Exp.binType(name)}: the bin's particle type, 0 (NULL) when absent; binExists is "binType != 0". */
    static final class BinType implements ExpNode {
        private final String name;

        BinType(String name) {
            this.name = name;
        }

        @Override
        public ResultType type() {
            return ResultType.INT;
        }

        @Override
        public Object eval(EvalContext ctx) {
            Particle p = ctx.record.bin(name);
            return (long) (p == null ? Particle.NULL : p.type());
        }
    }
}
