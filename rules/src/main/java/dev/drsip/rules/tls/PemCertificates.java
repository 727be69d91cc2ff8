package dev.drsip.rules.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the certificates of a PEM file (one or more {@code BEGIN CERTIFICATE} blocks, leaf first; other
 * blocks such as private keys are skipped) or of a single DER certificate.
 */
public final class PemCertificates {
    private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String END = "-----END CERTIFICATE-----";
    /** Certificate files are small; refuse anything absurd rather than read it into memory. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** A file that is missing, unreadable or holds no certificate: the message is for the user. */
    public static final class BadCertificateFile extends Exception {
        private static final long serialVersionUID = 1L;

        public BadCertificateFile(String message) {
            super(message);
        }
    }

    private PemCertificates() {
    }

    /** DER bytes of every certificate in {@code file}, in file order. */
    public static List<byte[]> read(Path file) throws BadCertificateFile {
        byte[] data;
        try {
            if (Files.isDirectory(file)) {
                throw new BadCertificateFile(file + ": is a directory, not a certificate file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new BadCertificateFile(file + ": too large for a certificate file (" + Files.size(file) + " bytes)");
            }
            data = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadCertificateFile(file + ": no such file");
        } catch (IOException e) {
            throw new BadCertificateFile(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(data, String.valueOf(file));
    }

    /** DER bytes of every certificate in PEM text or a single DER certificate. */
    public static List<byte[]> parse(byte[] data, String name) throws BadCertificateFile {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int b = text.indexOf(BEGIN, at);
            if (b < 0) {
                break;
            }
            int e = text.indexOf(END, b);
            if (e < 0) {
                throw new BadCertificateFile(name + ": certificate " + (out.size() + 1) + " has no END CERTIFICATE line");
            }
            String body = text.substring(b + BEGIN.length(), e).replaceAll("\\s", "");
            try {
                out.add(Base64.getDecoder().decode(body));
            } catch (IllegalArgumentException ex) {
                throw new BadCertificateFile(name + ": certificate " + (out.size() + 1) + " is not valid base64");
            }
            at = e + END.length();
        }
        if (out.isEmpty()) {
            // Maybe DER.
            if (data.length > 0 && (data[0] & 0xff) == 0x30) {
                try {
                    CertificateInspector.parse(data);
                    out.add(data);
                    return out;
                } catch (CertificateException | RuntimeException ex) {
                    // fall through to the message below
                }
            }
            throw new BadCertificateFile(name + ": not a PEM certificate file (no '" + BEGIN + "' block) nor a DER certificate");
        }
        for (int i = 0; i < out.size(); i++) {
            try {
                CertificateInspector.parse(out.get(i));
            } catch (CertificateException | RuntimeException ex) {
                throw new BadCertificateFile(name + ": certificate " + (i + 1) + " cannot be parsed (" + ex.getMessage() + ")");
            }
        }
        return out;
    }
}
