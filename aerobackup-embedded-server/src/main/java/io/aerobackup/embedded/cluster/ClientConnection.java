package io.aerobackup.embedded.cluster;

import io.aerobackup.embedded.command.CommandDispatcher;
import io.aerobackup.embedded.command.Faults;
import io.aerobackup.embedded.command.ReplyChannel;
import io.aerobackup.embedded.protocol.Bytes;
import io.aerobackup.embedded.protocol.Proto;
import io.aerobackup.embedded.protocol.ProtocolException;
import io.aerobackup.embedded.protocol.ResponseBuffer;
import io.aerobackup.embedded.security.AdminHandler;
import io.aerobackup.embedded.security.SecurityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import java.security.cert.X509Certificate;

/**
 * One client connection: reads frames, hands them to the dispatcher, writes replies. A framing
 * fault (bad version or type, oversized frame) closes the connection, as the real server does;
 * anything inside a well-framed message becomes a reply.
 */
final class ClientConnection implements Runnable, ReplyChannel, AdminHandler.Peer {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);

    private final Socket socket;
    private final CommandDispatcher dispatcher;
    private final Faults faults;
    private final Runnable onClose;
    private final ResponseBuffer buffer = new ResponseBuffer();
    private OutputStream out;
    private volatile SecurityConfig.User user;

    ClientConnection(Socket socket, CommandDispatcher dispatcher, Faults faults, Runnable onClose) {
        this.socket = socket;
        this.dispatcher = dispatcher;
        this.faults = faults;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try (Socket s = socket) {
            s.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 64 * 1024));
            out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
            byte[] header = new byte[Proto.HEADER_SIZE];
            while (true) {
                try {
                    in.readFully(header);
                } catch (EOFException e) {
                    return;
                }
                serve(header, in);
            }
        } catch (ProtocolException e) {
            LOG.debug("closing connection {}: {}", socket.getRemoteSocketAddress(), e.getMessage());
        } catch (IOException e) {
            LOG.debug("connection {} ended: {}", socket.getRemoteSocketAddress(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("embedded server failed on a request; closing the connection", e);
        } finally {
            onClose.run();
        }
    }

    private void serve(byte[] header, DataInputStream in) throws IOException, ProtocolException {
        long proto = Bytes.getLong(header, 0);
        int version = (int) (proto >>> 56) & 0xFF;
        int type = (int) (proto >>> 48) & 0xFF;
        long size = proto & 0xFFFFFFFFFFFFL;
        // Security frames may also carry version 0, as the real server accepts.
        if (version != Proto.VERSION && !(version == 0 && type == Proto.TYPE_ADMIN)) {
            throw new ProtocolException("protocol version " + version);
        }
        if (type < Proto.TYPE_INFO || type > Proto.TYPE_COMPRESSED) {
            throw new ProtocolException("protocol type " + type);
        }
        if (size > Proto.MAX_BODY_SIZE) {
            throw new ProtocolException("frame of " + size + " bytes");
        }
        byte[] body = readBody(in, (int) size);
        pause();
        buffer.reset();
        switch (type) {
            case Proto.TYPE_INFO:
                dispatcher.handleInfo(body, this);
                break;
            case Proto.TYPE_MSG:
                dispatcher.handleMessage(body, this);
                break;
            case Proto.TYPE_COMPRESSED:
                dispatcher.handleCompressed(this);
                break;
            default:
                dispatcher.handleAdmin(body, this);
        }
    }

    private static byte[] readBody(InputStream in, int size) throws IOException {
        byte[] body = new byte[size];
        new DataInputStream(in).readFully(body);
        return body;
    }

    private void pause() {
        long delay = faults.delayMillis();
        if (delay > 0) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public ResponseBuffer buffer() {
        return buffer;
    }

    @Override
    public void flush() throws IOException {
        buffer.writeTo(out);
        out.flush();
        buffer.reset();
    }

    @Override
    public AdminHandler.Peer peer() {
        return this;
    }

    @Override
    public SecurityConfig.User user() {
        return user;
    }

    @Override
    public void authenticated(SecurityConfig.User loggedIn) {
        this.user = loggedIn;
    }

    /** The common name of the client's certificate (mutual TLS), or null. */
    @Override
    public String certificateName() {
        if (!(socket instanceof SSLSocket)) {
            return null;
        }
        try {
            X509Certificate cert = (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return String.valueOf(rdn.getValue());
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException | InvalidNameException e) {
            return null;
        }
    }

    void close() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", socket, e.getMessage());
        }
    }
}
