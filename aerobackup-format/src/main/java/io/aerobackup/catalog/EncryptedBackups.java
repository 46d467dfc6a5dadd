package io.aerobackup.catalog;

import io.aerobackup.crypto.EncryptionKey;
import io.aerobackup.crypto.KeyRing;
import io.aerobackup.crypto.ManifestMac;
import org.apache.flink.core.fs.Path;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before any data file is read, that the keys given open every encrypted backup of a
 * chain and that each encrypted backup's manifest is the one its writer signed. Backups without
 * encryption need no key (a chain may mix them, e.g. an old full under encrypted deltas).
 */
public final class EncryptedBackups {
    static final String GIVE_KEY = "give its key with --encryption-key-file FILE (repeatable, or a folder of key"
            + " files) or --encryption-key-env VAR";
    static final String CHANGED = "do not restore this backup: its manifest was changed after it was written"
            + " (or the manifest belongs to another key); take a new full backup";

    private EncryptedBackups() {
    }

    /** Whether the problem is that a backup's key was not given (bad input), not damage. */
    public static boolean needsKey(BackupVerifier.Problem problem) {
        return GIVE_KEY.equals(problem.action());
    }

    /** The problems of the chain's members, oldest first; empty when every key is there and every HMAC holds. */
    public static List<BackupVerifier.Problem> check(Catalog catalog, List<BackupManifest> members, KeyRing keys)
            throws IOException {
        List<BackupVerifier.Problem> problems = new ArrayList<>();
        for (BackupManifest member : members) {
            BackupVerifier.Problem problem = check(catalog, member, keys);
            if (problem != null) {
                problems.add(problem);
            }
        }
        return problems;
    }

    /** The one problem of one backup's encryption, or null. */
    public static BackupVerifier.Problem check(Catalog catalog, BackupManifest manifest, KeyRing keys)
            throws IOException {
        Path path = CatalogPaths.manifest(catalog.root(), manifest.namespace(), manifest.backupId());
        String file = path.toString();
        if (!manifest.encrypted()) {
            if (manifest.manifestHmac() != null || manifest.formatVersion() >= BackupManifest.FORMAT_VERSION_ENCRYPTED) {
                return new BackupVerifier.Problem(manifest.backupId(), file, "is a format "
                        + manifest.formatVersion() + " manifest without encryptionKeyId", CHANGED);
            }
            return null;
        }
        Optional<EncryptionKey> key = keys.find(manifest.encryptionKeyId());
        if (key.isEmpty()) {
            String what = keys.isEmpty()
                    ? "backup " + manifest.backupId() + " is encrypted (key id " + manifest.encryptionKeyId()
                            + ") and needs its key, but no encryption key was given"
                    : "backup " + manifest.backupId() + " is encrypted with key id " + manifest.encryptionKeyId()
                            + ", which does not match the key(s) given (key ids " + String.join(", ", keys.ids()) + ")";
            return new BackupVerifier.Problem(manifest.backupId(), file, what, GIVE_KEY);
        }
        if (!ManifestMac.verify(catalog.readBytes(path), key.get())) {
            return new BackupVerifier.Problem(manifest.backupId(), file, "fails its HMAC check", CHANGED);
        }
        return null;
    }
}
