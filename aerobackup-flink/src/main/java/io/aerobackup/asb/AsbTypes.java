package io.aerobackup.asb;

import io.aerobackup.record.ParticleTypes;

/** The .asb bin type letters and the particle types they stand for. */
final class AsbTypes {
    private static final String BYTES_LABELS = "BJCPRHEYML";
    private static final int[] BYTES_TYPES = {ParticleTypes.BLOB, ParticleTypes.JAVA_BLOB, ParticleTypes.CSHARP_BLOB,
        ParticleTypes.PYTHON_BLOB, ParticleTypes.RUBY_BLOB, ParticleTypes.PHP_BLOB, ParticleTypes.ERLANG_BLOB,
        ParticleTypes.HLL, ParticleTypes.MAP, ParticleTypes.LIST};

    private AsbTypes() {
    }

    static boolean isBytesLabel(char label) {
        return BYTES_LABELS.indexOf(label) >= 0;
    }

    /** The particle type of a bin type letter, or -1 when unknown ('N', nil, has none either). */
    static int particleType(char label) {
        switch (label) {
            case 'Z': return ParticleTypes.BOOL;
            case 'I': return ParticleTypes.INTEGER;
            case 'D': return ParticleTypes.DOUBLE;
            case 'S': case 'X': return ParticleTypes.STRING;
            case 'G': return ParticleTypes.GEOJSON;
            default:
                int i = BYTES_LABELS.indexOf(label);
                return i < 0 ? -1 : BYTES_TYPES[i];
        }
    }

    /** The bin type letter of a particle type. */
    static char label(int particleType) {
        switch (particleType) {
            case ParticleTypes.BOOL: return 'Z';
            case ParticleTypes.INTEGER: return 'I';
            case ParticleTypes.DOUBLE: return 'D';
            case ParticleTypes.STRING: return 'S';
            case ParticleTypes.GEOJSON: return 'G';
            default:
                for (int i = 0; i < BYTES_TYPES.length; i++) {
                    if (BYTES_TYPES[i] == particleType) {
                        return BYTES_LABELS.charAt(i);
                    }
                }
                throw new IllegalArgumentException("particle type " + particleType + " has no .asb bin type");
        }
    }
}
