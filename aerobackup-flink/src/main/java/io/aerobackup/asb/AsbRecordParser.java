package io.aerobackup.asb;

import io.aerobackup.record.BackupBin;
import io.aerobackup.record.BackupRecord;
import io.aerobackup.record.ParticleTypes;
import io.aerobackup.record.Particles;
import io.aerobackup.record.RecordOperation;
import io.aerobackup.record.UserKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses one .asb record: the {@code + k} (optional), {@code + n}, {@code + d}, {@code + s}
 * (optional), {@code + g}, {@code + t}, {@code + b} lines and the {@code -} bin lines, into a
 * {@link BackupRecord} with particle bytes as the server stores them. {@code + t} is the void-time
 * in seconds since 2010-01-01 (0 = never expires), which is what a BackupRecord keeps.
 */
final class AsbRecordParser {
    private final AsbTokens in;
    private final AsbListener listener;

    AsbRecordParser(AsbTokens in, AsbListener listener) {
        this.in = in;
        this.listener = listener;
    }

    void record() throws IOException {
        int startLine = in.line();
        char field = header("k, n");
        UserKey key = null;
        if (field == 'k') {
            key = key();
            field = header("n");
        }
        require(field, 'n');
        String namespace = in.token('\n', "the namespace");
        require(header("d"), 'd');
        int digestLine = in.line();
        byte[] digest = in.base64Line("the digest");
        if (digest.length != BackupRecord.DIGEST_LENGTH) {
            throw new AsbFormatException(in.file(), digestLine, "expected a 20-byte digest, found "
                    + digest.length + " bytes");
        }
        field = header("s, g");
        String set = null;
        if (field == 's') {
            set = in.token('\n', "the set name");
            field = header("g");
        }
        require(field, 'g');
        long generation = in.integer('\n', "the generation");
        require(header("t"), 't');
        long voidTime = in.integer('\n', "the void-time");
        require(header("b"), 'b');
        long binCount = in.integer('\n', "the number of bins");
        if (generation < 0 || generation > 0xFFFF) {
            throw new AsbFormatException(in.file(), in.line() - 3, "expected a generation 0..65535, found " + generation);
        }
        if (voidTime < 0 || voidTime > 0xFFFFFFFFL) {
            throw new AsbFormatException(in.file(), in.line() - 2, "expected a void-time 0..4294967295, found "
                    + voidTime);
        }
        if (binCount < 0 || binCount > 65535) {
            throw new AsbFormatException(in.file(), in.line() - 1, "expected a bin count 0..65535, found " + binCount);
        }
        List<BackupBin> bins = new ArrayList<>();
        for (long i = 0; i < binCount; i++) {
            BackupBin bin = bin();
            if (bin != null) {
                bins.add(bin);
            }
        }
        listener.record(namespace, new BackupRecord(digest, set, key, (int) generation, voidTime,
                RecordOperation.UPSERT, bins), startLine);
    }

    /** Reads "+ X " and returns X. */
    private char header(String expected) throws IOException {
        int c = in.peek();
        if (c != '+') {
            throw in.error("expected the record line '+ " + expected + "', found "
                    + (c < 0 ? "the end of the file" : "'" + AsbTokens.printable((char) c) + "'"));
        }
        in.read();
        in.expect(' ', "a space after '+'");
        char field = (char) in.readRequired("a record field (" + expected + ")");
        in.expect(' ', "a space after '+ " + AsbTokens.printable(field) + "'");
        return field;
    }

    private void require(char found, char expected) throws AsbFormatException {
        if (found != expected) {
            throw in.error("expected the record line '+ " + expected + "', found '+ " + AsbTokens.printable(found) + "'");
        }
    }

    private UserKey key() throws IOException {
        char type = (char) in.readRequired("the key type");
        switch (type) {
            case 'I':
                in.expect(' ', "a space after the key type");
                return new UserKey(ParticleTypes.INTEGER, in.integer('\n', "the integer key"));
            case 'S':
                in.expect(' ', "a space after the key type");
                return new UserKey(ParticleTypes.STRING, utf8(in.raw(in.size("the string key"), "the string key")));
            case 'X':
                in.expect(' ', "a space after the key type");
                return new UserKey(ParticleTypes.STRING, utf8(in.base64(in.size("the key"), "the base64 string key")));
            case 'B':
                return new UserKey(ParticleTypes.BLOB, bytes("the bytes key"));
            case 'D':
                throw in.error("a double user key cannot be stored by Aerospike; found '+ k D'");
            default:
                throw in.error("expected a key type I, S, X or B, found '" + AsbTokens.printable(type) + "'");
        }
    }

    /** The rest of a bytes line: '!' and raw bytes (compact), or base64. */
    private byte[] bytes(String what) throws IOException {
        boolean compact = in.peek() == '!';
        if (compact) {
            in.read();
        }
        in.expect(' ', "a space after the type");
        int size = in.size(what);
        return compact ? in.raw(size, what) : in.base64(size, what);
    }

    /** One bin line; null for a nil bin ("- N name"), which the server does not store. */
    private BackupBin bin() throws IOException {
        int c = in.peek();
        if (c != '-') {
            throw in.error("expected a bin line ('- '), found "
                    + (c < 0 ? "the end of the file" : "'" + AsbTokens.printable((char) c) + "'"));
        }
        in.read();
        in.expect(' ', "a space after '-'");
        char label = (char) in.readRequired("the bin type");
        int particleType = AsbTypes.particleType(label);
        if (label == 'N') {
            in.expect(' ', "a space after the bin type");
            in.token('\n', "the bin name");
            return null;
        }
        if (particleType < 0) {
            throw in.error("expected a bin type (N, Z, I, D, S, X, G, B, J, C, P, R, H, E, Y, M, L), found '"
                    + AsbTokens.printable(label) + "'" + (label == 'U' ? " (LDT bins are not supported)" : ""));
        }
        boolean compact = in.peek() == '!';
        if (compact) {
            if (!AsbTypes.isBytesLabel(label)) {
                throw in.error("'!' (compact bytes) after a non-bytes bin type '" + label + "'");
            }
            in.read();
        }
        in.expect(' ', "a space after the bin type");
        String name = in.token(' ', "the bin name");
        int line = in.line();
        byte[] particle = value(label, compact, name);
        try {
            return BackupBin.ofParticle(name, particleType, particle);
        } catch (IOException e) {
            throw new AsbFormatException(in.file(), line, "expected a valid " + ParticleTypes.name(particleType)
                    + " value: " + e.getMessage(), e);
        }
    }

    private byte[] value(char label, boolean compact, String name) throws IOException {
        String what = "the value of bin '" + name + "'";
        switch (label) {
            case 'Z': {
                int v = in.readRequired(what);
                in.expect('\n', "the end of the line after " + what);
                if (v != 'T' && v != 'F') {
                    throw new AsbFormatException(in.file(), in.line() - 1, "expected T or F for " + what
                            + ", found '" + AsbTokens.printable((char) v) + "'");
                }
                return new byte[] {(byte) (v == 'T' ? 1 : 0)};
            }
            case 'I': return Particles.longBytes(in.integer('\n', what));
            case 'D': return Particles.longBytes(Double.doubleToRawLongBits(in.decimal('\n', what)));
            case 'S': case 'G': return in.raw(in.size(what), what);
            case 'X': return in.base64(in.size(what), what);
            default: {
                int size = in.size(what);
                return compact ? in.raw(size, what) : in.base64(size, what);
            }
        }
    }

    private static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
