package io.aerobackup.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/** Reading the JSON documents aerobackup writes (manifests, restore summaries, replication status). */
public final class JsonDocuments {
    private JsonDocuments() {
    }

    /** {@code json} as a {@code type}; the IOException names {@code what} ("manifest x.json") when it is not valid. */
    public static <T> T parse(ObjectMapper mapper, byte[] json, Class<T> type, String what) throws IOException {
        try {
            return mapper.readValue(json, type);
        } catch (IOException e) {
            throw new IOException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
