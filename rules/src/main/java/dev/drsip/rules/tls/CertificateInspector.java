package dev.drsip.rules.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * Reads X.509 certificates from DER (java.security.cert, no extra library) and extracts what the
 * certificate rules check: names, validity, self-signature, EKU, key size, and whether a chain
 * as sent is complete (the leaf's issuer is in the chain or is a root the JDK trusts).
 */
public final class CertificateInspector {
    public static final String OID_SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String OID_ANY_EKU = "2.5.29.37.0";

    private static volatile Set<X500Principal> trustedRoots;

    private CertificateInspector() {
    }

    /** Parses one DER certificate. */
    public static X509Certificate parse(byte[] der) throws CertificateException {
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        return (X509Certificate) f.generateCertificate(new ByteArrayInputStream(der));
    }

    public static CertificateFacts inspect(X509Certificate c) {
        String subject = c.getSubjectX500Principal().getName(X500Principal.RFC2253);
        String issuer = c.getIssuerX500Principal().getName(X500Principal.RFC2253);
        List<String> dns = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String) {
                        dns.add(((String) san.get(1)).toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // An unparsable SAN extension: treated as no SAN names (the name rule then reports it).
        }
        boolean hasEku = false;
        boolean serverAuth = false;
        try {
            List<String> eku = c.getExtendedKeyUsage();
            if (eku != null) {
                hasEku = true;
                serverAuth = eku.contains(OID_SERVER_AUTH) || eku.contains(OID_ANY_EKU);
            }
        } catch (CertificateParsingException e) {
            hasEku = true;
        }
        PublicKey key = c.getPublicKey();
        int bits = -1;
        if (key instanceof RSAPublicKey) {
            bits = ((RSAPublicKey) key).getModulus().bitLength();
        } else if (key instanceof ECPublicKey) {
            bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
        }
        return new CertificateFacts(subject, issuer, commonName(c.getSubjectX500Principal()), dns,
                c.getNotBefore().getTime() * 1_000_000L, c.getNotAfter().getTime() * 1_000_000L,
                selfSigned(c), hasEku, serverAuth, c.getBasicConstraints() >= 0, key.getAlgorithm(), bits,
                sha256(c));
    }

    /** Issuer equals subject and the signature verifies with the certificate's own public key. */
    public static boolean selfSigned(X509Certificate c) {
        if (!c.getIssuerX500Principal().equals(c.getSubjectX500Principal())) {
            return false;
        }
        try {
            c.verify(c.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Whether the chain as sent lets a verifier reach a root: the leaf is self-signed (another
     * rule's business), or the certificate that issued it is in the chain (and verifies it), or its
     * issuer is a root in the JDK's trust store. Returns null when complete, else the missing
     * issuer's DN.
     */
    public static String missingIssuer(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return null;
        }
        X509Certificate leaf = chain.get(0);
        if (selfSigned(leaf)) {
            return null;
        }
        X500Principal issuer = leaf.getIssuerX500Principal();
        for (int i = 1; i < chain.size(); i++) {
            X509Certificate c = chain.get(i);
            if (c.getSubjectX500Principal().equals(issuer)) {
                try {
                    leaf.verify(c.getPublicKey());
                    return null;
                } catch (GeneralSecurityException | RuntimeException e) {
                    // same name, other key: keep looking
                }
            }
        }
        if (trustedRoots().contains(issuer)) {
            return null;
        }
        return issuer.getName(X500Principal.RFC2253);
    }

    /** Subjects of the JDK's default trusted roots (cacerts), loaded once. */
    static Set<X500Principal> trustedRoots() {
        Set<X500Principal> r = trustedRoots;
        if (r == null) {
            r = new HashSet<>();
            try {
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init((KeyStore) null);
                for (TrustManager tm : f.getTrustManagers()) {
                    if (tm instanceof X509TrustManager) {
                        for (X509Certificate c : ((X509TrustManager) tm).getAcceptedIssuers()) {
                            r.add(c.getSubjectX500Principal());
                        }
                    }
                }
            } catch (GeneralSecurityException e) {
                // No trust store: every issuer not sent counts as missing.
            }
            trustedRoots = r;
        }
        return r;
    }

    static String commonName(X500Principal p) {
        try {
            String cn = null;
            for (Rdn rdn : new LdapName(p.getName(X500Principal.RFC2253)).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (javax.naming.InvalidNameException e) {
            return null;
        }
    }

    static String sha256(X509Certificate c) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
