package io.aerobackup.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;

/** Manifest JSON: pretty, stable field order, unknown fields tolerated only within the same major version. */
public final class ManifestCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ManifestCodec() {
    }

    public static byte[] toJson(BackupManifest manifest) {
        try {
            return MAPPER.writeValueAsBytes(manifest);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode manifest " + manifest.backupId(), e);
        }
    }

    /** Parses a manifest; {@code source} names it in errors. */
    public static BackupManifest fromJson(byte[] json, String source) throws IOException {
        BackupManifest manifest = JsonDocuments.parse(MAPPER, json, BackupManifest.class, "manifest " + source);
        if (manifest.formatVersion() > BackupManifest.MAX_FORMAT_VERSION) {
            throw new IOException("manifest " + source + " has format version " + manifest.formatVersion()
                    + "; this aerobackup reads up to " + BackupManifest.MAX_FORMAT_VERSION + " (upgrade aerobackup)");
        }
        if (manifest.backupId() == null || manifest.namespace() == null || manifest.files() == null) {
            throw new IOException("manifest " + source + " lacks backupId, namespace or files");
        }
        return manifest;
    }
}
