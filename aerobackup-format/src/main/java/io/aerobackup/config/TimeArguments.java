package io.aerobackup.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Times on the command line: UTC ISO-8601 with an explicit zone ({@code 2026-11-25T02:00:00Z},
 * {@code 2026-11-25T03:00:00+01:00}) or epoch seconds. A time without a zone is refused: the
 * local time zone is never guessed.
 */
public final class TimeArguments {
    private TimeArguments() {
    }

    public static Instant parse(String option, String value) {
        String v = value.trim();
        if (v.matches("\\d{1,12}")) {
            return Instant.ofEpochSecond(Long.parseLong(v));
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a time: use UTC ISO-8601 with a zone,"
                    + " e.g. 2026-11-25T02:00:00Z, or epoch seconds");
        }
    }
}
