package io.aerobackup.embedded.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aerobackup.embedded.particle.HllSketch;
import io.aerobackup.embedded.protocol.ResultCode;
import io.aerobackup.embedded.protocol.ServerException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/** The shape checks a real server applies to HyperLogLog and GeoJSON values on write. */
final class ParticleChecks {
    /** AS_ERR_GEO_INVALID_GEOJSON: the client has no constant for it. */
    static final int GEO_INVALID_GEOJSON = 160;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> GEO_TYPES = Set.of("Point", "Polygon", "MultiPolygon", "AeroCircle");

    private ParticleChecks() {
    }

    /** An HLL is a header then {@code ceil((6 + minhash) * 2^index / 8)} bytes of registers (hll_from_wire). */
    static void checkHll(byte[] bytes) {
        if (!HllSketch.isValid(bytes)) {
            throw new ServerException(ResultCode.PARAMETER_ERROR, "bad HLL of " + bytes.length + " bytes");
        }
    }

    /** GeoJSON travels as a flags byte, a 2-byte cell count, then the JSON text of a supported shape. */
    static void checkGeoJson(byte[] bytes) {
        if (bytes.length < 3) {
            throw new ServerException(GEO_INVALID_GEOJSON, "GeoJSON value too short");
        }
        try {
            JsonNode node = JSON.readTree(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
            if (node == null || !node.isObject() || !GEO_TYPES.contains(node.path("type").asText())
                    || !node.has("coordinates")) {
                throw new ServerException(GEO_INVALID_GEOJSON, "not a supported GeoJSON shape");
            }
        } catch (IOException e) {
            throw new ServerException(GEO_INVALID_GEOJSON, "invalid GeoJSON: " + e.getMessage());
        }
    }
}
