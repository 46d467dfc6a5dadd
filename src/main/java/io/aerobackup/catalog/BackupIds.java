package io.aerobackup.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Backup ids sort by start time, to the millisecond: {@code 20261125T130512345Z-full-3fa2}. */
public final class BackupIds {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private BackupIds() {
    }

    public static String newId(Instant start, String kind) {
        return FORMAT.format(start) + "-" + kind + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }
}
