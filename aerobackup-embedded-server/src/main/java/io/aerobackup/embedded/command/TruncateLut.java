package io.aerobackup.embedded.command;

/**
 * The {@code lut} of {@code truncate} as the real server reads it (as/src/base/truncate.c): C
 * {@code strtoul} with base 0 (0x hex, leading 0 octal, else decimal; no digits is 0, overflow is
 * the largest value), nanoseconds since the Unix epoch turned into milliseconds since the
 * Citrusleaf epoch (2010-01-01; earlier is 0). 0 is "would truncate to 0", after now "would
 * truncate in the future".
 */
final class TruncateLut {
    private static final long CITRUSLEAF_EPOCH_MS = 1_262_304_000_000L;
    private static final int MAX_LENGTH = 23;

    private TruncateLut() {
    }

    /** The cut, in Unix milliseconds, for {@code lut}; throws the real server's error otherwise. */
    static long cutMillis(String lut, long nowMillis) {
        if (lut.isEmpty()) {
            throw new InfoParams.InfoError(4, "missing 'lut' value");
        }
        if (lut.length() > MAX_LENGTH) {
            throw new InfoParams.InfoError(4, "'lut' value too long");
        }
        long utcNanos = strtoul(lut);
        long epochNanos = CITRUSLEAF_EPOCH_MS * 1_000_000L;
        long clepochMillis = Long.compareUnsigned(utcNanos, epochNanos) > 0
                ? Long.divideUnsigned(utcNanos - epochNanos, 1_000_000L) : 0;
        if (clepochMillis == 0) {
            throw new InfoParams.InfoError(4, "would truncate to 0");
        }
        if (Long.compareUnsigned(clepochMillis, nowMillis - CITRUSLEAF_EPOCH_MS) > 0) {
            throw new InfoParams.InfoError(4, "would truncate in the future");
        }
        return clepochMillis + CITRUSLEAF_EPOCH_MS;
    }

    /** C strtoul(text, NULL, 0) on a 64-bit platform. */
    static long strtoul(String text) {
        int i = 0;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
            negative = text.charAt(i) == '-';
            i++;
        }
        int base = 10;
        if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
            if (i + 2 < text.length() && Character.digit(text.charAt(i + 2), 16) >= 0) {
                base = 16;
                i += 2;
            }
        } else if (text.startsWith("0", i)) {
            base = 8;
        }
        long value = 0;
        boolean overflow = false;
        for (; i < text.length(); i++) {
            int digit = Character.digit(text.charAt(i), base);
            if (digit < 0) {
                break;
            }
            long limit = Long.divideUnsigned(-1L - digit, base);
            if (Long.compareUnsigned(value, limit) > 0) {
                overflow = true;
            }
            value = value * base + digit;
        }
        if (overflow) {
            return -1L;
        }
        return negative ? -value : value;
    }
}
