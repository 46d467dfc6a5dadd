package io.aerobackup.objectstore;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/** Picks the object-store locations ({@code s3://}, {@code s3a://}, {@code s3p://}) out of option or configuration values. */
public final class ObjectStoreLocations {
    private static final Pattern OBJECT_STORE_URI = Pattern.compile("(?i)s3[ap]?://[^/\\s]+.*");

    private ObjectStoreLocations() {
    }

    public static List<URI> in(Collection<String> values) {
        List<URI> locations = new ArrayList<>();
        for (String value : values) {
            if (value != null && OBJECT_STORE_URI.matcher(value.trim()).matches()) {
                locations.add(URI.create(value.trim()));
            }
        }
        return locations;
    }
}
