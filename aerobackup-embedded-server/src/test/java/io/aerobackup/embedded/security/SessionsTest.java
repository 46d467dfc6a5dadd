package io.aerobackup.embedded.security;

import io.aerobackup.embedded.protocol.AdminCodec;
import io.aerobackup.embedded.protocol.Bytes;
import io.aerobackup.embedded.protocol.ProtocolException;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ResultCode;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Session tokens on the server's clock, and the security messages' framing, on byte arrays. */
class SessionsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final Sessions sessions = new Sessions(now::get);

    @Test
    void aSessionLivesItsTtlOnTheServersClock() {
        byte[] token = sessions.open("u", 1000);
        assertThat(token).hasSize(32);
        now.addAndGet(999);
        assertThat(sessions.expired(sessions.find(token))).isFalse();
        now.addAndGet(1);
        assertThat(sessions.expired(sessions.find(token))).isTrue();
        assertThat(sessions.find(new byte[32])).isNull();
    }

    @Test
    void expireAllEndsEverySessionAndOldOnesAreSweptAtALaterLogin() {
        byte[] token = sessions.open("u", 60_000);
        sessions.expireAll();
        assertThat(sessions.expired(sessions.find(token))).isTrue();
        now.addAndGet(11 * 60_000);
        sessions.open("v", 60_000);
        assertThat(sessions.find(token)).isNull();
    }

    /** A login request as the Java client writes it (AdminCommand: 16-byte header, sized fields). */
    private static byte[] request(int command, Map<Integer, byte[]> fields) {
        byte[] reply = AdminCodec.reply(0, fields);
        byte[] body = Arrays.copyOfRange(reply, Proto.HEADER_SIZE, reply.length);
        body[2] = (byte) command;
        return body;
    }

    @Test
    void loginAnswersATokenAndItsTtlAndAuthenticateAcceptsIt() throws ProtocolException {
        SecurityConfig config = new SecurityConfig().user("u", "pw", List.of("read"));
        AdminHandler handler = new AdminHandler(config, sessions);
        Peer peer = new Peer();
        Map<Integer, byte[]> login = new LinkedHashMap<>();
        login.put(AdminCodec.FIELD_USER, "u".getBytes(StandardCharsets.UTF_8));
        login.put(AdminCodec.FIELD_CREDENTIAL, SecurityConfig.credential("pw").getBytes(StandardCharsets.UTF_8));
        byte[] reply = handler.handle(request(AdminCodec.LOGIN, login), peer);
        assertThat(reply[Proto.HEADER_SIZE + 1]).isEqualTo((byte) ResultCode.OK);
        AdminCodec.Request answer = AdminCodec.decode(Arrays.copyOfRange(reply, Proto.HEADER_SIZE, reply.length));
        assertThat(Bytes.getInt(answer.field(AdminCodec.FIELD_SESSION_TTL), 0)).isEqualTo(86_400);
        assertThat(peer.user.name()).isEqualTo("u");

        Map<Integer, byte[]> auth = new LinkedHashMap<>();
        auth.put(AdminCodec.FIELD_USER, "u".getBytes(StandardCharsets.UTF_8));
        auth.put(AdminCodec.FIELD_SESSION_TOKEN, answer.field(AdminCodec.FIELD_SESSION_TOKEN));
        Peer second = new Peer();
        assertThat(handler.handle(request(AdminCodec.AUTHENTICATE, auth), second)[Proto.HEADER_SIZE + 1])
                .isEqualTo((byte) ResultCode.OK);
        assertThat(second.user).isNotNull();
        sessions.expireAll();
        assertThat(handler.handle(request(AdminCodec.AUTHENTICATE, auth), new Peer())[Proto.HEADER_SIZE + 1])
                .isEqualTo((byte) ResultCode.EXPIRED_SESSION);

        login.put(AdminCodec.FIELD_CREDENTIAL, SecurityConfig.credential("wrong").getBytes(StandardCharsets.UTF_8));
        assertThat(handler.handle(request(AdminCodec.LOGIN, login), new Peer())[Proto.HEADER_SIZE + 1])
                .isEqualTo((byte) ResultCode.INVALID_PASSWORD);
        assertThat(handler.handle(request(9, Map.of()), new Peer())[Proto.HEADER_SIZE + 1])
                .isEqualTo((byte) ResultCode.INVALID_COMMAND);
    }

    @Test
    void malformedSecurityMessagesAreRefusedNotTrusted() {
        assertThatThrownBy(() -> AdminCodec.decode(new byte[5])).isInstanceOf(ProtocolException.class);
        byte[] body = new byte[AdminCodec.HEADER_SIZE + 5];
        body[3] = 1;
        Bytes.putInt(body, AdminCodec.HEADER_SIZE, 99);
        assertThatThrownBy(() -> AdminCodec.decode(body)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("size 99");
    }

    private static final class Peer implements AdminHandler.Peer {
        SecurityConfig.User user;

        @Override
        public String certificateName() {
            return null;
        }

        @Override
        public SecurityConfig.User user() {
            return user;
        }

        @Override
        public void authenticated(SecurityConfig.User loggedIn) {
            user = loggedIn;
        }
    }
}
