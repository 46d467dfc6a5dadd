package io.aerobackup.embedded.conformance;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import io.aerobackup.testutils.AerospikeTestCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;

import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_DIGEST;
import static io.aerobackup.embedded.conformance.MalformedWire.FIELD_NAMESPACE;
import static io.aerobackup.embedded.conformance.MalformedWire.INFO1_GET_ALL;
import static io.aerobackup.embedded.conformance.MalformedWire.INFO1_READ;
import static io.aerobackup.embedded.conformance.MalformedWire.TYPE_COMPRESSED;
import static io.aerobackup.embedded.conformance.MalformedWire.TYPE_INFO;
import static io.aerobackup.embedded.conformance.MalformedWire.TYPE_MSG;
import static io.aerobackup.embedded.conformance.MalformedWire.TYPE_SECURITY;
import static io.aerobackup.embedded.conformance.MalformedWire.VERSION;
import static io.aerobackup.embedded.conformance.MalformedWire.asMsg;
import static io.aerobackup.embedded.conformance.MalformedWire.field;
import static io.aerobackup.embedded.conformance.MalformedWire.frame;
import static io.aerobackup.embedded.conformance.MalformedWire.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed input on raw sockets, as Aerospike 8 CE's service layer handles it (service.c
 * {@code process_readable}/{@code start_transaction}): framing faults close the connection with no
 * reply; faults inside a well-framed message get a reply and the connection stays usable.
 * Embedded only: raw sockets need the node ports ({@code CLUSTER.embedded()} skips on a real cluster).
 */
class MalformedInputITCase {
    @RegisterExtension
    static final AerospikeTestCluster CLUSTER = AerospikeTestCluster.withNodes(3);

    private static final int TIMEOUT_MILLIS = 5000;
    private static final String BUILD_LINE = "build\t\\d+\\.\\d+\\.\\d+\\.\\d+\n";

    private static MalformedWire connect(int node) throws IOException {
        return new MalformedWire(CLUSTER.embedded().nodes().get(node).port(), TIMEOUT_MILLIS);
    }

    private static void assertStillServes(MalformedWire wire) throws IOException {
        assertThat(wire.info("build\n")).matches(BUILD_LINE);
    }

