package io.aerobackup.restore;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/**
 * Flink type information for {@link RestoreRecord}, serialized by {@link RestoreRecordSerializer}.
 * RestoreRecord carries {@code @TypeInfo(RestoreRecordTypeInfo.Factory.class)}, so type extraction
 * finds it by itself; pass {@link #INSTANCE} where a TypeInformation is asked for.
 */
public final class RestoreRecordTypeInfo extends TypeInformation<RestoreRecord> {
    private static final long serialVersionUID = 1L;

    public static final RestoreRecordTypeInfo INSTANCE = new RestoreRecordTypeInfo();

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
    public Class<RestoreRecord> getTypeClass() {
        return RestoreRecord.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<RestoreRecord> createSerializer(SerializerConfig config) {
        return RestoreRecordSerializer.INSTANCE;
    }

    @Override
    public String toString() {
        return "RestoreRecordTypeInfo";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof RestoreRecordTypeInfo;
    }

    @Override
    public int hashCode() {
        return RestoreRecordTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof RestoreRecordTypeInfo;
    }

    /** Lets Flink's type extraction find {@link RestoreRecordTypeInfo} through the annotation. */
    public static final class Factory extends TypeInfoFactory<RestoreRecord> {
        @Override
        public TypeInformation<RestoreRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
