package io.aerobackup.embedded.security;

import io.aerobackup.embedded.protocol.AdminCodec;
import io.aerobackup.embedded.protocol.ProtocolException;
import io.aerobackup.embedded.protocol.ResultCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The security commands a client needs: login (user and credential, or the client certificate for
 * PKI; answers a session token and its TTL) and authenticate (user and session token, on every new
 * connection). Every other security command is refused with INVALID_COMMAND.
 */
public final class AdminHandler {
    private static final Logger LOG = LoggerFactory.getLogger(AdminHandler.class);

    private final SecurityConfig config;
    private final Sessions sessions;

    public AdminHandler(SecurityConfig config, Sessions sessions) {
        this.config = config;
        this.sessions = sessions;
    }

    /** What a connection knows about its peer: the user it logged in as, and its certificate's name. */
    public interface Peer {
        /** The CN of the client certificate (mutual TLS), or null. */
        String certificateName();

        /** The user the connection logged in or authenticated as; null before. */
        SecurityConfig.User user();

        void authenticated(SecurityConfig.User user);
    }

    /** Answers one security request with a whole reply frame. */
    public byte[] handle(byte[] body, Peer peer) {
        AdminCodec.Request request;
        try {
            request = AdminCodec.decode(body);
        } catch (ProtocolException e) {
            LOG.debug("malformed security message: {}", e.getMessage());
            return AdminCodec.reply(ResultCode.INVALID_FIELD, Map.of());
        }
        switch (request.command()) {
            case AdminCodec.LOGIN:
                return login(request, peer);
            case AdminCodec.AUTHENTICATE:
                return authenticate(request, peer);
            default:
                return AdminCodec.reply(ResultCode.INVALID_COMMAND, Map.of());
        }
    }

    private byte[] login(AdminCodec.Request request, Peer peer) {
        byte[] name = request.field(AdminCodec.FIELD_USER);
        SecurityConfig.User user;
        if (name == null) {
            // PKI: the user is the client certificate's common name
            String cn = peer.certificateName();
            user = cn == null ? null : config.find(cn);
            if (user == null) {
                LOG.debug("PKI login refused: certificate name {}", cn);
                return AdminCodec.reply(cn == null ? ResultCode.INVALID_CREDENTIAL : ResultCode.INVALID_USER,
                        Map.of());
            }
        } else {
            user = config.find(new String(name, StandardCharsets.UTF_8));
            if (user == null) {
                return AdminCodec.reply(ResultCode.INVALID_USER, Map.of());
            }
            byte[] credential = request.field(AdminCodec.FIELD_CREDENTIAL);
            byte[] clear = request.field(AdminCodec.FIELD_CLEAR_PASSWORD);
            if (clear != null) {
                // EXTERNAL: no LDAP here; the clear password is checked against the user's own
                credential = SecurityConfig.credential(new String(clear, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
            }
            if (credential == null || !MessageDigest.isEqual(credential,
                    user.credential().getBytes(StandardCharsets.UTF_8))) {
                LOG.debug("login refused for user {}: wrong password", user.name());
                return AdminCodec.reply(ResultCode.INVALID_PASSWORD, Map.of());
            }
        }
        long ttlSeconds = config.sessionTtl().toSeconds();
        byte[] token = sessions.open(user.name(), config.sessionTtl().toMillis());
        peer.authenticated(user);
        LOG.debug("user {} logged in", user.name());
        Map<Integer, byte[]> fields = new LinkedHashMap<>();
        fields.put(AdminCodec.FIELD_SESSION_TOKEN, token);
        byte[] ttl = new byte[4];
        io.aerobackup.embedded.protocol.Bytes.putInt(ttl, 0, (int) Math.min(ttlSeconds, 0xFFFFFFFFL));
        fields.put(AdminCodec.FIELD_SESSION_TTL, ttl);
        return AdminCodec.reply(ResultCode.OK, fields);
    }

    private byte[] authenticate(AdminCodec.Request request, Peer peer) {
        byte[] token = request.field(AdminCodec.FIELD_SESSION_TOKEN);
        if (token == null) {
            return AdminCodec.reply(ResultCode.INVALID_FIELD, Map.of());
        }
        Sessions.Session session = sessions.find(token);
        if (session == null) {
            return AdminCodec.reply(ResultCode.INVALID_CREDENTIAL, Map.of());
        }
        if (sessions.expired(session)) {
            return AdminCodec.reply(ResultCode.EXPIRED_SESSION, Map.of());
        }
        byte[] name = request.field(AdminCodec.FIELD_USER);
        if (name != null && !new String(name, StandardCharsets.UTF_8).equals(session.user())) {
            return AdminCodec.reply(ResultCode.INVALID_CREDENTIAL, Map.of());
        }
        SecurityConfig.User user = config.find(session.user());
        if (user == null) {
            return AdminCodec.reply(ResultCode.INVALID_USER, Map.of());
        }
        peer.authenticated(user);
        return AdminCodec.reply(ResultCode.OK, Map.of());
    }
}
