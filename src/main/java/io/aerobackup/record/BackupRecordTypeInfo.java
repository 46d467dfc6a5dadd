package io.aerobackup.record;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink type information for {@link BackupRecord}, serialized by {@link BackupRecordSerializer}.
 * BackupRecord carries {@code @TypeInfo(BackupRecordTypeInfo.Factory.class)}, so Flink's type
 * extraction picks this up by itself; pass {@link #INSTANCE} where a TypeInformation is asked for.
 */
public final class BackupRecordTypeInfo extends TypeInformation<BackupRecord> {
    private static final long serialVersionUID = 1L;

    public static final BackupRecordTypeInfo INSTANCE = new BackupRecordTypeInfo();

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<BackupRecord> getTypeClass() {
        return BackupRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<BackupRecord> createSerializer(SerializerConfig config) {
        return BackupRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "BackupRecordTypeInfo";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof BackupRecordTypeInfo;
    }

    @Override
    public int hashCode() {
        return BackupRecordTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof BackupRecordTypeInfo;
    }

    /** Lets Flink's type extraction find {@link BackupRecordTypeInfo} through the annotation. */
    public static final class Factory extends TypeInfoFactory<BackupRecord> {
        @Override
        public TypeInformation<BackupRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
