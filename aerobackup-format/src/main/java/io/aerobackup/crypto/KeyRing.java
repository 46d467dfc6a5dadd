package io.aerobackup.crypto;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The keys a reader was given, by key id: a chain whose members were written with different keys
 * (key rotation) is read with every key at once, each file and manifest finding its own by id.
 * Lives only in the JVM that loaded it (never Serializable, never printed with the keys).
 */
public final class KeyRing {
    public static final KeyRing EMPTY = new KeyRing(Map.of());

    private final Map<String, EncryptionKey> byId;

    private KeyRing(Map<String, EncryptionKey> byId) {
        this.byId = byId;
    }

    public static KeyRing of(Collection<EncryptionKey> keys) {
        Map<String, EncryptionKey> byId = new LinkedHashMap<>();
        for (EncryptionKey key : keys) {
            byId.putIfAbsent(key.id(), key);
        }
        return new KeyRing(Map.copyOf(byId));
    }

    public static KeyRing of(EncryptionKey... keys) {
        return of(List.of(keys));
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public Optional<EncryptionKey> find(String keyId) {
        return Optional.ofNullable(keyId == null ? null : byId.get(keyId));
    }

    /** The ids of the keys held (never the keys). */
    public Set<String> ids() {
        return byId.keySet();
    }

    @Override
    public String toString() {
        return "KeyRing" + ids();
    }
}
