package dev.drsip.capture.tls;

import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import dev.drsip.sip.event.CaptureListener;
import dev.drsip.sip.event.TlsHandshake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Reads the clear-text part of one TLS connection (both directions of a reassembled TCP flow) and
 * reports what a capture can show of its handshake as one {@link TlsHandshake}: SNI and offered
 * versions from the ClientHello, the chosen version (supported_versions extension => TLS 1.3) and
 * cipher suite from the ServerHello, and in TLS 1.2 and below the certificate chains both sides
 * send. Records and handshake messages may span TCP segments and each other.
 *
 * <p>Once a direction sends ChangeCipherSpec or application data (or, in TLS 1.3, once the
 * ServerHello is seen) the rest is encrypted and that direction is no longer parsed. Every length
 * is checked against explicit limits; bad input is reported as a {@link Malformed}, never thrown.
 */
public final class TlsHandshakeDecoder {
    /** Largest record body: 2^14 plaintext plus the expansion TLS allows for ciphertext. */
    public static final int MAX_RECORD = 16384 + 2048;
    /** Largest handshake message we reassemble (a Certificate with a long chain fits easily). */
    public static final int MAX_HANDSHAKE_MESSAGE = 256 * 1024;
    public static final int MAX_CERTIFICATES = 16;

    public static final String BAD_RECORD = "tls.bad-record";
    public static final String BAD_HANDSHAKE = "tls.bad-handshake";
    public static final String TOO_LARGE = "tls.handshake-too-large";
    /** A clear-text alert: the handshake was refused (the detail names the alert and who sent it). */
    public static final String ALERT = "tls.alert";

    private static final int CLIENT_HELLO = 1;
    private static final int SERVER_HELLO = 2;
    private static final int CERTIFICATE = 11;
    private static final int EXT_SERVER_NAME = 0;
    private static final int EXT_SUPPORTED_VERSIONS = 43;
    private static final byte[] HELLO_RETRY_RANDOM = hex(
            "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");

    private final CaptureListener out;
    private final IpAddress[] addr;
    private final int[] port;
    private final Side[] sides = {new Side(), new Side()};

    private int clientDir = -1;
    private String sni;
    private final List<Integer> offeredVersions = new ArrayList<>();
    private int version;
    private int cipherSuite = -1;
    private boolean helloRetry;
    private List<byte[]> serverCerts = List.of();
    private List<byte[]> clientCerts = List.of();
    private long eventTime;
    private Where eventWhere;
    private int eventRank; // 1 ClientHello, 2 ServerHello, 3 server Certificate: the best frame to cite
    private boolean emitted;

    /** Endpoint 0 is (a, aPort), endpoint 1 is (b, bPort); {@code dir} below is the sender's index. */
    public TlsHandshakeDecoder(CaptureListener out, IpAddress a, int aPort, IpAddress b, int bPort) {
        this.out = out;
        this.addr = new IpAddress[] {a, b};
        this.port = new int[] {aPort, bPort};
    }

    /** Next in-order bytes sent by endpoint {@code dir} (0 or 1). */
    public void data(int dir, long timeNanos, Where where, byte[] buf, int off, int len) {
        Side s = sides[dir];
        int end = off + len;
        int p = off;
        while (p < end && !s.stopped && !emitted) {
            if (s.headerFill < 5) {
                int n = Math.min(5 - s.headerFill, end - p);
                System.arraycopy(buf, p, s.header, s.headerFill, n);
                s.headerFill += n;
                p += n;
                if (s.headerFill < 5) {
                    break;
                }
                int type = s.header[0] & 0xff;
                int major = s.header[1] & 0xff;
                int length = u16(s.header, 3);
                if (type < 20 || type > 24 || major != 3 || length > MAX_RECORD) {
                    problem(BAD_RECORD, where, String.format("not a TLS record header (%02x %02x %02x, length %d); stopped reading this direction",
                            type, major, s.header[2] & 0xff, length));
                    s.stopped = true;
                    break;
                }
                if (type == 20 || type == 23) {
                    s.stopped = true; // ChangeCipherSpec / application data: encrypted from here on
                    break;
                }
                s.recordType = type;
                s.recordLeft = length;
                if (length == 0) {
                    s.headerFill = 0;
                }
                continue;
            }
            int n = Math.min(s.recordLeft, end - p);
            if (s.recordType == 22) {
                if (!appendHandshake(s, buf, p, n, where)) {
                    s.stopped = true;
                    break;
                }
            } else if (s.recordType == 21) {
                // an alert in clear: the handshake failed (a certificate refused, no common suite...)
                for (int k = 0; k < n && s.alertFill < 2; k++) {
                    s.alert[s.alertFill++] = buf[p + k];
                }
                if (s.alertFill == 2 || s.recordLeft == n) {
                    alert(dir, where);
                    s.stopped = true;
                    break;
                }
            }
            p += n;
            s.recordLeft -= n;
            if (s.recordLeft == 0) {
                s.headerFill = 0;
                if (s.recordType == 22 && !parseMessages(dir, s, timeNanos, where)) {
                    s.stopped = true;
                }
            }
        }
        maybeEmit();
    }

