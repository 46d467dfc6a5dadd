package io.aerobackup.catalog;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Backup ids sort by start time, to the millisecond: {@code 20261125T130512345Z-full-3fa2}. */
public final class BackupIds {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    /** Ids written before milliseconds were added: {@code 20261125T130512Z-full-3fa2}. */
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern ID = Pattern.compile("(\\d{8}T\\d{6}(\\d{3})?Z)-[a-z]+-[0-9a-f]{4}");

    private BackupIds() {
    }

    public static String newId(Instant start, String kind) {
        return FORMAT.format(start) + "-" + kind + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** The start time an id encodes, or empty when the name is not a backup id. */
    public static Optional<Instant> startTime(String backupId) {
        Matcher m = ID.matcher(backupId);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from((m.group(2) == null ? SECONDS : FORMAT).parse(m.group(1))));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
