package io.aerobackup.embedded.security;

import org.mindrot.jbcrypt.BCrypt;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Users and sessions of a server with security enabled (an Enterprise feature on real servers).
 * A user's credential is what Aerospike clients send at login: the bcrypt hash of the password with
 * the clients' fixed salt; the server keeps that hash, never the password.
 */
public final class SecurityConfig {
    /** The salt Aerospike clients hash every password with, so that the hash can be compared. */
    static final String CLIENT_SALT = "$2a$10$7EqJtq98hPqEX7fNZaFWoO";
    /** Roles that allow writes (the predefined roles of Aerospike's access control). */
    static final Set<String> WRITE_ROLES = Set.of("read-write", "read-write-udf", "write", "superuser");
    public static final Duration DEFAULT_SESSION_TTL = Duration.ofDays(1);

    private final Map<String, User> users = new LinkedHashMap<>();
    private Duration sessionTtl = DEFAULT_SESSION_TTL;

    /** A user as the server keeps it: its credential hash and roles. */
    public record User(String name, String credential, Set<String> roles) {
        public boolean mayWrite() {
            return roles.stream().anyMatch(WRITE_ROLES::contains);
        }
    }

    /** Adds (or replaces) a user; roles as Aerospike names them ("read", "read-write", ...). */
    public synchronized SecurityConfig user(String name, String password, List<String> roles) {
        if (name == null || name.isEmpty() || password == null) {
            throw new IllegalArgumentException("a user needs a name and a password");
        }
        users.put(name, new User(name, credential(password), Set.copyOf(roles)));
        return this;
    }

    /** How long a session token is valid; the real server's session-ttl (default one day). */
    public synchronized SecurityConfig sessionTtl(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("session TTL must be positive, was " + ttl);
        }
        this.sessionTtl = ttl;
        return this;
    }

    public synchronized Duration sessionTtl() {
        return sessionTtl;
    }

    public synchronized User find(String name) {
        return users.get(name);
    }

    /** The hash a client sends for {@code password}. */
    static String credential(String password) {
        return BCrypt.hashpw(password, CLIENT_SALT);
    }
}