    /** Bytes were lost in this direction: records can't be found again reliably, so stop reading it. */
    public void gap(int dir) {
        sides[dir].stopped = true;
        maybeEmit();
    }

    /** This direction's stream ended. */
    public void end(int dir) {
        sides[dir].stopped = true;
        maybeEmit();
    }

    /** The connection is over: report what was seen, if a hello was. */
    public void finish() {
        sides[0].stopped = true;
        sides[1].stopped = true;
        maybeEmit();
    }

    /** Nothing more to learn from this connection. */
    public boolean done() {
        return emitted || (sides[0].stopped && sides[1].stopped);
    }

    /** Versions the client offered (supported_versions, else its legacy version), empty if no ClientHello seen. */
    public List<Integer> offeredVersions() {
        return Collections.unmodifiableList(offeredVersions);
    }

    /** True when the server answered with a HelloRetryRequest (TLS 1.3). */
    public boolean helloRetry() {
        return helloRetry;
    }

    // ---------------------------------------------------------------------------------------------

    private boolean appendHandshake(Side s, byte[] buf, int p, int n, Where where) {
        int need = s.hsFill + n;
        if (need > s.hs.length) {
            if (need > MAX_HANDSHAKE_MESSAGE + 4 + MAX_RECORD) {
                problem(TOO_LARGE, where, "TLS handshake data over " + MAX_HANDSHAKE_MESSAGE + " bytes; stopped reading this direction");
                return false;
            }
            s.hs = Arrays.copyOf(s.hs, Math.max(need, Math.min(2 * s.hs.length, MAX_HANDSHAKE_MESSAGE + 4 + MAX_RECORD)));
        }
        System.arraycopy(buf, p, s.hs, s.hsFill, n);
        s.hsFill = need;
        return true;
    }

    /** Parses the complete handshake messages buffered for a direction; false = stop this direction. */
    private boolean parseMessages(int dir, Side s, long t, Where where) {
        int p = 0;
        while (s.hsFill - p >= 4) {
            int type = s.hs[p] & 0xff;
            int len = u24(s.hs, p + 1);
            if (len > MAX_HANDSHAKE_MESSAGE) {
                problem(TOO_LARGE, where, "TLS handshake message type " + type + " of " + len + " bytes exceeds the limit");
                return false;
            }
            if (s.hsFill - p - 4 < len) {
                break;
            }
            boolean ok;
            try {
                ok = handshakeMessage(dir, type, s.hs, p + 4, len, t, where);
            } catch (ArrayIndexOutOfBoundsException e) {
                ok = false; // a length field pointing outside its message: reported below
            }
            if (!ok) {
                problem(BAD_HANDSHAKE, where, "malformed TLS handshake message type " + type + " (" + len + " bytes)");
                return false;
            }
            p += 4 + len;
            if (s.stopped || emitted) {
                return true;
            }
        }
        if (p > 0) {
            System.arraycopy(s.hs, p, s.hs, 0, s.hsFill - p);
            s.hsFill -= p;
        }
        return true;
    }

