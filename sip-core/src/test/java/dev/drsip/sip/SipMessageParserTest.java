package dev.drsip.sip;

import static dev.drsip.sip.SipFixtures.crlf;
import static dev.drsip.sip.SipFixtures.message;
import static dev.drsip.sip.SipFixtures.packet;
import static dev.drsip.sip.SipFixtures.parse;
import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Sdp;
import dev.drsip.sip.header.Via;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipMessageParserTest {

    @Test
    void microsoftUpperCaseInvite() {
        SipMessage m = message(SipFixtures.microsoftInvite());
        assertThat(m.defects()).isEmpty();
        assertThat(m.isRequest()).isTrue();
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.requestUri()).isEqualTo("sip:+15551230001@sbc1.contoso.com:5067;user=phone;transport=tls");
        assertThat(m.requestUriParsed()).isEqualTo(new SipUri("sip", "+15551230001", "sbc1.contoso.com", 5067, "tls"));
        assertThat(m.statusCode()).isZero();
        assertThat(m.reasonPhrase()).isNull();
        assertThat(m.callId()).isEqualTo("8f2c7f1a0b9e4d6c9a3b2c1d0e9f8a7b");
        assertThat(m.cseq().number()).isEqualTo(1);
        assertThat(m.cseq().method()).isEqualTo("INVITE");
        Via via = m.topVia();
        assertThat(via.transport()).isEqualTo("TLS");
        assertThat(via.host()).isEqualTo("52.114.148.0");
        assertThat(via.port()).isEqualTo(5061);
        assertThat(via.branch()).isEqualTo("z9hG4bKac1a2b3c4d");
        assertThat(via.received()).isNull();
        assertThat(m.from().tag()).isEqualTo("6b1a0f4c3e2d4e1b");
        assertThat(m.from().uri().host()).isEqualTo("sip.pstnhub.microsoft.com");
        assertThat(m.from().uri().user()).isEqualTo("+15559870002");
        assertThat(m.to().tag()).isNull();
        assertThat(m.to().uri().port()).isEqualTo(5067);
        assertThat(m.recordRoute().uri().host()).isEqualTo("sip-du-a-us.pstnhub.microsoft.com");
        assertThat(m.recordRoute().uri().transport()).isEqualTo("tls");
        assertThat(m.contact().uri().host()).isEqualTo("api-du-a-usea.pstnhub.microsoft.com");
        assertThat(m.contact().uri().port()).isEqualTo(443);
        assertThat(m.userAgent()).isEqualTo("Microsoft.PSTNHub.SIPProxy v.2024.11.4.1 i.USEA.5");
        assertThat(m.server()).isNull();
        assertThat(m.contentType()).isEqualTo("application/sdp");
        assertThat(m.contentLength()).isEqualTo(crlf(SipFixtures.SDP).length).isEqualTo(m.bodyLength());
        assertThat(new String(m.body(), StandardCharsets.UTF_8)).startsWith("v=0\r\n");
        assertThat(m.headers("supported")).containsExactly("timer", "100rel");
        assertThat(m.headers("Allow")).hasSize(6);
        assertThat(m.header("min-se")).isEqualTo("90");
        assertThat(m.header("x")).isEqualTo("1800");
        assertThat(m.headerNames()).startsWith("from", "to", "cseq", "call-id", "max-forwards", "via");
        assertThat(m.reasons()).isEmpty();
        Sdp sdp = m.sdp();
        assertThat(sdp.connectionAddresses()).containsExactly("52.114.148.0");
        assertThat(sdp.media()).containsExactly("audio 49152 RTP/SAVP 0 8 101");
        assertThat(sdp.directions()).containsExactly("sendrecv");
        assertThat(sdp.hasCrypto()).isTrue();
        assertThat(sdp.hasIceCandidates()).isTrue();
    }

    @Test
    void busyWithQ850ReasonGuidAndPhrase() {
        SipMessage m = message(SipFixtures.BUSY_486);
        assertThat(m.defects()).isEmpty();
        assertThat(m.isRequest()).isFalse();
        assertThat(m.method()).isNull();
        assertThat(m.requestUri()).isNull();
        assertThat(m.statusCode()).isEqualTo(486);
        assertThat(m.reasonPhrase()).isEqualTo("Busy Here");
        assertThat(m.topVia().received()).isEqualTo("52.114.148.0");
        assertThat(m.to().tag()).isEqualTo("sbc-99a8");
        assertThat(m.contact().uri()).isEqualTo(new SipUri("sip", "+15551230001", "sbc1.contoso.com", 5067, "tls"));
        assertThat(m.server()).isEqualTo("Ribbon SBC 1000/12.0");
        assertThat(m.reasons()).containsExactly(new Reason("Q.850", 17,
                "4656976f-1b2c-4d3e-8f9a-0b1c2d3e4f5a;User is busy and currently active on another call."));
        assertThat(m.reasons().get(0).isQ850()).isTrue();
        assertThat(m.contentLength()).isZero();
        assertThat(m.bodyLength()).isZero();
        assertThat(m.sdp()).isNull();
    }

    @Test
    void reasonSpacingAndMultipleReasons() {
        SipMessage m = message("""
                BYE sip:a@b SIP/2.0
                Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1
                From: <sip:a@b>;tag=1
                To: <sip:c@d>;tag=2
                Call-ID: x
                CSeq: 2 BYE
                Reason: Q.850 ;cause=63 ;text="4656976f-aaaa;phrase, with comma", SIP ;cause=200;text="Call completed elsewhere"
                Reason: SIP;cause=487
                Content-Length: 0

                """);
        assertThat(m.reasons()).containsExactly(
                new Reason("Q.850", 63, "4656976f-aaaa;phrase, with comma"),
                new Reason("SIP", 200, "Call completed elsewhere"),
                new Reason("SIP", 487, null));
        assertThat(m.reasons().get(2).isSip()).isTrue();
    }

    @Test
    void compactFormsAllRecognised() {
        SipMessage m = message("""
                INVITE sip:bob@example.com SIP/2.0
                v: SIP/2.0/UDP pc33.example.com;branch=z9hG4bK776asdhds
                f: "Alice" <sip:alice@example.com>;tag=1928301774
                t: Bob <sip:bob@example.com>
                i: a84b4c76e66710
                CSeq: 314159 INVITE
                m: <sip:alice@pc33.example.com>
                k: timer
                s: hello
                o: dialog
                r: <sip:carol@example.com>
                b: <sip:alice@example.com>
                u: talk, hold
                x: 1800;refresher=uac
                a: *;audio
                j: *;video
                d: proxy
                e: gzip
                y: abc
                n: <https://example.com/cert>
                c: application/sdp
                l: 0

                """);
        assertThat(m.defects()).isEmpty();
        assertThat(m.callId()).isEqualTo("a84b4c76e66710");
        assertThat(m.topVia().host()).isEqualTo("pc33.example.com");
        assertThat(m.from().displayName()).isEqualTo("Alice");
        assertThat(m.to().displayName()).isEqualTo("Bob");
        assertThat(m.contact().uri().host()).isEqualTo("pc33.example.com");
        assertThat(m.contentLength()).isZero();
        assertThat(m.headerNames()).containsExactly("via", "from", "to", "call-id", "cseq", "contact", "supported",
                "subject", "event", "refer-to", "referred-by", "allow-events", "session-expires", "accept-contact",
                "reject-contact", "request-disposition", "content-encoding", "identity", "identity-info",
                "content-type", "content-length");
        assertThat(m.header("Session-Expires")).isEqualTo("1800;refresher=uac");
        assertThat(m.header("SUBJECT")).isEqualTo("hello");
        assertThat(m.headers("allow-events")).containsExactly("talk", "hold");
        assertThat(m.header("refer-to")).isEqualTo("<sip:carol@example.com>");
    }

    @Test
    void spacesBeforeColonAndOddCase() {
        SipMessage m = message("""
                OPTIONS sip:x@y SIP/2.0
                vIa   : SIP/2.0/TCP 1.2.3.4:5060 ; branch = z9hG4bK9 ; received = 5.6.7.8
                From\t: <sip:x@y>;tag=a
                TO :<sip:x@y>
                Call-Id:   c1
                cseq:7   options
                Content-Length :  0

                """);
        assertThat(m.defects()).isEmpty();
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK9");
        assertThat(m.topVia().received()).isEqualTo("5.6.7.8");
        assertThat(m.topVia().transport()).isEqualTo("TCP");
        assertThat(m.callId()).isEqualTo("c1");
        assertThat(m.cseq().method()).isEqualTo("OPTIONS");
        assertThat(m.cseq().number()).isEqualTo(7);
        assertThat(m.from().tag()).isEqualTo("a");
    }

    @Test
    void foldedHeaderLinesAreJoined() {
        SipMessage m = message("""
                INVITE sip:bob@example.com SIP/2.0
                Via: SIP/2.0/UDP 10.0.0.1:5060
                 ;branch=z9hG4bKfold
                From: <sip:a@b>
                \t;tag=ftag
                To: <sip:bob@example.com>
                Subject: I know you're there,
                     pick up the phone
                \tand talk to me!
                Call-ID: fold-1
                CSeq: 1
                  INVITE
                Content-Length: 0

                """);
        assertThat(m.defects()).isEmpty();
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bKfold");
        assertThat(m.topVia().port()).isEqualTo(5060);
        assertThat(m.from().tag()).isEqualTo("ftag");
        assertThat(m.header("subject")).isEqualTo("I know you're there, pick up the phone and talk to me!");
        assertThat(m.cseq().method()).isEqualTo("INVITE");
    }

    @Test
    void repeatedAndMultiValueHeaders() {
        SipMessage m = message("""
                SIP/2.0 200 OK
                Via: SIP/2.0/TLS 52.114.148.0:5061;branch=z9hG4bK1, SIP/2.0/TLS 10.1.1.1:5061;branch=z9hG4bK2
                Via: SIP/2.0/UDP [2001:db8::9]:5060;branch=z9hG4bK3
                Record-Route: <sip:rr1.example.com;lr>, "Proxy, Two" <sip:rr2.example.com;lr>
                Record-Route: <sip:rr3.example.com;lr>
                From: <sip:a@b>;tag=1
                To: <sip:c@d>;tag=2
                Call-ID: multi
                CSeq: 1 INVITE
                Contact: "Last, First" <sip:first@[2001:db8::1]:5062;transport=tcp>;expires=60, <sip:second@h2>
                Content-Length: 0

                """);
        assertThat(m.defects()).isEmpty();
        List<Via> vias = m.vias();
        assertThat(vias).extracting(Via::branch).containsExactly("z9hG4bK1", "z9hG4bK2", "z9hG4bK3");
        assertThat(vias.get(2).host()).isEqualTo("2001:db8::9");
        assertThat(vias.get(2).port()).isEqualTo(5060);
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK1");
        assertThat(m.headers("via")).hasSize(3);
        assertThat(m.recordRoutes()).extracting(n -> n.uri().host())
                .containsExactly("rr1.example.com", "rr2.example.com", "rr3.example.com");
        assertThat(m.recordRoutes().get(1).displayName()).isEqualTo("Proxy, Two");
        NameAddr c = m.contact();
        assertThat(c.displayName()).isEqualTo("Last, First");
        assertThat(c.uri()).isEqualTo(new SipUri("sip", "first", "2001:db8::1", 5062, "tcp"));
        assertThat(m.contacts()).hasSize(2);
        assertThat(m.headers("contact")).hasSize(2);
    }

    @Test
    void ipv6InViaWithoutPort() {
        SipMessage m = message("""
                OPTIONS sip:[2001:DB8::1] SIP/2.0
                Via: SIP/2.0/UDP [2001:DB8::10];branch=z9hG4bK6
                From: <sip:[2001:db8::10]>;tag=a
                To: <sip:[2001:db8::1]>
                Call-ID: v6
                CSeq: 1 OPTIONS
                Contact: <sip:[2001:db8::10]:5070>
                Content-Length: 0

                """);
        assertThat(m.topVia().host()).isEqualTo("2001:db8::10");
        assertThat(m.topVia().port()).isEqualTo(-1);
        assertThat(m.requestUriParsed().host()).isEqualTo("2001:db8::1");
        assertThat(m.contact().uri().port()).isEqualTo(5070);
        assertThat(m.contact().uri().hostIsIp()).isTrue();
    }

    @Test
    void bareLfLineEndingsAndLeadingCrlf() {
        byte[] b = ("\r\n\r\nSIP/2.0 180 Ringing\nVia: SIP/2.0/UDP h;branch=z9hG4bKx\nFrom: <sip:a@b>;tag=1\n"
                + "To: <sip:c@d>;tag=2\nCall-ID: lf\nCSeq: 1 INVITE\nContent-Length: 0\n\n").getBytes(StandardCharsets.US_ASCII);
        SipMessage m = (SipMessage) new SipMessageParser().parse(packet(b));
        assertThat(m.defects()).isEmpty();
        assertThat(m.statusCode()).isEqualTo(180);
        assertThat(m.callId()).isEqualTo("lf");
    }

    @Test
    void packetOffsetIsHonoured() {
        byte[] msg = crlf(SipFixtures.OPTIONS);
        byte[] buf = new byte[msg.length + 20];
        System.arraycopy(msg, 0, buf, 10, msg.length);
        java.util.Arrays.fill(buf, 0, 10, (byte) 'X');
        java.util.Arrays.fill(buf, 10 + msg.length, buf.length, (byte) 'Y');
        SipPacket p = new SipPacket(0, null, 0, null, 0, Transport.UDP, SipFixtures.WHERE, buf, 10, msg.length);
        SipMessage m = (SipMessage) new SipMessageParser().parse(p);
        assertThat(m.defects()).isEmpty();
        assertThat(m.method()).isEqualTo("OPTIONS");
        assertThat(m.contentLength()).isZero();
        assertThat(m.bodyLength()).isZero();
    }

    @Test
    void extraBytesAfterContentLengthAreNotBody() {
        SipMessage m = message("""
                MESSAGE sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bKm
                From: <sip:a@b>;tag=1
                To: <sip:a@b>
                Call-ID: m
                CSeq: 1 MESSAGE
                Content-Type: text/plain
                Content-Length: 5

                hello world""");
        assertThat(m.bodyLength()).isEqualTo(5);
        assertThat(new String(m.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
        assertThat(m.sdp()).isNull();
    }

    // ---- malformed start lines ----

    @Test
    void brokenStartLinesAreMalformed() {
        assertMalformed("HTTP/1.1 200 OK\n\n", "sip.bad-start-line");
        assertMalformed("hello world\n", "sip.bad-start-line");
        assertMalformed("INVITE sip:a@b\nVia: x\n\n", "sip.bad-start-line");
        assertMalformed("INVITE sip:a@b SIP/3.0\n\n", "sip.bad-start-line");
        assertMalformed("SIP/2.0 20 OK\n\n", "sip.bad-status-line");
        assertMalformed("SIP/2.0 abc OK\n\n", "sip.bad-status-line");
        assertMalformed("SIP/2.0 2000 OK\n\n", "sip.bad-status-line");
        assertMalformed("SIP/2.0\n\n", "sip.bad-start-line");
        assertMalformed("\r\n\r\n", "sip.empty");
        Malformed empty = (Malformed) new SipMessageParser().parse(packet(new byte[0]));
        assertThat(empty.reason()).isEqualTo("sip.empty");
        byte[] big = new byte[SipMessageParser.MAX_MESSAGE_BYTES + 1];
        Malformed tooLarge = (Malformed) new SipMessageParser().parse(packet(big));
        assertThat(tooLarge.reason()).isEqualTo("sip.too-large");
        assertThat(tooLarge.where()).isEqualTo(SipFixtures.WHERE);
    }

    private static void assertMalformed(String text, String reason) {
        ParseResult r = parse(text);
        assertThat(r).isInstanceOf(Malformed.class);
        Malformed m = (Malformed) r;
        assertThat(m.reason()).as(text).isEqualTo(reason);
        assertThat(m.where()).isEqualTo(SipFixtures.WHERE);
        assertThat(m.detail()).isNotBlank();
    }

    // ---- defects: still a message ----

    @Test
    void defectsAreCarriedByTheMessage() {
        SipMessage m = message("""
                INVITE sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bKd
                this line has no colon
                From: <sip:a@b>;tag=1
                CSeq: one INVITE
                Content-Length: 100

                short body""");
        assertThat(m.method()).isEqualTo("INVITE");
        assertThat(m.defects()).extracting(Malformed::reason).containsExactlyInAnyOrder(
                "sip.header-without-colon", "sip.missing-header", "sip.missing-header", "sip.bad-cseq",
                "sip.body-truncated");
        assertThat(m.defects()).extracting(Malformed::detail)
                .anyMatch(d -> d.contains("line 3") && d.contains("this line has no colon"))
                .anyMatch(d -> d.contains("Call-ID"))
                .anyMatch(d -> d.contains("To"))
                .anyMatch(d -> d.contains("CSeq") && d.contains("one INVITE"))
                .anyMatch(d -> d.contains("100"));
        assertThat(m.defects()).allMatch(d -> d.where().equals(SipFixtures.WHERE));
        assertThat(m.cseq()).isNull();
        assertThat(m.callId()).isNull();
        assertThat(m.to()).isNull();
        assertThat(m.bodyLength()).isEqualTo(10);
    }

    @Test
    void headerNamesAreTakenOnlyWhenEveryByteIsATokenCharacter() {
        // A CR inside a name folds onto '-' under a blind "| 0x20": "Call\rID" must not be Call-ID.
        SipMessage m = message("INVITE sip:a@b SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP h;branch=z9hG4bKd\r\n"
                + "From: <sip:a@b>;tag=1\r\n"
                + "To: <sip:a@b>\r\n"
                + "Call\rID: not-a-call-id\r\n"
                + "CSeq : 1 INVITE\r\n"
                + "i\t: compact-with-blank\r\n"
                + "Max-Forwards:70\r\n"
                + "X-MS-SBC: Audiocodes/Mediant SW/v.7.40A.250.001\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertThat(m.defects()).extracting(Malformed::reason).containsExactly("sip.bad-header-name");
        assertThat(m.defects().get(0).detail()).contains("line 5");
        assertThat(m.callId()).isEqualTo("compact-with-blank");
        assertThat(m.cseq().number()).isEqualTo(1);
        assertThat(m.header("max-forwards")).isEqualTo("70");
        assertThat(m.header("X-MS-SBC")).isEqualTo("Audiocodes/Mediant SW/v.7.40A.250.001");
        assertThat(m.headerCount()).isEqualTo(8);
    }

    /**
     * The scanner finds a name's colon eight bytes at a time and checks an unknown name byte by
     * byte: on random names (known ones in any case, token and non-token bytes, blanks before the
     * colon, a CR, NUL or high byte inside) it must keep exactly the lines the rule "token
     * characters, optional blanks, ':'" keeps, under the same name.
     */
    @Test
    void headerNameRuleHoldsForRandomNames() {
        String[] known = {"Call-ID", "via", "CONTENT-LENGTH", "x-ms-call-id", "P-Asserted-Identity", "i", "l",
            "Max-Forwards", "User-Agent", "X-MS-SBC", "Subject"};
        byte[] odd = {' ', '\t', 0, '\r', '@', (byte) 0xC3, '(', '"', '/', '-', '.', '~'};
        java.util.Random rnd = new java.util.Random(41);
        for (int round = 0; round < 20_000; round++) {
            StringBuilder name = new StringBuilder();
            String base = known[rnd.nextInt(known.length)];
            for (char ch : base.toCharArray()) {
                name.append(rnd.nextBoolean() ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
            }
            if (rnd.nextInt(3) == 0) {
                // not first: a line starting with a blank continues the previous one
                name.insert(1 + rnd.nextInt(name.length()), (char) (odd[rnd.nextInt(odd.length)] & 0xff));
            }
            String blanks = rnd.nextInt(4) == 0 ? " \t ".substring(0, 1 + rnd.nextInt(3)) : "";
            byte[] line = (name + blanks + ": v" + round).getBytes(StandardCharsets.ISO_8859_1);
            // reference: token characters, then blanks, then ':' at the first colon of the line
            int i = 0;
            while (i < line.length && SipMessageParser.isTokenChar(line[i])) {
                i++;
            }
            int nameEnd = i;
            while (i < line.length && (line[i] == ' ' || line[i] == '\t')) {
                i++;
            }
            boolean kept = nameEnd > 0 && i < line.length && line[i] == ':';
            byte[] head = crlf("OPTIONS sip:a@b SIP/2.0\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\n"
                    + "To: <sip:a@b>\nCall-ID: c\nCSeq: 1 OPTIONS\n");
            byte[] tail = crlf("\nContent-Length: 0\n\n");
            byte[] all = new byte[head.length + line.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(line, 0, all, head.length, line.length);
            System.arraycopy(tail, 0, all, head.length + line.length, tail.length);
            if (!(new SipMessageParser().parse(packet(all)) instanceof SipMessage m)) {
                throw new AssertionError("not a message: " + name);
            }
            String shown = name.toString().replace("\r", "\\r").replace("\0", "\\0");
            boolean crInName = name.indexOf("\r") >= 0;
            if (kept) {
                String n = new String(line, 0, nameEnd, StandardCharsets.ISO_8859_1);
                assertThat(m.headerCount()).as(shown).isEqualTo(7);
                assertThat(m.headers(n)).as(shown).contains("v" + round);
            } else {
                assertThat(m.headerCount()).as(shown).isEqualTo(6);
                assertThat(m.defects()).as(shown).extracting(Malformed::reason)
                        .containsAnyOf("sip.bad-header-name", "sip.header-without-colon", "sip.duplicate-header");
                assertThat(crInName || m.defects().stream().anyMatch(d -> d.reason().equals("sip.bad-header-name")))
                        .as(shown).isTrue();
            }
        }
    }

    @Test
    void cseqMethodMismatchAndMissingBlankLine() {
        SipMessage m = message("""
                BYE sip:a@b SIP/2.0
                Via: SIP/2.0/UDP h;branch=z9hG4bKd
                From: <sip:a@b>;tag=1
                To: <sip:a@b>;tag=2
                Call-ID: c
                CSeq: 3 INVITE""");
        assertThat(m.defects()).extracting(Malformed::reason)
                .containsExactlyInAnyOrder("sip.cseq-method-mismatch", "sip.no-end-of-headers");
        assertThat(m.cseq().number()).isEqualTo(3);
    }

    @Test
    void tooManyHeadersIsADefect() {
        StringBuilder sb = new StringBuilder(SipFixtures.OPTIONS.substring(0, SipFixtures.OPTIONS.indexOf("Content-Length")));
        for (int i = 0; i < SipMessageParser.MAX_HEADERS + 10; i++) {
            sb.append("X-Filler-").append(i).append(": ").append(i).append('\n');
        }
        sb.append("Content-Length: 0\n\n");
        SipMessage m = message(sb.toString());
        assertThat(m.headerCount()).isEqualTo(SipMessageParser.MAX_HEADERS);
        assertThat(m.defects()).extracting(Malformed::reason).contains("sip.too-many-headers");
        assertThat(m.callId()).isEqualTo("opt-1@203.0.113.10");
    }

    @Test
    void badContentLengthAndBadHeaderName() {
        SipMessage m = message("""
                SIP/2.0 100 Trying
                Via: SIP/2.0/UDP h;branch=z9hG4bKd
                From: <sip:a@b>;tag=1
                To: <sip:a@b>
                Call-ID: c
                CSeq: 3 INVITE
                Bad Name: x
                Content-Length: abc

                """);
        assertThat(m.defects()).extracting(Malformed::reason)
                .containsExactlyInAnyOrder("sip.bad-header-name", "sip.bad-content-length");
        assertThat(m.contentLength()).isEqualTo(-1);
    }

    @Test
    void unknownHeadersCaseInsensitive() {
        SipMessage m = message("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP h;branch=z9hG4bKd
                From: <sip:a@b>;tag=1
                To: <sip:a@b>;tag=2
                Call-ID: c
                CSeq: 3 INVITE
                X-MS-Teams-Tenant-Id: 1234
                x-ms-teams-tenant-id: 5678
                Date: Sat, 13 Nov 2010 23:29:00 GMT
                Content-Length: 0

                """);
        assertThat(m.header("x-ms-TEAMS-tenant-id")).isEqualTo("1234");
        assertThat(m.headers("X-MS-Teams-Tenant-Id")).containsExactly("1234", "5678");
        assertThat(m.headers("date")).containsExactly("Sat, 13 Nov 2010 23:29:00 GMT");
        assertThat(m.headerNames()).contains("x-ms-teams-tenant-id");
        assertThat(m.header("absent")).isNull();
        assertThat(m.headers("absent")).isEmpty();
    }

    @Test
    void duplicateSingletonHeadersAreDefects() {
        SipMessage m = message("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP h;branch=z9hG4bKd
                From: <sip:a@b>;tag=1
                To: <sip:a@b>;tag=2
                Call-ID: first
                i: second
                CSeq: 3 INVITE
                Content-Length: 0
                l: 0

                """);
        assertThat(m.defects()).extracting(Malformed::reason)
                .containsExactly("sip.duplicate-header", "sip.duplicate-header");
        assertThat(m.defects().get(0).detail()).contains("line 6").contains("call-id");
        assertThat(m.callId()).isEqualTo("first");
        assertThat(m.headers("call-id")).containsExactly("first", "second");
    }

    @Test
    void tooManyDefectsAreCapped() {
        StringBuilder sb = new StringBuilder("OPTIONS sip:a@b SIP/2.0\n");
        for (int i = 0; i < 40; i++) {
            sb.append("no colon here ").append(i).append('\n');
        }
        sb.append('\n');
        SipMessage m = message(sb.toString());
        assertThat(m.defects()).hasSize(SipMessageParser.MAX_DEFECTS + 1);
        assertThat(m.defects().get(SipMessageParser.MAX_DEFECTS).reason()).isEqualTo("sip.too-many-defects");
    }

    @Test
    void overlongHeaderLineIsDroppedAndReported() {
        String longValue = "x".repeat(SipMessageParser.MAX_LINE_LENGTH + 1);
        SipMessage m = message(SipFixtures.OPTIONS.replace("Max-Forwards: 70", "X-Long: " + longValue));
        assertThat(m.defects()).extracting(Malformed::reason).containsExactly("sip.line-too-long");
        assertThat(m.header("x-long")).isNull();
        assertThat(m.callId()).isEqualTo("opt-1@203.0.113.10");
    }

    @Test
    void structuredValuesAreParsedOnceAndCached() {
        SipMessage m = message(SipFixtures.microsoftInvite());
        assertThat(m.from()).isSameAs(m.from());
        assertThat(m.to()).isSameAs(m.to());
        assertThat(m.topVia()).isSameAs(m.topVia());
        assertThat(m.vias()).isSameAs(m.vias());
        assertThat(m.contact()).isSameAs(m.contact());
        assertThat(m.recordRoute()).isSameAs(m.recordRoute());
        assertThat(m.reasons()).isSameAs(m.reasons());
        assertThat(m.sdp()).isSameAs(m.sdp());
        assertThat(m.callId()).isSameAs(m.callId());
        assertThat(m.requestUri()).isSameAs(m.requestUri());
        assertThat(m.header("user-agent")).isSameAs(m.userAgent());
        SipMessage absent = message(SipFixtures.OPTIONS_200);
        assertThat(absent.recordRoute()).isNull();
        assertThat(absent.recordRoute()).isNull();
        assertThat(absent.contact()).isNull();
        assertThat(absent.sdp()).isNull();
    }
}
