package io.aerobackup.embedded.security;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/** Session tokens handed out at login, each for one user until its expiry (server clock). */
public final class Sessions {
    private static final long SWEEP_AFTER_MILLIS = 10 * 60_000L;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final LongSupplier nowMillis;

    /** A session: the user it belongs to and when it ends. */
    public record Session(String user, long expiresAtMillis) {
    }

    public Sessions(LongSupplier nowMillis) {
        this.nowMillis = nowMillis;
    }

    public byte[] open(String user, long ttlMillis) {
        // Logins are rare: the sweep keeps the map small; a recently expired token still answers EXPIRED_SESSION.
        long longAgo = nowMillis.getAsLong() - SWEEP_AFTER_MILLIS;
        byToken.values().removeIf(session -> session.expiresAtMillis() < longAgo);
        byte[] token = new byte[32];
        random.nextBytes(token);
        byToken.put(HexFormat.of().formatHex(token), new Session(user, nowMillis.getAsLong() + ttlMillis));
        return token;
    }

    /** The session of {@code token} (live or expired: see {@link #expired}), or null when unknown. */
    public Session find(byte[] token) {
        return byToken.get(HexFormat.of().formatHex(token));
    }

    public boolean expired(Session session) {
        return nowMillis.getAsLong() >= session.expiresAtMillis();
    }

    /** Fault injection: every session ends now, as if its TTL had passed. */
    public void expireAll() {
        long now = nowMillis.getAsLong();
        byToken.replaceAll((token, session) -> new Session(session.user(), Math.min(now, session.expiresAtMillis())));
    }
}
