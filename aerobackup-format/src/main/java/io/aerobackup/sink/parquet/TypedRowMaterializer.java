package io.aerobackup.sink.parquet;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds a {@link BackupRecord} per format 2.0 row. Bin values become particle bytes directly
 * (8 big-endian bytes for INT64 and DOUBLE columns, one byte for BOOLEAN, the bytes of BINARY
 * columns) and bins are made with {@link BackupBin#ofParticle}, which checks them; no Java value
 * is decoded. Converter order follows {@link TypedSchema#requested}.
 */
final class TypedRowMaterializer extends RecordMaterializer<BackupRecord> {
    private final Converter[] converters;
    private final Root root = new Root();

    // The row being read; reset by Root.start().
    private byte[] digest;
    private String setName;
    private Integer keyType;
    private Object keyValue;
    private int keyValues;
    private int generation;
    private long expiresAt;
    private boolean expires;
    private String operation;
    private final List<BackupBin> bins = new ArrayList<>();
    private boolean hasFallback;

    TypedRowMaterializer(BinColumns columns) {
        List<Converter> list = new ArrayList<>();
        list.add(value(b -> digest = bytes(b)));
        list.add(value(b -> setName = b.toStringUsingUTF8()));
        list.add(new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                keyType = value;
            }
        });
        list.add(new PrimitiveConverter() {
            @Override
            public void addLong(long value) {
                key(value);
            }
        });
        list.add(value(b -> key(b.toStringUsingUTF8())));
        list.add(value(b -> key(bytes(b))));
        list.add(new PrimitiveConverter() {
            @Override
            public void addInt(int value) {
                generation = value;
            }
        });
        list.add(new PrimitiveConverter() {
            @Override
            public void addLong(long value) {
                expiresAt = value;
                expires = true;
            }
        });
        list.add(value(b -> operation = b.toStringUsingUTF8()));
        for (int i = 0; i < columns.size(); i++) {
            list.add(new BinColumn(columns.name(i), columns.type(i)));
        }
        list.add(new FallbackList());
        this.converters = list.toArray(new Converter[0]);
    }

    @Override
    public BackupRecord getCurrentRecord() {
        try {
            return record();
        } catch (IOException | RuntimeException e) {
            throw new BadRowException(e.getMessage(), e);
        }
    }

    @Override
    public GroupConverter getRootConverter() {
        return root;
    }

    private BackupRecord record() throws IOException {
        if (keyValues != (keyType == null ? 0 : 1) || keyType != null && !keyMatches()) {
            throw new IOException("user_key_type " + keyType + " does not match the user key columns set ("
                    + keyValues + " set, " + (keyValue == null ? "none" : keyValue.getClass().getSimpleName()) + ")");
        }
        RecordOperation op;
        try {
            op = RecordOperation.ofCode(operation);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (hasFallback) {
            Set<String> names = new HashSet<>();
            for (BackupBin bin : bins) {
                if (!names.add(bin.name())) {
                    throw new IOException("bin '" + bin.name() + "' appears twice in the row");
                }
            }
        }
        long voidTime = expires ? Math.subtractExact(expiresAt, BackupSchema.CITRUSLEAF_EPOCH_SECONDS) : 0;
        UserKey key = keyType == null ? null : new UserKey(keyType, keyValue);
        return new BackupRecord(digest, setName, key, generation, voidTime, op, bins);
    }

    private boolean keyMatches() {
        return keyType == ParticleTypes.INTEGER && keyValue instanceof Long
                || keyType == ParticleTypes.STRING && keyValue instanceof String
                || keyType == ParticleTypes.BLOB && keyValue instanceof byte[];
    }

    private void key(Object value) {
        keyValue = value;
        keyValues++;
    }

    private void bin(String name, int type, byte[] particle) {
        try {
            bins.add(BackupBin.ofParticle(name, type, particle));
        } catch (IOException e) {
            throw new BadRowException(e.getMessage(), e);
        }
    }

    /** Parquet may hand out a Binary over a buffer it reuses; a bin keeps its bytes, so copy then. */
    private static byte[] bytes(Binary b) {
        byte[] bytes = b.getBytes();
        return b.isBackingBytesReused() ? bytes.clone() : bytes;
    }

    private static PrimitiveConverter value(java.util.function.Consumer<Binary> sink) {
        return new PrimitiveConverter() {
            @Override
            public void addBinary(Binary value) {
                sink.accept(value);
            }
        };
    }

    private final class Root extends GroupConverter {
        @Override
        public Converter getConverter(int fieldIndex) {
            return converters[fieldIndex];
        }

        @Override
        public void start() {
            digest = null;
            setName = null;
            keyType = null;
            keyValue = null;
            keyValues = 0;
            generation = 0;
            expires = false;
            operation = null;
            bins.clear();
            hasFallback = false;
        }

        @Override
        public void end() {
        }
    }

    /** One typed bin column: the value back to particle bytes. */
    private final class BinColumn extends PrimitiveConverter {
        private final String name;
        private final int type;

        BinColumn(String name, int type) {
            this.name = name;
            this.type = type;
        }

        @Override
        public void addLong(long value) {
            bin(name, type, Particles.longBytes(value));
        }

        @Override
        public void addDouble(double value) {
            bin(name, type, Particles.longBytes(Double.doubleToRawLongBits(value)));
        }

        @Override
        public void addBoolean(boolean value) {
            bin(name, type, new byte[] {(byte) (value ? 1 : 0)});
        }

        @Override
        public void addBinary(Binary value) {
            bin(name, type, bytes(value));
        }
    }

    /** aerobackup_other_bins (LIST) → list → element {name, type, particle}. */
    private final class FallbackList extends GroupConverter {
        private String name;
        private int type;
        private byte[] particle;
        private final Converter[] fields = {
            value(b -> name = b.toStringUsingUTF8()),
            new PrimitiveConverter() {
                @Override
                public void addInt(int value) {
                    type = value;
                }
            },
            value(b -> particle = bytes(b)),
        };
        private final GroupConverter element = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return fields[fieldIndex];
            }

            @Override
            public void start() {
                name = null;
                particle = null;
            }

            @Override
            public void end() {
                bin(name, type, particle);
            }
        };
        private final GroupConverter list = new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
                return element;
            }

            @Override
            public void start() {
            }

            @Override
            public void end() {
            }
        };

        @Override
        public Converter getConverter(int fieldIndex) {
            return list;
        }

        @Override
        public void start() {
            hasFallback = true;
        }

        @Override
        public void end() {
        }
    }
}