    @Test
    void badProtoVersionClosesTheConnectionWithoutReply() throws IOException {
        try (MalformedWire wire = connect(0)) {
            wire.send(frame(3, TYPE_INFO, "build\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(wire.awaitClose()).as("bytes sent before closing").isZero();
        }
    }

    @Test
    void versionZeroIsAcceptedForSecurityMessages() throws IOException {
        // service.c: "For backward compatibility, allow version 0 with security messages".
        try (MalformedWire wire = connect(0)) {
            wire.send(frame(0, TYPE_SECURITY, new byte[16]));
            MalformedWire.Frame reply = wire.readFrame();
            assertThat(reply).as("security reply to a version-0 security frame").isNotNull();
            assertThat(reply.type).isEqualTo(TYPE_SECURITY);
            assertThat(reply.body[1] & 0xFF).as("AS_SEC_ERR_NOT_SUPPORTED").isEqualTo(51);
        }
    }

    @Test
    void securityMessageOnCommunityEditionIsNotSupported() throws IOException {
        try (MalformedWire wire = connect(1)) {
            wire.send(frame(VERSION, TYPE_SECURITY, new byte[16]));
            MalformedWire.Frame reply = wire.readFrame();
            assertThat(reply).isNotNull();
            assertThat(reply.version).isEqualTo(VERSION);
            assertThat(reply.type).isEqualTo(TYPE_SECURITY);
            assertThat(reply.body).hasSize(16);
            assertThat(reply.body[0]).as("scheme").isZero();
            assertThat(reply.body[1] & 0xFF).as("AS_SEC_ERR_NOT_SUPPORTED").isEqualTo(51);
            assertStillServes(wire);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 6, 7, 255})
    void unknownProtoTypeClosesTheConnection(int type) throws IOException {
        try (MalformedWire wire = connect(1)) {
            wire.send(frame(VERSION, type, "build\n".getBytes(StandardCharsets.UTF_8)));
            assertThat(wire.awaitClose()).as("bytes sent before closing").isZero();
        }
    }

    @Test
    void tlsClientHelloOnAPlainSocketClosesTheConnection() throws IOException {
        byte[] hello = {22, 3, 1, 0, 64, 1, 0, 0, 60, 3, 3};
        try (MalformedWire wire = connect(2)) {
            wire.send(hello);
            assertThat(wire.awaitClose()).isZero();
        }
    }

    @Test
    void frameLargerThan128MiBClosesTheConnection() throws IOException {
        try (MalformedWire wire = connect(0)) {
            wire.send(header(VERSION, TYPE_MSG, 128L * 1024 * 1024 + 1));
            assertThat(wire.awaitClose()).isZero();
        }
    }

    @Test
    void asMsgTruncatedInsideItsHeaderGetsParameterErrorAndTheConnectionStaysOpen() throws IOException {
        byte[] body = new byte[10];
        body[0] = 22;
        body[1] = INFO1_READ;
        try (MalformedWire wire = connect(0)) {
            wire.send(frame(VERSION, TYPE_MSG, body));
            MalformedWire.Frame reply = wire.readFrame();
            assertThat(reply).as("reply to a short AS_MSG").isNotNull();
            assertThat(reply.type).isEqualTo(TYPE_MSG);
            assertThat(reply.body.length).isGreaterThanOrEqualTo(22);
            assertThat(reply.body[5] & 0xFF).as("result code").isEqualTo(4);
            assertStillServes(wire);
        }
    }

    @Test
    void compressedRequestGetsEnterpriseOnlyAndTheConnectionStaysOpen() throws IOException {
        byte[] inner = frame(VERSION, TYPE_MSG, readOf("test", new byte[20]));
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        compressed.writeBytes(ByteBuffer.allocate(8).putLong(inner.length).array());
        compressed.writeBytes(deflate(inner));
        try (MalformedWire wire = connect(1)) {
            wire.send(frame(VERSION, TYPE_COMPRESSED, compressed.toByteArray()));
            List<MalformedWire.Msg> reply = wire.readMessages(1);
            assertThat(reply).hasSize(1);
            assertThat(reply.get(0).resultCode).as("AS_ERR_ENTERPRISE_ONLY").isEqualTo(25);
            assertStillServes(wire);
        }
    }

    @Test
    void infoBuildIsAnsweredAsCommandTabValueNewline() throws IOException {
        try (MalformedWire wire = connect(2)) {
            assertThat(wire.info("build\n")).matches(BUILD_LINE);
            assertThat(wire.info("status\nbuild\n")).matches("status\tok\n" + BUILD_LINE);
        }
    }

    @Test
    void infoEchoesTheWholeCommandAndIgnoresAnUnterminatedLastCommand() throws IOException {
        try (MalformedWire wire = connect(0)) {
            assertThat(wire.info("namespace/nosuch_ns\nstatus"))
                    .isEqualTo("namespace/nosuch_ns\ttype=unknown\n");
            assertThat(wire.info("no-such-command\n"))
                    .isEqualTo("no-such-command\tERROR:4:unrecognized command\n");
        }
    }

    @Test
    void infoRequestSplitAcrossWritesIsAnsweredOnceComplete() throws IOException {
        byte[] body = "status\n".getBytes(StandardCharsets.UTF_8);
        try (MalformedWire wire = new MalformedWire(CLUSTER.embedded().nodes().get(1).port(), 300)) {
            wire.send(header(VERSION, TYPE_INFO, body.length));
            wire.send(new byte[] {body[0], body[1], body[2]});
            assertThat(wire.silentUntilTimeout()).as("no reply to an incomplete frame").isTrue();
            wire.send(java.util.Arrays.copyOfRange(body, 3, body.length));
            assertThat(readInfoWithin(wire, 5000)).isEqualTo("status\tok\n");
        }
    }

    @Test
    void unknownFieldTypeIsIgnored() throws IOException {
        byte[] msg = asMsg(INFO1_READ | INFO1_GET_ALL, 0, 0,
                List.of(field(FIELD_NAMESPACE, "test"), field(FIELD_DIGEST, unusedDigest()), field(200, "x")),
                List.of());
        try (MalformedWire wire = connect(0)) {
            List<MalformedWire.Msg> reply = wire.request(msg);
            assertThat(reply).hasSize(1);
            assertThat(reply.get(0).resultCode).as("not found, not an error").isEqualTo(2);
        }
    }

    @Test
    void zeroSizeFieldGetsParameterError() throws IOException {
        byte[] good = asMsg(INFO1_READ | INFO1_GET_ALL, 0, 0,
                List.of(field(FIELD_NAMESPACE, "test"), field(FIELD_DIGEST, unusedDigest())), List.of());
        byte[] msg = MalformedWire.concat(good, new byte[4]);
        msg[18] = 0;
        msg[19] = 3; // three fields, the last of size 0
        assertSingleReply(msg, 4);
    }

    @Test
    void bytesAfterTheLastOpGetParameterError() throws IOException {
        byte[] msg = MalformedWire.concat(asMsg(INFO1_READ | INFO1_GET_ALL, 0, 0,
                List.of(field(FIELD_NAMESPACE, "test"), field(FIELD_DIGEST, unusedDigest())), List.of()),
                new byte[] {1, 2, 3});
        assertSingleReply(msg, 4);
    }

    @Test
    void fieldRunningPastTheEndGetsParameterError() throws IOException {
        byte[] msg = asMsg(INFO1_READ | INFO1_GET_ALL, 0, 0,
                List.of(field(FIELD_NAMESPACE, "test"), field(FIELD_DIGEST, unusedDigest())), List.of());
        byte[] cut = java.util.Arrays.copyOf(msg, msg.length - 5);
        assertSingleReply(cut, 4);
    }

    @Test
    void commandNeitherReadNorWriteGetsParameterError() throws IOException {
        assertSingleReply(asMsg(0, 0, 0,
                List.of(field(FIELD_NAMESPACE, "test"), field(FIELD_DIGEST, unusedDigest())), List.of()), 4);
    }

    @Test
    void digestFieldOfWrongSizeGetsParameterError() throws IOException {
        assertSingleReply(asMsg(INFO1_READ | INFO1_GET_ALL, 0, 0,
                List.of(field(FIELD_NAMESPACE, "test"), field(FIELD_DIGEST, new byte[19])), List.of()), 4);
    }

    @Test
    void randomFramesNeverKillTheServer() throws IOException {
        AerospikeClient client = CLUSTER.client();
        int nodes = CLUSTER.embedded().nodes().size();
        Key key = new Key("test", AerospikeTestCluster.uniqueSet("fuzz"), "after-fuzz");
        client.put(null, key, new Bin("v", 41)); // warm the client's pool before taking the baseline
        assertThat(client.get(null, key).getInt("v")).isEqualTo(41);
        int baselineConnections = CLUSTER.embedded().openConnections();
        int baselineThreads = connectionThreads();
        Random random = new Random(0xAE505EEDL);
        int answered = 0;
        int closed = 0;
        int wellFramedClosed = 0;
        for (int i = 0; i < 200; i++) {
            int version = random.nextInt(10) == 0 ? random.nextInt(256) : VERSION;
            int type = randomType(random);
            byte[] body = randomBody(random, type);
            try (MalformedWire wire = connect(i % nodes)) {
                wire.send(frame(version, type, body));
                MalformedWire.Frame reply = wire.readFrame();
                if (reply == null) {
                    closed++;
                    if (version == VERSION && type >= TYPE_INFO && type <= TYPE_COMPRESSED) {
                        wellFramedClosed++;
                    }
                } else {
                    answered++;
                }
            }
        }
        assertThat(answered + closed).isEqualTo(200);
        assertThat(wellFramedClosed).as("well-framed requests the server hung up on instead of answering").isZero();
        assertThat(answered).as("well-framed requests are answered").isPositive();

        client.put(null, key, new Bin("v", 42));
        Record record = client.get(null, key);
        assertThat(record).isNotNull();
        assertThat(record.getInt("v")).isEqualTo(42);
        ClusterWait.until(() -> CLUSTER.embedded().openConnections() <= baselineConnections, 10_000,
                "open connections back to " + baselineConnections);
        ClusterWait.until(() -> connectionThreads() <= baselineThreads, 10_000,
                "connection threads back to " + baselineThreads);
    }

    private static int randomType(Random random) {
        int pick = random.nextInt(8);
        switch (pick) {
            case 0:
                return TYPE_INFO;
            case 1:
                return TYPE_SECURITY;
            case 2:
                return TYPE_COMPRESSED;
            case 3:
                return random.nextInt(256);
            default:
                return TYPE_MSG;
        }
    }

    private static byte[] randomBody(Random random, int type) {
        byte[] body = new byte[random.nextInt(4097)];
        if (type == TYPE_INFO && random.nextBoolean()) {
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) (random.nextInt(12) == 0 ? '\n' : 32 + random.nextInt(95));
            }
            return body;
        }
        random.nextBytes(body);
        if (type == TYPE_MSG && body.length >= 22 && random.nextBoolean()) {
            body[0] = 22; // get past the header-size check into field and op parsing
            body[18] = 0;
            body[19] = (byte) random.nextInt(4);
            body[20] = 0;
            body[21] = (byte) random.nextInt(3);
        }
        return body;
    }

    private static void assertSingleReply(byte[] msg, int resultCode) throws IOException {
        try (MalformedWire wire = connect(2)) {
            List<MalformedWire.Msg> reply = wire.request(msg);
            assertThat(reply).hasSize(1);
            assertThat(reply.get(0).resultCode).as("result code").isEqualTo(resultCode);
            assertStillServes(wire);
        }
    }

    private static byte[] readOf(String namespace, byte[] digest) {
        return asMsg(INFO1_READ | INFO1_GET_ALL, 0, 0,
                List.of(field(FIELD_NAMESPACE, namespace), field(FIELD_DIGEST, digest)), List.of());
    }

    private static byte[] unusedDigest() {
        return new Key("test", AerospikeTestCluster.uniqueSet("absent"), "nobody").digest;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return java.util.Arrays.copyOf(out, n);
    }

    private static String readInfoWithin(MalformedWire wire, long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (true) {
            try {
                MalformedWire.Frame frame = wire.readFrame();
                assertThat(frame).isNotNull();
                return new String(frame.body, StandardCharsets.UTF_8);
            } catch (java.net.SocketTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    private static int connectionThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("embedded-aerospike-")
                        && t.getName().contains("-conn-"))
                .count();
    }
}
