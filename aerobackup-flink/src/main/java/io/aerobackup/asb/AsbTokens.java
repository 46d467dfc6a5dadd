package io.aerobackup.asb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The byte-level reader under the .asb parser: single characters, space- or newline-ended tokens
 * ('\'-escaped in version 3.1), decimal numbers and length-prefixed raw data, while counting lines
 * (raw data may hold newlines) so that every error names the file and the line.
 */
final class AsbTokens {
    private static final int MAX_TOKEN = 1 << 20;

    private final InputStream in;
    private final String file;
    private int line = 1;
    private int peeked = -2;
    private boolean escapes = true;

    AsbTokens(InputStream in, String file) {
        this.in = in;
        this.file = file;
    }

    String file() {
        return file;
    }

    int line() {
        return line;
    }

    /** Version 3.0 files do not escape spaces, newlines and backslashes in names. */
    void escapes(boolean on) {
        this.escapes = on;
    }

    AsbFormatException error(String message) {
        return new AsbFormatException(file, line, message);
    }

    /** The next byte without consuming it, or -1 at the end. */
    int peek() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked;
    }

    /** The next byte, or -1 at the end. */
    int read() throws IOException {
        int c = peek();
        peeked = -2;
        if (c == '\n') {
            line++;
        }
        return c;
    }

    int readRequired(String expected) throws IOException {
        int c = read();
        if (c < 0) {
            throw error("the file ends early; expected " + expected);
        }
        return c;
    }

    void expect(char ch, String what) throws IOException {
        int at = line;
        int c = read();
        if (c != ch) {
            throw new AsbFormatException(file, at, "expected " + what + " ('" + printable(ch) + "'), found "
                    + (c < 0 ? "the end of the file" : "'" + printable((char) c) + "'"));
        }
    }

    /** A token ended by {@code end} (' ' or '\n'), which is consumed; '\' escapes in 3.1 files. */
    String token(char end, String what) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int c = readRequired(what);
            if (c == end) {
                return out.toString(StandardCharsets.UTF_8);
            }
            if (c == '\n') {
                throw new AsbFormatException(file, line - 1, "expected " + what + " followed by a space, found the"
                        + " end of the line");
            }
            if (c == '\\' && escapes) {
                c = readRequired(what);
            }
            if (out.size() >= MAX_TOKEN) {
                throw error("expected " + what + ", found more than " + MAX_TOKEN + " bytes without a separator");
            }
            out.write(c);
        }
    }

    /** The rest of the line as a token that may be empty or end the line: returns the token and its end. */
    String tokenUntilSpaceOrNewline(String what, boolean[] endedLine) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            int c = readRequired(what);
            if (c == ' ' || c == '\n') {
                endedLine[0] = c == '\n';
                return out.toString(StandardCharsets.UTF_8);
            }
            if (c == '\\' && escapes) {
                c = readRequired(what);
            }
            if (out.size() >= MAX_TOKEN) {
                throw error("expected " + what + ", found more than " + MAX_TOKEN + " bytes without a separator");
            }
            out.write(c);
        }
    }

    long integer(char end, String what) throws IOException {
        int at = line;
        String text = token(end, what);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new AsbFormatException(file, at, "expected " + what + " (a decimal integer), found '" + text + "'");
        }
    }

    int size(String what) throws IOException {
        long n = integer(' ', what + " length");
        if (n < 0 || n > Integer.MAX_VALUE - 8) {
            throw error("expected a length for " + what + ", found " + n);
        }
        return (int) n;
    }

    double decimal(char end, String what) throws IOException {
        int at = line;
        String text = token(end, what);
        String t = text.toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            case "nan": case "-nan": case "+nan": return Double.NaN;
            default:
                try {
                    if (t.isEmpty() || !Character.isDigit(t.charAt(t.length() - 1)) && t.charAt(t.length() - 1) != '.') {
                        throw new NumberFormatException();
                    }
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AsbFormatException(file, at, "expected " + what + " (a decimal number), found '"
                            + text + "'");
                }
        }
    }

    /** Exactly {@code n} raw bytes (newlines count as lines), then the line's end. */
    byte[] raw(int n, String what) throws IOException {
        int at = line;
        byte[] data;
        if (n == 0) {
            data = new byte[0];
        } else {
            int first = read();
            // readNBytes grows its buffer as bytes arrive: a bad length does not allocate gigabytes up front.
            byte[] rest = first < 0 ? new byte[0] : in.readNBytes(n - 1);
            if (first < 0 || rest.length < n - 1) {
                throw new AsbFormatException(file, at, "the file ends inside " + what + " (" + n + " bytes expected, "
                        + (first < 0 ? 0 : rest.length + 1) + " found)");
            }
            data = new byte[n];
            data[0] = (byte) first;
            System.arraycopy(rest, 0, data, 1, rest.length);
            for (byte b : rest) {
                if (b == '\n') {
                    line++;
                }
            }
        }
        expect('\n', "the end of the line after " + what);
        return data;
    }

    /** A base64 text of {@code n} characters, decoded, then the line's end. */
    byte[] base64(int n, String what) throws IOException {
        int at = line;
        byte[] text = raw(n, what);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AsbFormatException(file, at, "expected base64 for " + what + ": " + e.getMessage());
        }
    }

    /** A base64 token that ends the line, decoded. */
    byte[] base64Line(String what) throws IOException {
        int at = line;
        String text = token('\n', what);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new AsbFormatException(file, at, "expected base64 for " + what + ": " + e.getMessage());
        }
    }

    static String printable(char c) {
        return c == '\n' ? "\\n" : c < 32 || c > 126 ? String.format("\\x%02x", (int) c) : String.valueOf(c);
    }
}
