package io.aerobackup.record;

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
public final class BackupRecordTypeInfo extends CodecTypeInfo<BackupRecord> {
    private static final long serialVersionUID = 1L;

    public static final BackupRecordTypeInfo INSTANCE = new BackupRecordTypeInfo();

    public BackupRecordTypeInfo() {
        super(BackupRecord.class);
    }

    @Override
    protected TypeSerializer<BackupRecord> serializer() {
        return BackupRecordSerializer.INSTANCE;
    }

    /** Lets Flink's type extraction find {@link BackupRecordTypeInfo} through the annotation. */
    public static final class Factory extends TypeInfoFactory<BackupRecord> {
        @Override
        public TypeInformation<BackupRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
