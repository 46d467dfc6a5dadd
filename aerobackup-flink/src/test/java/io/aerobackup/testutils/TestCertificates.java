package io.aerobackup.testutils;

import io.aerobackup.embedded.security.ServerTls;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * Certificates for TLS tests, made with the JDK alone (a few DER structures and an EC P-256 key per
 * certificate): a CA, a server certificate for a TLS name signed by it, client certificates, and a
 * second, unrelated CA that trusts nothing of the first. Written as PEM files as Aerospike's tools
 * read them.
 */
public final class TestCertificates {
    private static final byte[] OID_ECDSA_SHA256 = oid(1, 2, 840, 10045, 4, 3, 2);
    private static final byte[] OID_CN = oid(2, 5, 4, 3);
    private static final byte[] OID_BASIC_CONSTRAINTS = oid(2, 5, 29, 19);
    private static final byte[] OID_SAN = oid(2, 5, 29, 17);

    /** A key and its certificate chain (leaf first). */
    public record Issued(PrivateKey key, List<X509Certificate> chain, Path certFile, Path keyFile) {
    }

    private final Path dir;
    private final Issued ca;
    private final Issued otherCa;

    private TestCertificates(Path dir) throws GeneralSecurityException, IOException {
        this.dir = dir;
        this.ca = issue("ca", "aerobackup test CA", null, true, null);
        this.otherCa = issue("other-ca", "an unrelated CA", null, true, null);
    }

    public static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            return new TestCertificates(dir);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make test certificates", e);
        }
    }

    public Path caFile() {
        return ca.certFile();
    }

    /** A CA that signed none of the certificates the servers use. */
    public Path otherCaFile() {
        return otherCa.certFile();
    }

    /** A leaf certificate for {@code name} (CN and DNS subject alternative name), signed by the CA. */
    public Issued leaf(String fileName, String name) {
        try {
            return issue(fileName, name, name, false, ca);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + name, e);
        }
    }

    /** A server side for {@code tlsName}; with {@code mutual}, clients must show a certificate of the CA. */
    public ServerTls serverTls(String tlsName, boolean mutual) {
        Issued server = leaf("server-" + tlsName, tlsName);
        try {
            char[] none = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", server.key(), none, server.chain().toArray(new Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, none);
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", ca.chain().get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new ServerTls(context, tlsName, mutual);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the server's TLS", e);
        }
    }

    private Issued issue(String fileName, String commonName, String dnsName, boolean isCa, Issued issuer)
            throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        byte[] subject = name(commonName);
        byte[] issuerName = issuer == null ? subject : name(commonNameOf(issuer));
        PrivateKey signer = issuer == null ? pair.getPrivate() : issuer.key();
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        byte[] extensions = isCa
                ? extension(OID_BASIC_CONSTRAINTS, true, seq(tlv(0x01, new byte[] {(byte) 0xFF})))
                : extension(OID_SAN, false, seq(tlv(0x82, dnsName.getBytes(StandardCharsets.US_ASCII)),
                        tlv(0x87, new byte[] {127, 0, 0, 1})));
        byte[] algorithm = seq(OID_ECDSA_SHA256);
        byte[] tbs = seq(tlv(0xA0, tlv(0x02, new byte[] {2})),
                tlv(0x02, new BigInteger(63, new java.security.SecureRandom()).add(BigInteger.ONE).toByteArray()),
                algorithm, issuerName, seq(time(now.minusDays(1)), time(now.plusDays(30))), subject,
                pair.getPublic().getEncoded(), tlv(0xA3, seq(extensions)));
        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(signer);
        signature.update(tbs);
        byte[] signed = signature.sign();
        byte[] bits = new byte[signed.length + 1];
        System.arraycopy(signed, 0, bits, 1, signed.length);
        byte[] der = seq(tbs, algorithm, tlv(0x03, bits));
        X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new java.io.ByteArrayInputStream(der));
        List<X509Certificate> chain = issuer == null ? List.of(cert) : List.of(cert, issuer.chain().get(0));
        Path certFile = dir.resolve(fileName + ".pem");
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : chain) {
            pem.append(pem("CERTIFICATE", c.getEncoded()));
        }
        Files.writeString(certFile, pem);
        Path keyFile = dir.resolve(fileName + ".key");
        Files.writeString(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        return new Issued(pair.getPrivate(), chain, certFile, keyFile);
    }

    private static String commonNameOf(Issued issued) {
        String dn = issued.chain().get(0).getSubjectX500Principal().getName();
        return dn.substring(dn.indexOf("CN=") + 3).split(",")[0];
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] name(String commonName) {
        return seq(tlv(0x31, seq(OID_CN, tlv(0x0C, commonName.getBytes(StandardCharsets.UTF_8)))));
    }

    private static byte[] time(ZonedDateTime at) {
        return tlv(0x17, DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").format(at).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] extension(byte[] oid, boolean critical, byte[] value) {
        return critical ? seq(oid, tlv(0x01, new byte[] {(byte) 0xFF}), tlv(0x04, value))
                : seq(oid, tlv(0x04, value));
    }

    private static byte[] oid(int... arcs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(40 * arcs[0] + arcs[1]);
        for (int i = 2; i < arcs.length; i++) {
            int arc = arcs[i];
            int shift = 28;
            while (shift > 0 && (arc >>> shift) == 0) {
                shift -= 7;
            }
            for (; shift > 0; shift -= 7) {
                out.write(0x80 | ((arc >>> shift) & 0x7F));
            }
            out.write(arc & 0x7F);
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        return tlv(0x30, parts);
    }

    private static byte[] tlv(int tag, byte[]... parts) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            body.writeBytes(part);
        }
        int length = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length & 0xFF);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

}
