package io.aerobackup.embedded.conformance;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A raw connection to one server node for the malformed-input conformance tests: it builds
 * frames by hand (8-byte proto header = version << 56 | type << 48 | size, big-endian) and reads
 * replies without any client code, so the server's framing is tested as the bytes on the wire.
 */
final class MalformedWire implements AutoCloseable {
    static final int VERSION = 2;
    static final int TYPE_INFO = 1;
    static final int TYPE_SECURITY = 2;
    static final int TYPE_MSG = 3;
    static final int TYPE_COMPRESSED = 4;

    static final int INFO1_READ = 0x01;
    static final int INFO1_GET_ALL = 0x02;
    static final int INFO1_SHORT_QUERY = 0x04;
    static final int INFO1_NOBINDATA = 0x20;
    static final int INFO3_LAST = 0x01;
    static final int INFO3_PARTITION_DONE = 0x04;

    static final int FIELD_NAMESPACE = 0;
    static final int FIELD_SET = 1;
    static final int FIELD_KEY = 2;
    static final int FIELD_DIGEST = 4;
    static final int FIELD_SOCKET_TIMEOUT = 9;
    static final int FIELD_RPS = 10;
    static final int FIELD_PID_ARRAY = 11;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    MalformedWire(int port, int readTimeoutMillis) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    static byte[] header(int version, int type, long size) {
        long proto = ((long) version << 56) | ((long) type << 48) | size;
        return ByteBuffer.allocate(8).putLong(proto).array();
    }

    static byte[] frame(int version, int type, byte[] body) {
        return concat(header(version, type, body.length), body);
    }

    static byte[] infoFrame(String commands) {
        return frame(VERSION, TYPE_INFO, commands.getBytes(StandardCharsets.UTF_8));
    }

    /** An AS_MSG body: the 22-byte header, then the fields and the ops as given. */
    static byte[] asMsg(int info1, int info2, int info3, List<byte[]> fields, List<byte[]> ops) {
        ByteBuffer b = ByteBuffer.allocate(22);
        b.put((byte) 22).put((byte) info1).put((byte) info2).put((byte) info3).put((byte) 0).put((byte) 0);
        b.putInt(0).putInt(0).putInt(0).putShort((short) fields.size()).putShort((short) ops.size());
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(b.array());
        fields.forEach(all::writeBytes);
        ops.forEach(all::writeBytes);
        return all.toByteArray();
    }

    static byte[] field(int type, byte[] data) {
        return concat(ByteBuffer.allocate(5).putInt(data.length + 1).put((byte) type).array(), data);
    }

    static byte[] field(int type, String data) {
        return field(type, data.getBytes(StandardCharsets.UTF_8));
    }

