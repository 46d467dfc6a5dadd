package io.aerobackup.catalog.retention;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as retention options take them: one or more number-unit pairs, units {@code s}, {@code m}
 * (minutes), {@code h}, {@code d} (24 hours) and {@code w} (7 days): {@code 7d}, {@code 12h}, {@code 2w},
 * {@code 1d12h}.
 */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(\\d{1,9}[smhdw])+");
    private static final Pattern PART = Pattern.compile("(\\d{1,9})([smhdw])");

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @param option the option it came from, named in the error
     * @throws IllegalArgumentException naming the option and the accepted forms
     */
    public static Duration parse(String option, String value) {
        String v = value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!WHOLE.matcher(v).matches()) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a duration: use a number and a unit"
                    + " s, m, h, d or w, e.g. 7d, 12h, 2w or 1d12h");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(v);
        while (m.find()) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
        }
        return total;
    }

    /** The shortest form: 14d as "2w", 36h as "1d12h", 0 as "0s". */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        long[] sizes = {7 * 86400L, 86400L, 3600L, 60L, 1L};
        String[] units = {"w", "d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (seconds >= sizes[i]) {
                text.append(seconds / sizes[i]).append(units[i]);
                seconds %= sizes[i];
            }
        }
        return text.toString();
    }

    /** An age for people: "3d4h", "2h15m", "40s"; the two largest units only. */
    public static String formatAge(Duration age) {
        String full = format(age.isNegative() ? Duration.ZERO : Duration.ofSeconds(age.getSeconds()));
        Matcher m = PART.matcher(full);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2 && m.find(); i++) {
            text.append(m.group());
        }
        return text.toString();
    }
}
