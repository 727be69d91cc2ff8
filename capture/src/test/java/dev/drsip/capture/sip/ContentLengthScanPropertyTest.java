package dev.drsip.capture.sip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.capture.tcp.Collector;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The framer reads Content-Length in the same pass that finds the end of the header block. This
 * checks it against a plain two-pass reference (every header line, in order) on random header
 * blocks full of look-alikes (Call-ID, Contact, "lx:", folded lines, duplicates, bad values,
 * LF-only lines), with the stream cut into random pieces so that the scan resumes mid-line.
 */
class ContentLengthScanPropertyTest {
    private static final IpAddress A = IpAddress.parse("52.114.76.76");
    private static final IpAddress B = IpAddress.parse("203.0.113.10");
    private static final int MAX_CL = 5000;

    private static final String[] NAMES = {"Content-Length", "content-length", "CONTENT-LENGTH", "Content-length",
        "l", "L", "Content-Lengthx", "Content-Lengt", "lx", "Contact", "Call-ID", "CSeq", "Content-Type", "Via",
        " Content-Length", "\tl", "C", "c"};
    private static final String[] SEPARATORS = {":", ": ", " : ", "\t:\t", ":  ", " :"};

    @Test
    void singlePassScanAgreesWithTwoPassReferenceUnderAnySplit() {
        Random rnd = new Random(20261124);
        for (int round = 0; round < 400; round++) {
            List<String> expectedTexts = new ArrayList<>();
            List<String> expectedReasons = new ArrayList<>();
            StringBuilder stream = new StringBuilder();
            int messages = 1 + rnd.nextInt(6);
            for (int m = 0; m < messages; m++) {
                String eol = rnd.nextInt(4) == 0 ? "\n" : "\r\n";
                StringBuilder h = new StringBuilder(rnd.nextBoolean() ? "SIP/2.0 200 OK" : "INVITE sip:a@b SIP/2.0");
                h.append(eol);
                int lines = rnd.nextInt(12);
                for (int l = 0; l < lines; l++) {
                    String name = NAMES[rnd.nextInt(NAMES.length)];
                    String value;
                    switch (rnd.nextInt(8)) {
                        case 0 -> value = "12abc";
                        case 1 -> value = "";
                        case 2 -> value = "7 \t";
                        case 3 -> value = "<sip:x@y>;tag=1";
                        default -> value = String.valueOf(rnd.nextInt(rnd.nextBoolean() ? 10 : 300));
                    }
                    h.append(name).append(SEPARATORS[rnd.nextInt(SEPARATORS.length)]).append(value)
                            .append(rnd.nextInt(6) == 0 ? "\n" : eol);
                }
                h.append(eol);
                String header = h.toString();
                byte[] hb = header.getBytes(StandardCharsets.ISO_8859_1);
                long cl = referenceContentLength(hb, 0, hb.length);
                String body = "";
                if (cl == -2) {
                    expectedReasons.add(SipStreamFramer.BAD_CONTENT_LENGTH);
                } else if (cl > 0) {
                    body = "x".repeat((int) cl); // no line ends: the body can't look like a start line
                }
                expectedTexts.add(header + body);
                stream.append(header).append(body);
            }
            byte[] all = stream.toString().getBytes(StandardCharsets.ISO_8859_1);
            for (int split = 0; split < 3; split++) {
                Collector out = new Collector();
                SipStreamFramer f = new SipStreamFramer(out, A, 5061, B, 40000, Transport.TCP, 64 * 1024, MAX_CL);
                int pos = 0;
                long frame = 1;
                while (pos < all.length) {
                    int n = split == 0 ? all.length : split == 1 ? 1 : 1 + rnd.nextInt(40);
                    n = Math.min(n, all.length - pos);
                    byte[] piece = new byte[n + 6]; // at an offset inside a bigger buffer, like a frame
                    System.arraycopy(all, pos, piece, 3, n);
                    f.feed(frame, new Where("p.pcap", frame), piece, 3, n);
                    frame++;
                    pos += n;
                }
                f.finish(null);
                assertThat(out.texts()).as("round %d split %d", round, split).isEqualTo(expectedTexts);
                assertThat(out.reasons()).as("round %d split %d", round, split).isEqualTo(expectedReasons);
            }
        }
    }

    /** The framer's former two-pass Content-Length reading, kept as the reference. */
    private static long referenceContentLength(byte[] b, int from, int to) {
        long result = -1;
        int i = from;
        while (i < to) {
            int lineEnd = i;
            while (lineEnd < to && b[lineEnd] != '\n') {
                lineEnd++;
            }
            if (i > from) {
                int p = matchName(b, i, lineEnd);
                if (p >= 0) {
                    long v = parseNumber(b, p, lineEnd);
                    if (v < 0 || (result >= 0 && v != result)) {
                        return -2;
                    }
                    result = v;
                }
            }
            i = lineEnd + 1;
        }
        return result;
    }

    private static int matchName(byte[] b, int i, int lineEnd) {
        byte[] cl = "content-length".getBytes(StandardCharsets.US_ASCII);
        if (i >= lineEnd) {
            return -1;
        }
        int c = b[i] | 0x20;
        int p;
        if (c == 'l') {
            p = i + 1;
        } else if (c == 'c' && lineEnd - i > cl.length) {
            for (int k = 1; k < cl.length; k++) {
                if ((b[i + k] | 0x20) != cl[k]) {
                    return -1;
                }
            }
            p = i + cl.length;
        } else {
            return -1;
        }
        while (p < lineEnd && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p < lineEnd && b[p] == ':' ? p + 1 : -1;
    }

    private static long parseNumber(byte[] b, int p, int lineEnd) {
        while (p < lineEnd && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        long v = 0;
        int digits = 0;
        while (p < lineEnd && b[p] >= '0' && b[p] <= '9') {
            if (v <= MAX_CL) {
                v = v * 10 + (b[p] - '0');
            }
            digits++;
            p++;
        }
        while (p < lineEnd && (b[p] == ' ' || b[p] == '\t' || b[p] == '\r')) {
            p++;
        }
        return digits == 0 || p != lineEnd ? -1 : v;
    }
}