    /** Reads one handshake message body m[o, o+len); false when its inner lengths don't fit. */
    private boolean handshakeMessage(int dir, int type, byte[] m, int o, int len, long t, Where where) {
        int end = o + len;
        if (type == CLIENT_HELLO) {
            if (clientDir >= 0 && clientDir != dir) {
                return true; // a ClientHello from the server side: ignore
            }
            clientDir = dir;
            int p = o + 2 + 32; // legacy_version, random
            int legacy = u16(m, o);
            p = skip8(m, p, end); // session_id
            p = skip16(m, p, end); // cipher_suites
            p = skip8(m, p, end); // compression_methods
            if (p < 0) {
                return false;
            }
            offeredVersions.clear();
            sni = null;
            if (p + 2 <= end) {
                int extEnd = p + 2 + u16(m, p);
                if (extEnd > end) {
                    return false;
                }
                p += 2;
                while (p + 4 <= extEnd) {
                    int et = u16(m, p);
                    int el = u16(m, p + 2);
                    int eo = p + 4;
                    if (eo + el > extEnd) {
                        return false;
                    }
                    if (et == EXT_SERVER_NAME) {
                        sni = serverName(m, eo, eo + el);
                    } else if (et == EXT_SUPPORTED_VERSIONS && el >= 1) {
                        int vl = m[eo] & 0xff;
                        for (int q = eo + 1; q + 2 <= Math.min(eo + 1 + vl, eo + el); q += 2) {
                            int v = u16(m, q);
                            if ((v & 0x0f0f) != 0x0a0a) { // GREASE values are not versions
                                offeredVersions.add(v);
                            }
                        }
                    }
                    p = eo + el;
                }
            }
            if (offeredVersions.isEmpty()) {
                offeredVersions.add(legacy);
            }
            mark(1, t, where);
            return true;
        }
        if (type == SERVER_HELLO) {
            if (clientDir < 0) {
                clientDir = 1 - dir;
            }
            int legacy = u16(m, o);
            if (o + 34 > end) {
                return false;
            }
            boolean hrr = Arrays.equals(m, o + 2, o + 34, HELLO_RETRY_RANDOM, 0, 32);
            int p = skip8(m, o + 34, end);
            if (p < 0 || p + 3 > end) {
                return false;
            }
            int suite = u16(m, p);
            p += 3; // cipher_suite, compression_method
            int chosen = legacy;
            if (p + 2 <= end) {
                int extEnd = p + 2 + u16(m, p);
                if (extEnd > end) {
                    return false;
                }
                p += 2;
                while (p + 4 <= extEnd) {
                    int et = u16(m, p);
                    int el = u16(m, p + 2);
                    if (p + 4 + el > extEnd) {
                        return false;
                    }
                    if (et == EXT_SUPPORTED_VERSIONS && el == 2) {
                        chosen = u16(m, p + 4);
                    }
                    p += 4 + el;
                }
            }
            version = chosen;
            cipherSuite = suite;
            helloRetry |= hrr;
            mark(2, t, where);
            if (chosen == 0x0304) {
                // TLS 1.3: everything after ServerHello is encrypted, certificates included
                emit();
            }
            return true;
        }
        if (type == CERTIFICATE) {
            if (version == 0x0304) {
                return true;
            }
            if (len < 3) {
                return false;
            }
            int listEnd = o + 3 + u24(m, o);
            if (listEnd > end) {
                return false;
            }
            List<byte[]> certs = new ArrayList<>();
            int p = o + 3;
            while (p + 3 <= listEnd) {
                int cl = u24(m, p);
                if (p + 3 + cl > listEnd) {
                    return false;
                }
                if (certs.size() < MAX_CERTIFICATES) {
                    certs.add(Arrays.copyOfRange(m, p + 3, p + 3 + cl));
                }
                p += 3 + cl;
            }
            boolean fromServer = clientDir >= 0 ? dir != clientDir : true;
            if (fromServer) {
                serverCerts = List.copyOf(certs);
                mark(3, t, where);
            } else {
                clientCerts = List.copyOf(certs);
            }
            return true;
        }
        return true; // other handshake messages carry nothing we report
    }

    private void alert(int dir, Where where) {
        Side s = sides[dir];
        if (s.alertFill < 2) {
            problem(BAD_RECORD, where, "truncated TLS alert");
            return;
        }
        int level = s.alert[0] & 0xff;
        int desc = s.alert[1] & 0xff;
        String who = clientDir < 0 ? "endpoint " + addr[dir] + ":" + port[dir] : dir == clientDir ? "client" : "server";
        problem(ALERT, where, who + " sent " + (level == 2 ? "fatal " : level == 1 ? "warning " : "")
                + "TLS alert " + desc + " (" + alertName(desc) + ") in clear during the handshake");
    }

