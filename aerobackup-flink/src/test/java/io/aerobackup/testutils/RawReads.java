package io.aerobackup.testutils;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.Key;
import com.aerospike.client.command.Command;
import com.aerospike.client.policy.Policy;
import io.aerobackup.embedded.protocol.AsMessage;
import io.aerobackup.embedded.protocol.MessageCodec;
import io.aerobackup.embedded.protocol.Op;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a record's bins as the server sends them, particle bytes untouched: the client would
 * decode them, hiding map order flags and NaN payloads. The request is the client's own read
 * command; the reply is parsed with the embedded server's message codec (the same wire format).
 */
public final class RawReads {
    private static final int PROTO_HEADER = 8;
    private static final int RESULT_CODE_OFFSET = 5;

    private RawReads() {
    }

    /** One bin's particle as sent: type and bytes (GeoJSON with its wire header). */
    public record RawBin(int type, byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RawBin && type == ((RawBin) o).type && Arrays.equals(bytes, ((RawBin) o).bytes);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return type + ":" + java.util.HexFormat.of().formatHex(bytes);
        }
    }

    /** The record's bins by name, in the order sent; empty when it does not exist. */
    public static Map<String, RawBin> bins(AerospikeClient client, Key key) throws IOException {
        // A single-node test cluster answers for every partition; a real node proxies reads it does not own.
        Host host = client.getNodes()[0].getHost();
        Command command = new Command(0, 5000, 0);
        command.setRead(new Policy(), key, (String[]) null);
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host.name, host.port), 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(command.dataBuffer, 0, command.dataOffset);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] proto = new byte[PROTO_HEADER];
            in.readFully(proto);
            long size = 0;
            for (int i = 2; i < PROTO_HEADER; i++) {
                size = (size << 8) | (proto[i] & 0xFF);
            }
            byte[] body = new byte[(int) size];
            in.readFully(body);
            int resultCode = body[RESULT_CODE_OFFSET] & 0xFF;
            Map<String, RawBin> bins = new LinkedHashMap<>();
            if (resultCode == 2) {
                return bins; // KEY_NOT_FOUND
            }
            if (resultCode != 0) {
                throw new IOException("read of " + key + " answered result code " + resultCode);
            }
            AsMessage message = MessageCodec.decode(body, 0, body.length);
            for (Op op : message.ops()) {
                bins.put(op.binName(), new RawBin(op.value().type(), op.value().bytes()));
            }
            return bins;
        } catch (io.aerobackup.embedded.protocol.ProtocolException e) {
            throw new IOException("cannot parse the reply for " + key, e);
        }
    }
}
