package io.aerobackup.asb;

import io.aerobackup.catalog.BackupManifest;
import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.UserKey;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Writes .asb text (version 3.1) with asbackup's encoding rules: names '\'-escaped (backslash,
 * space, newline), strings and GeoJSON as length-prefixed raw UTF-8, bytes, HLL, lists and maps as
 * length-prefixed base64 of the particle bytes, doubles with 17 significant digits, booleans as T/F,
 * {@code + t} the void-time in seconds since 2010-01-01 (0 = never expires).
 */
public final class AsbWriter {
    private static final java.math.MathContext SEVENTEEN = new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN);

    private final OutputStream out;

    public AsbWriter(OutputStream out) {
        this.out = out;
    }

    public void header(String namespace, boolean firstFile) throws IOException {
        text("Version 3.1\n# namespace " + escape(namespace) + "\n");
        if (firstFile) {
            text("# first-file\n");
        }
    }

    public void udf(BackupManifest.Udf udf) throws IOException {
        byte[] content = Base64.getDecoder().decode(udf.contentBase64());
        text("* u L " + escape(udf.name()) + " " + content.length + " ");
        out.write(content);
        text("\n");
    }

    /** Writes a secondary index; false (nothing written) for one .asb cannot express (no bin path). */
    public boolean secondaryIndex(String namespace, BackupManifest.SecondaryIndex index) throws IOException {
        char collection = collectionLabel(index.indexType());
        char path = pathLabel(index.type());
        if (index.bin() == null || collection == 0 || path == 0) {
            return false;
        }
        text("* i " + escape(namespace) + " " + (index.set() == null ? "" : escape(index.set())) + " "
                + escape(index.name()) + " " + collection + " 1 " + escape(index.bin()) + " " + path
                + (index.context() == null ? "" : " " + escape(index.context())) + "\n");
        return true;
    }

    public void record(String namespace, BackupRecord record) throws IOException {
        UserKey key = record.userKey();
        if (key != null) {
            switch (key.particleType()) {
                case ParticleTypes.INTEGER: text("+ k I " + key.value() + "\n"); break;
                case ParticleTypes.STRING: data("+ k S ", ((String) key.value()).getBytes(StandardCharsets.UTF_8)); break;
                default: base64("+ k B ", (byte[]) key.value());
            }
        }
        text("+ n " + escape(namespace) + "\n+ d " + Base64.getEncoder().encodeToString(record.digest()) + "\n");
        if (record.setName() != null) {
            text("+ s " + escape(record.setName()) + "\n");
        }
        text("+ g " + record.generation() + "\n+ t " + record.voidTime() + "\n+ b " + record.bins().size() + "\n");
        for (BackupBin bin : record.bins()) {
            bin(bin);
        }
    }

    private void bin(BackupBin bin) throws IOException {
        char label = AsbTypes.label(bin.particleType());
        String prefix = "- " + label + " " + escape(bin.name()) + " ";
        byte[] p = bin.particle();
        switch (bin.particleType()) {
            case ParticleTypes.BOOL: text(prefix + (p[0] != 0 ? 'T' : 'F') + "\n"); break;
            case ParticleTypes.INTEGER: text(prefix + Particles.toLong(p) + "\n"); break;
            case ParticleTypes.DOUBLE: text(prefix + double17(Double.longBitsToDouble(Particles.toLong(p))) + "\n"); break;
            case ParticleTypes.STRING:
            case ParticleTypes.GEOJSON: data(prefix, p); break;
            default: base64(prefix, p);
        }
    }

    private void data(String prefix, byte[] raw) throws IOException {
        text(prefix + raw.length + " ");
        out.write(raw);
        text("\n");
    }

    private void base64(String prefix, byte[] raw) throws IOException {
        data(prefix, Base64.getEncoder().encode(raw));
    }

    private void text(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    /** asbackup's '\'-escape of names: backslash, space and newline. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 4);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == ' ' || c == '\n') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** C's {@code %.17g}: 17 significant digits, trailing zeros dropped; reads back to the same double. */
    static String double17(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return 1 / v < 0 ? "-0" : "0";
        }
        java.math.BigDecimal exact = new java.math.BigDecimal(v).round(SEVENTEEN);
        String digits = stripZeros(exact.unscaledValue().abs().toString());
        int exponent = exact.unscaledValue().abs().toString().length() - 1 - exact.scale();
        String sign = v < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 17) {
            String mantissa = digits.charAt(0) + (digits.length() > 1 ? "." + digits.substring(1) : "");
            int abs = Math.abs(exponent);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs < 10 ? "0" : "") + abs;
        }
        return sign + exact.abs().stripTrailingZeros().toPlainString();
    }

    /** Trailing zeros of a digit string (at least one digit is kept). */
    private static String stripZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }

    private static char collectionLabel(String indexType) {
        String t = indexType == null ? "default" : indexType.toLowerCase(Locale.ROOT);
        switch (t) {
            case "default": case "none": return 'N';
            case "list": return 'L';
            case "mapkeys": return 'K';
            case "mapvalues": return 'V';
            default: return 0;
        }
    }

    private static char pathLabel(String type) {
        String t = type == null ? "" : type.toUpperCase(Locale.ROOT);
        switch (t) {
            case "STRING": return 'S';
            case "NUMERIC": return 'N';
            case "GEO2DSPHERE": return 'G';
            case "BLOB": return 'B';
            default: return 0;
        }
    }
}
