package io.aerobackup.estimate;

import io.aerobackup.catalog.retention.Durations;

import java.time.Duration;
import java.util.Locale;

/** Cron-able intervals, and how durations and sizes are shown to people. */
public final class Schedules {
    private static final int[] MINUTES = {1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30};
    private static final int[] HOURS = {1, 2, 3, 4, 6, 8, 12};
    public static final Duration DAY = Duration.ofDays(1);
    public static final Duration WEEK = Duration.ofDays(7);
    public static final Duration MONTH = Duration.ofDays(30);

    private Schedules() {
    }

    /** The longest interval a cron line can repeat at that is not longer than {@code max}; at least a minute. */
    public static Duration cronable(Duration max) {
        if (max.compareTo(MONTH) >= 0) {
            return MONTH;
        }
        if (max.compareTo(WEEK) >= 0) {
            return WEEK;
        }
        if (max.compareTo(DAY) >= 0) {
            return DAY;
        }
        for (int i = HOURS.length - 1; i >= 0; i--) {
            if (max.compareTo(Duration.ofHours(HOURS[i])) >= 0) {
                return Duration.ofHours(HOURS[i]);
            }
        }
        for (int i = MINUTES.length - 1; i >= 0; i--) {
            if (max.compareTo(Duration.ofMinutes(MINUTES[i])) >= 0) {
                return Duration.ofMinutes(MINUTES[i]);
            }
        }
        return Duration.ofMinutes(1);
    }

    /**
     * The longest cron interval X, not shorter than {@code floor}, at which {@code work(X)} (the time a
     * backup of X takes) is at most half of X and X plus it is within {@code rpo}; null when none is.
     */
    public static Duration longestFitting(Duration rpo, Duration floor, java.util.function.Function<Duration, Duration> work) {
        for (Duration x = cronable(rpo); x.compareTo(floor) >= 0; x = shorter(x)) {
            Duration t = work.apply(x);
            if (t.compareTo(x.dividedBy(2)) <= 0 && x.plus(t).compareTo(rpo) <= 0) {
                return x;
            }
            if (x.equals(Duration.ofMinutes(1))) {
                break;
            }
        }
        return null;
    }

    /** The next shorter cron interval. */
    private static Duration shorter(Duration x) {
        return cronable(x.minusSeconds(1));
    }

    /** A cron line (UTC) for an interval {@link #cronable} returned; fulls run at 02:00, as in the article. */
    public static String cron(Duration every) {
        if (every.compareTo(MONTH) >= 0) {
            return "0 2 1 * *";
        }
        if (every.compareTo(WEEK) >= 0) {
            return "0 2 * * 0";
        }
        if (every.compareTo(DAY) >= 0) {
            return "0 2 * * *";
        }
        if (every.toHours() >= 1) {
            return every.toHours() == 1 ? "0 * * * *" : "0 */" + every.toHours() + " * * *";
        }
        long m = Math.max(1, every.toMinutes());
        return m == 1 ? "* * * * *" : "*/" + m + " * * * *";
    }

    /** "2h15m", "40.3s", "850ms". */
    public static String duration(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        if (d.compareTo(Duration.ofMinutes(1)) < 0 && d.toMillis() % 1000 != 0) {
            return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
        }
        return Durations.formatAge(d);
    }

    /** "1.2 GiB", "512 B". */
    public static String bytes(double bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int u = 0;
        double v = bytes;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    public static String half(Duration d) {
        return duration(d.dividedBy(2));
    }
}
