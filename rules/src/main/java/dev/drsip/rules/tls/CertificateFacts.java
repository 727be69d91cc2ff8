package dev.drsip.rules.tls;

import java.util.List;

/**
 * What the rules need to know of one X.509 certificate.
 *
 * @param subject subject DN (RFC 2253)
 * @param issuer issuer DN (RFC 2253)
 * @param commonName the subject's (last) CN, null if none
 * @param dnsNames SAN dNSName entries, lower case, in order
 * @param notBeforeNanos validity start, ns since the epoch
 * @param notAfterNanos validity end, ns since the epoch
 * @param selfSigned issuer equals subject and the signature verifies with the certificate's own key
 * @param hasEku the Extended Key Usage extension is present
 * @param serverAuth EKU contains serverAuth (1.3.6.1.5.5.7.3.1) or anyExtendedKeyUsage
 * @param ca basicConstraints cA=true
 * @param keyAlgorithm "RSA", "EC", ...
 * @param keyBits RSA modulus / EC field size in bits, -1 if unknown
 * @param sha256 SHA-256 fingerprint of the DER, lower-case hex
 */
public record CertificateFacts(String subject, String issuer, String commonName, List<String> dnsNames,
                               long notBeforeNanos, long notAfterNanos, boolean selfSigned, boolean hasEku,
                               boolean serverAuth, boolean ca, String keyAlgorithm, int keyBits, String sha256) {

    public CertificateFacts {
        dnsNames = List.copyOf(dnsNames);
    }

    /** Short description for evidence: {@code CN=sbc1.contoso.com SAN=[a, b] valid to 2027-01-01T00:00:00Z}. */
    public String describe() {
        return "CN=" + commonName + " SAN=" + dnsNames + " issuer=" + issuer + " valid "
                + dev.drsip.rules.Times.iso(notBeforeNanos) + " .. " + dev.drsip.rules.Times.iso(notAfterNanos);
    }
}
