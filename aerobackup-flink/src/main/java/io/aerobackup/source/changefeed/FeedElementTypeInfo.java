package io.aerobackup.source.changefeed;

import io.aerobackup.record.CodecTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

import java.lang.reflect.Type;
import java.util.Map;

/** Flink type information for {@link FeedElement}, serialized by {@link FeedElementSerializer}. */
public final class FeedElementTypeInfo extends CodecTypeInfo<FeedElement> {
    private static final long serialVersionUID = 1L;

    public static final FeedElementTypeInfo INSTANCE = new FeedElementTypeInfo();

    public FeedElementTypeInfo() {
        super(FeedElement.class);
    }

    @Override
    protected TypeSerializer<FeedElement> serializer() {
        return FeedElementSerializer.INSTANCE;
    }

    /** Lets Flink's type extraction find this through the annotation on {@link FeedElement}. */
    public static final class Factory extends TypeInfoFactory<FeedElement> {
        @Override
        public TypeInformation<FeedElement> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
            return INSTANCE;
        }
    }
}
