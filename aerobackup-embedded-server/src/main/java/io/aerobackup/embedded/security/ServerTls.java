package io.aerobackup.embedded.security;

import javax.net.ssl.SSLContext;
import java.util.List;
import java.util.Objects;

/**
 * How the nodes speak TLS: the context holding their certificate and key (and the CAs whose client
 * certificates they trust), the name in their certificate that they announce to clients, whether
 * a client certificate is required (mutual TLS), and the protocols allowed (empty: the JDK's).
 */
public record ServerTls(SSLContext context, String tlsName, boolean requireClientCertificate,
        List<String> protocols) {
    public ServerTls {
        Objects.requireNonNull(context, "context");
        if (tlsName == null || tlsName.isBlank()) {
            throw new IllegalArgumentException("TLS needs the name the certificate carries");
        }
        protocols = List.copyOf(protocols);
    }

    public ServerTls(SSLContext context, String tlsName, boolean requireClientCertificate) {
        this(context, tlsName, requireClientCertificate, List.of());
    }
}
