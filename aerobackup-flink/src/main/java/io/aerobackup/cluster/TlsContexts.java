package io.aerobackup.cluster;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * TLS contexts from PEM files as Aerospike's tools take them: a CA file (one or more certificates)
 * to trust, and a certificate chain with its unencrypted PKCS#8 key for mutual TLS. Errors name the
 * file and never contain key material.
 */
public final class TlsContexts {
    private static final String KEY_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String KEY_END = "-----END PRIVATE KEY-----";

    private TlsContexts() {
    }

    /**
     * @param caFile   certificates to trust; null: the JVM's default trust store
     * @param certFile own certificate chain (mutual TLS); null: none
     * @param keyFile  the key of {@code certFile}
     */
    public static SSLContext create(String caFile, String certFile, String keyFile) {
        try {
            TrustManagerFactory trust = null;
            if (caFile != null) {
                KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
                anchors.load(null, null);
                int i = 0;
                for (Certificate certificate : certificates(caFile, "--tls-cafile")) {
                    anchors.setCertificateEntry("ca-" + i++, certificate);
                }
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(anchors);
            }
            KeyManagerFactory keys = null;
            if (certFile != null) {
                List<Certificate> chain = certificates(certFile, "--tls-certfile");
                PrivateKey key = privateKey(keyFile);
                char[] none = new char[0];
                KeyStore own = KeyStore.getInstance("PKCS12");
                own.load(null, null);
                own.setKeyEntry("client", key, none, chain.toArray(new Certificate[0]));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(own, none);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(),
                    null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM (or DER) file. */
    public static List<Certificate> certificates(String file, String option) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (read.isEmpty()) {
                throw new IllegalArgumentException(option + " " + file + " holds no certificate");
            }
            return new ArrayList<>(read);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + file + " cannot be read: " + e, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(option + " " + file + " is not a PEM certificate file: "
                    + e.getMessage(), e);
        }
    }

    /** An unencrypted PKCS#8 key ("BEGIN PRIVATE KEY"), RSA or EC. */
    public static PrivateKey privateKey(String file) {
        String text;
        try {
            text = Files.readString(Path.of(file), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("--tls-keyfile " + file + " cannot be read: " + e, e);
        }
        int begin = text.indexOf(KEY_BEGIN);
        int end = text.indexOf(KEY_END);
        if (begin < 0 || end < begin) {
            String hint = text.contains("ENCRYPTED PRIVATE KEY") ? "is encrypted; aerobackup reads unencrypted keys"
                    : "is not an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY)";
            throw new IllegalArgumentException("--tls-keyfile " + file + " " + hint
                    + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + KEY_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--tls-keyfile " + file + " is not valid base64 PEM");
        }
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("--tls-keyfile " + file + ": not an RSA, EC or Ed25519 key");
    }
}