    /** RFC 8446 section 6 / RFC 5246 section 7.2 alert names. */
    public static String alertName(int desc) {
        switch (desc) {
            case 0: return "close_notify";
            case 10: return "unexpected_message";
            case 20: return "bad_record_mac";
            case 22: return "record_overflow";
            case 40: return "handshake_failure";
            case 42: return "bad_certificate";
            case 43: return "unsupported_certificate";
            case 44: return "certificate_revoked";
            case 45: return "certificate_expired";
            case 46: return "certificate_unknown";
            case 47: return "illegal_parameter";
            case 48: return "unknown_ca";
            case 49: return "access_denied";
            case 50: return "decode_error";
            case 51: return "decrypt_error";
            case 70: return "protocol_version";
            case 71: return "insufficient_security";
            case 80: return "internal_error";
            case 86: return "inappropriate_fallback";
            case 90: return "user_canceled";
            case 109: return "missing_extension";
            case 110: return "unsupported_extension";
            case 112: return "unrecognized_name";
            case 113: return "bad_certificate_status_response";
            case 115: return "unknown_psk_identity";
            case 116: return "certificate_required";
            case 120: return "no_application_protocol";
            default: return "unknown";
        }
    }

    private String serverName(byte[] m, int o, int end) {
        if (o + 2 > end) {
            return null;
        }
        int listEnd = Math.min(end, o + 2 + u16(m, o));
        int p = o + 2;
        while (p + 3 <= listEnd) {
            int nameType = m[p] & 0xff;
            int nl = u16(m, p + 1);
            if (p + 3 + nl > listEnd) {
                return null;
            }
            if (nameType == 0 && nl > 0 && nl <= 255) {
                return new String(m, p + 3, nl, StandardCharsets.US_ASCII);
            }
            p += 3 + nl;
        }
        return null;
    }

    private void mark(int rank, long t, Where where) {
        if (rank >= eventRank) {
            eventRank = rank;
            eventTime = t;
            eventWhere = where;
        }
    }

    private void maybeEmit() {
        if (!emitted && sides[0].stopped && sides[1].stopped) {
            emit();
        }
    }

    private void emit() {
        if (emitted) {
            return;
        }
        emitted = true;
        sides[0].release();
        sides[1].release();
        if (eventRank == 0) {
            return; // no hello seen (joined mid-connection): nothing to say
        }
        int c = clientDir >= 0 ? clientDir : 0;
        out.onTls(new TlsHandshake(eventTime, eventWhere, addr[c], port[c], addr[1 - c], port[1 - c], sni,
                version, cipherSuite, serverCerts, clientCerts));
    }

    private void problem(String reason, Where where, String detail) {
        out.onProblem(new Malformed(reason, where, detail + " (" + addr[0] + ":" + port[0] + " <-> " + addr[1] + ":" + port[1] + ")"));
    }

    private static int skip8(byte[] m, int p, int end) {
        if (p < 0 || p + 1 > end) {
            return -1;
        }
        int q = p + 1 + (m[p] & 0xff);
        return q <= end ? q : -1;
    }

    private static int skip16(byte[] m, int p, int end) {
        if (p < 0 || p + 2 > end) {
            return -1;
        }
        int q = p + 2 + u16(m, p);
        return q <= end ? q : -1;
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u24(byte[] b, int p) {
        return ((b[p] & 0xff) << 16) | ((b[p + 1] & 0xff) << 8) | (b[p + 2] & 0xff);
    }

    private static byte[] hex(String s) {
        byte[] r = new byte[s.length() / 2];
        for (int i = 0; i < r.length; i++) {
            r[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return r;
    }

    /** Record and handshake reassembly state of one direction. */
    private static final class Side {
        final byte[] header = new byte[5];
        int headerFill;
        int recordType;
        int recordLeft;
        final byte[] alert = new byte[2];
        int alertFill;
        byte[] hs = new byte[1024];
        int hsFill;
        boolean stopped;

        void release() {
            hs = new byte[0];
            hsFill = 0;
            stopped = true;
        }
    }
}