    /** A READ op for one bin, as the client sends projection ops. */
    static byte[] readOp(String bin) {
        byte[] name = bin.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + name.length);
        b.putInt(4 + name.length).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) name.length).put(name);
        return b.array();
    }

    /** Partition ids as the PID_ARRAY field carries them: little-endian u16. */
    static byte[] pids(int... ids) {
        ByteBuffer b = ByteBuffer.allocate(ids.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (int id : ids) {
            b.putShort((short) id);
        }
        return b.array();
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Reads one frame; null when the server closed the connection before sending one. */
    Frame readFrame() throws IOException {
        byte[] head = new byte[8];
        try {
            in.readFully(head);
        } catch (EOFException e) {
            return null;
        } catch (SocketException e) {
            return null; // reset: the server closed with our bytes unread
        }
        long proto = ByteBuffer.wrap(head).getLong();
        long size = proto & 0xFFFFFFFFFFFFL;
        if (size > 64L * 1024 * 1024) {
            throw new IOException("reply frame of " + size + " bytes");
        }
        byte[] body = new byte[(int) size];
        in.readFully(body);
        return new Frame((int) (proto >>> 56) & 0xFF, (int) (proto >>> 48) & 0xFF, body);
    }

    /**
     * Waits for the server to close the connection: the number of bytes it sent before closing,
     * or -1 if the connection was still open when the read timeout passed.
     */
    int awaitClose() throws IOException {
        int bytes = 0;
        try {
            while (in.read() >= 0) {
                bytes++;
            }
            return bytes;
        } catch (SocketTimeoutException e) {
            return -1;
        } catch (SocketException e) {
            return bytes;
        }
    }

    /** True if nothing arrives within the read timeout (the connection stays open and silent). */
    boolean silentUntilTimeout() throws IOException {
        try {
            in.read();
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    /** Sends an info request and returns the reply text. */
    String info(String commands) throws IOException {
        send(infoFrame(commands));
        Frame reply = readFrame();
        if (reply == null) {
            throw new IOException("connection closed instead of answering " + commands.trim());
        }
        if (reply.type != TYPE_INFO) {
            throw new IOException("info answered with proto type " + reply.type);
        }
        return new String(reply.body, StandardCharsets.UTF_8);
    }

    /** Sends one AS_MSG and reads the messages of the reply until a LAST or an error message. */
    List<Msg> request(byte[] asMsgBody) throws IOException {
        send(frame(VERSION, TYPE_MSG, asMsgBody));
        return readMessages(100_000);
    }

    List<Msg> readMessages(int maxFrames) throws IOException {
        List<Msg> all = new ArrayList<>();
        for (int i = 0; i < maxFrames; i++) {
            Frame frame = readFrame();
            if (frame == null) {
                throw new IOException("connection closed after " + all.size() + " messages");
            }
            if (frame.type != TYPE_MSG) {
                throw new IOException("reply of proto type " + frame.type);
            }
            for (Msg msg : Msg.parseAll(frame.body)) {
                all.add(msg);
                boolean last = (msg.info3 & INFO3_LAST) != 0;
                boolean error = msg.resultCode != 0 && (msg.info3 & INFO3_PARTITION_DONE) == 0;
                if (last || error) {
                    return all;
                }
            }
        }
        throw new IOException("no LAST message in " + maxFrames + " frames");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One reply frame. */
    static final class Frame {
        final int version;
        final int type;
        final byte[] body;

        Frame(int version, int type, byte[] body) {
            this.version = version;
            this.type = type;
            this.body = body;
        }
    }

    /** One AS_MSG of a reply: the header values and the field types in wire order. */
    static final class Msg {
        final int info1;
        final int info3;
        final int resultCode;
        final int generation;
        final int recordTtl;
        final List<Integer> fieldTypes = new ArrayList<>();
        final List<byte[]> fieldData = new ArrayList<>();
        final int opCount;

        private Msg(ByteBuffer b) {
            int start = b.position();
            int headerSize = b.get(start) & 0xFF;
            info1 = b.get(start + 1) & 0xFF;
            info3 = b.get(start + 3) & 0xFF;
            resultCode = b.get(start + 5) & 0xFF;
            generation = b.getInt(start + 6);
            recordTtl = b.getInt(start + 10);
            int fields = b.getShort(start + 18) & 0xFFFF;
            opCount = b.getShort(start + 20) & 0xFFFF;
            b.position(start + headerSize);
            for (int i = 0; i < fields; i++) {
                int size = b.getInt();
                fieldTypes.add(b.get() & 0xFF);
                byte[] data = new byte[size - 1];
                b.get(data);
                fieldData.add(data);
            }
            for (int i = 0; i < opCount; i++) {
                int size = b.getInt();
                b.position(b.position() + size);
            }
        }

        static List<Msg> parseAll(byte[] body) {
            ByteBuffer b = ByteBuffer.wrap(body);
            List<Msg> out = new ArrayList<>();
            while (b.hasRemaining()) {
                out.add(new Msg(b));
            }
            return out;
        }

        byte[] field(int type) {
            int i = fieldTypes.indexOf(type);
            return i < 0 ? null : fieldData.get(i);
        }
    }
}
