package io.aerobackup.restore.record;



import io.aerobackup.record.CodecTypeInfo;
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
public final class RestoreRecordTypeInfo extends CodecTypeInfo<RestoreRecord> {
    private static final long serialVersionUID = 1L;

    public static final RestoreRecordTypeInfo INSTANCE = new RestoreRecordTypeInfo();

    public RestoreRecordTypeInfo() {
        super(RestoreRecord.class);
    }

    @Override
    protected TypeSerializer<RestoreRecord> serializer() {
        return RestoreRecordSerializer.INSTANCE;
    }

    /** Lets Flink's type extraction find {@link RestoreRecordTypeInfo} through the annotation. */
    public static final class Factory extends TypeInfoFactory<RestoreRecord> {
        @Override
        public TypeInformation<RestoreRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
