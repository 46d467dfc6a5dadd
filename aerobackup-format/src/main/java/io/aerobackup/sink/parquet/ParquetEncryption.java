package io.aerobackup.sink.parquet;

import io.aerobackup.crypto.EncryptionKey;
import io.aerobackup.crypto.KeyRing;
import org.apache.parquet.crypto.DecryptionKeyRetriever;
import org.apache.parquet.crypto.FileDecryptionProperties;
import org.apache.parquet.crypto.FileEncryptionProperties;
import org.apache.parquet.crypto.KeyAccessDeniedException;
import org.apache.parquet.crypto.ParquetCipher;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Parquet modular encryption of backup files (docs/FORMAT.md, "Encryption"), by parquet-java's own
 * implementation: AES-GCM (AES_GCM_V1), encrypted footer, every column encrypted with the footer
 * key ("uniform encryption"). The footer key is the key's derived data key; the footer key metadata
 * is the key id in UTF-8, by which a reader holding several keys (a rotated chain) finds the one
 * a file needs.
 */
final class ParquetEncryption {
    private ParquetEncryption() {
    }

    static FileEncryptionProperties forWriting(EncryptionKey key) {
        return FileEncryptionProperties.builder(key.dataKey())
                .withAlgorithm(ParquetCipher.AES_GCM_V1)
                .withFooterKeyMetadata(key.id().getBytes(StandardCharsets.UTF_8))
                .build();
    }

    /** Reads encrypted files whose key id is in {@code keys}, and plaintext files. */
    static FileDecryptionProperties forReading(KeyRing keys, String file) {
        return FileDecryptionProperties.builder().withKeyRetriever(new RingRetriever(keys, file))
                .withPlaintextFilesAllowed().build();
    }

    /** Finds a file's key by the key id in its key metadata. */
    private static final class RingRetriever implements DecryptionKeyRetriever {
        private final KeyRing keys;
        private final String file;

        RingRetriever(KeyRing keys, String file) {
            this.keys = keys;
            this.file = file;
        }

        @Override
        public byte[] getKey(byte[] keyMetaData) throws KeyAccessDeniedException {
            String keyId = keyMetaData == null ? null : new String(keyMetaData, StandardCharsets.UTF_8);
            Optional<EncryptionKey> key = keys.find(keyId);
            if (key.isPresent()) {
                return key.get().dataKey();
            }
            throw new KeyAccessDeniedException(keys.isEmpty()
                    ? "backup file " + file + " is encrypted (key id " + keyId + ") and needs its key, but no"
                            + " encryption key was given (--encryption-key-file or --encryption-key-env)"
                    : "backup file " + file + " is encrypted with key id " + keyId + ", which does not match the"
                            + " key(s) given (key ids " + String.join(", ", keys.ids()) + ")");
        }
    }
}
