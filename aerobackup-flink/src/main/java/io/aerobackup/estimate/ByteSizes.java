package io.aerobackup.estimate;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as options take them: 500GiB, 2TB, 1.5t, 1048576 (bytes); K/M/G/T/P are powers of 1024. */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b)?");

    private ByteSizes() {
    }

    /** @throws IllegalArgumentException naming the option and the accepted forms */
    public static long parse(String option, String value) {
        Matcher m = SIZE.matcher(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a size: use a number and an optional"
                    + " unit K, M, G, T or P (powers of 1024), e.g. 500G, 2TiB or 1.5T");
        }
        int power = m.group(2).isEmpty() ? 0 : "kmgtp".indexOf(m.group(2)) + 1;
        double bytes = Double.parseDouble(m.group(1)) * Math.pow(1024, power);
        if (bytes < 1 || bytes > Long.MAX_VALUE) {
            throw new IllegalArgumentException(option + " '" + value + "' is out of range");
        }
        return (long) bytes;
    }
}
