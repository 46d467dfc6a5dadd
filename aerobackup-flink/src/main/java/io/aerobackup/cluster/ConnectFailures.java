package io.aerobackup.cluster;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Host;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.ClientPolicy;
import io.aerobackup.config.ConnectionOptions;
import io.aerobackup.config.SecurityOptions;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in one line why a client could not connect: login refused, TLS refused, or unreachable. The
 * client keeps only the text of each seed's failure, so a TLS failure is found again by a TLS
 * handshake of our own with the same settings.
 */
final class ConnectFailures {
    /** "Error 62: Login failed", "Error 60,1,...: ..." as the client words a server's refusal. */
    private static final Pattern CODE = Pattern.compile("Error (-?\\d+)");

    private ConnectFailures() {
    }

    static String describe(ConnectionOptions options, ClientPolicy policy, AerospikeException e) {
        SecurityOptions security = options.security();
        String where = "Aerospike at " + options.hosts();
        String text = oneLine(e);
        Matcher codes = CODE.matcher(text);
        while (codes.find()) {
            int code = Integer.parseInt(codes.group(1));
            if (isLoginRefusal(code)) {
                return "login to " + where + " refused" + (security.user() == null ? "" : " for user '"
                        + security.user() + "'") + ": " + ResultCode.getResultString(code) + " (result code " + code
                        + ")" + loginHint(security, code);
            }
            if (code == ResultCode.NOT_AUTHENTICATED) {
                return where + " requires a login (result code " + code
                        + "): give --user and a password source, or --auth PKI";
            }
        }
        if (policy.tlsPolicy != null) {
            for (Host host : options.parsedHosts()) {
                String tls = probe(host, policy);
                if (tls != null) {
                    return "TLS connection to " + where + " failed at " + host.name + ":" + host.port + ": " + tls;
                }
            }
        }
        return "cannot connect to " + where + " within " + options.connectTimeout().toMillis() + " ms: " + text
                + " (check --hosts and that the cluster is running" + (security.tls() ? ""
                : "; does it expect TLS? --tls-enable") + ")";
    }

    /** Why a TLS handshake with {@code host} fails, or null when it succeeds. */
    private static String probe(Host host, ClientPolicy policy) {
        try (SSLSocket socket = (SSLSocket) policy.tlsPolicy.context.getSocketFactory().createSocket()) {
            if (policy.tlsPolicy.protocols != null) {
                socket.setEnabledProtocols(policy.tlsPolicy.protocols);
            }
            socket.setSoTimeout(policy.timeout);
            socket.connect(new InetSocketAddress(host.name, host.port), policy.timeout);
            socket.startHandshake();
            X509Certificate cert = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            if (!carries(cert, host.tlsName)) {
                return "the server's certificate (" + cert.getSubjectX500Principal().getName()
                        + ") does not carry the TLS name '" + host.tlsName + "': set --tls-name to a name it carries";
            }
        } catch (SSLException e) {
            return rootMessage(e) + hint(e);
        } catch (IOException e) {
            return null; // not a TLS problem: the connect failure speaks for itself
        }
        return afterHandshake(host, policy);
    }

    /**
     * With TLS 1.3 a server refuses a client certificate (or its absence) only after the handshake:
     * one info request ("node") shows whether the connection stays open.
     */
    private static String afterHandshake(Host host, ClientPolicy policy) {
        try (SSLSocket socket = (SSLSocket) policy.tlsPolicy.context.getSocketFactory().createSocket()) {
            if (policy.tlsPolicy.protocols != null) {
                socket.setEnabledProtocols(policy.tlsPolicy.protocols);
            }
            socket.setSoTimeout(policy.timeout);
            socket.connect(new InetSocketAddress(host.name, host.port), policy.timeout);
            byte[] body = "node\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            java.nio.ByteBuffer frame = java.nio.ByteBuffer.allocate(8 + body.length);
            frame.putLong(body.length | (2L << 56) | (1L << 48)).put(body);
            socket.getOutputStream().write(frame.array());
            socket.getOutputStream().flush();
            if (socket.getInputStream().read() < 0) {
                return "the server closed the TLS connection after the handshake (does it want a client certificate?"
                        + " --tls-certfile and --tls-keyfile)";
            }
            return null;
        } catch (SSLException e) {
            return rootMessage(e) + hint(e);
        } catch (java.net.SocketTimeoutException e) {
            return null; // open but silent: not what TLS refuses
        } catch (IOException e) {
            return "the server closed the TLS connection after the handshake: " + e.getMessage()
                    + " (does it want a client certificate it trusts? --tls-certfile and --tls-keyfile)";
        }
    }

    private static boolean carries(X509Certificate cert, String name) {
        String subject = cert.getSubjectX500Principal().getName();
        for (String part : subject.split(",")) {
            if (part.trim().equals("CN=" + name)) {
                return true;
            }
        }
        try {
            Collection<List<?>> names = cert.getSubjectAlternativeNames();
            return names != null && names.stream().anyMatch(n -> Integer.valueOf(2).equals(n.get(0))
                    && name.equals(n.get(1)));
        } catch (CertificateParsingException e) {
            return false;
        }
    }

    private static String hint(SSLException e) {
        String text = rootMessage(e);
        if (text.contains("PKIX") || text.contains("certification path")) {
            return " (the server's certificate is not trusted: give the CA that signed it with --tls-cafile)";
        }
        if (text.contains("protocol") || text.contains("No appropriate")) {
            return " (check --tls-protocols)";
        }
        if (text.contains("bad_certificate") || text.contains("certificate_required")
                || text.contains("certificate_unknown")) {
            return " (the server wants a client certificate it trusts: --tls-certfile and --tls-keyfile)";
        }
        return "";
    }

    private static boolean isLoginRefusal(int code) {
        return code == ResultCode.INVALID_USER || code == ResultCode.INVALID_PASSWORD
                || code == ResultCode.EXPIRED_PASSWORD || code == ResultCode.INVALID_CREDENTIAL
                || code == ResultCode.EXPIRED_SESSION || code == ResultCode.SECURITY_NOT_SUPPORTED
                || code == ResultCode.SECURITY_SCHEME_NOT_SUPPORTED || code == ResultCode.NOT_WHITELISTED;
    }

    private static String loginHint(SecurityOptions security, int code) {
        if (code == ResultCode.SECURITY_NOT_SUPPORTED) {
            return "; the cluster has no security enabled: leave out --user";
        }
        if (code == ResultCode.EXPIRED_SESSION) {
            return "; the session expired and a new login was refused: check the user and its password";
        }
        return security.password() == null ? "" : "; check the user and the password in "
                + security.password().describe();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage() == null ? t.getMessage() : root.getMessage());
    }

    private static String oneLine(Throwable t) {
        return String.valueOf(t.getMessage()).replace(System.lineSeparator(), " ").replace('\n', ' ').trim();
    }
}
