package dev.drsip.analyzer.records;

import dev.drsip.analyzer.AnalyzerConfig;
import dev.drsip.analyzer.TraceAnalysis;
import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.MicrosoftNetworks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small Direct Routing trace written message by message (as an SBC-side capture would show it)
 * and run through the real {@link TraceAnalysis}: the CallRecords the reconciliation test uses
 * come from the analyzer, not from hand-made records.
 */
final class DrTrace implements AnalysisListener {
    static final long T0 = 1_795_510_800_000L; // 2026-11-24T09:00:00Z, ms
    static final String MS = "52.114.16.10";
    static final String SBC = "203.0.113.10";
    static final String SBC_FQDN = "sbc1.contoso.com";

    private final TraceAnalysis analysis;
    final List<CallRecord> calls = new ArrayList<>();
    private long frame;

    DrTrace() {
        long s = AnalyzerConfig.SECOND;
        AnalyzerConfig config = new AnalyzerConfig(MicrosoftNetworks.defaults(),
                List.of(AnalyzerConfig.SbcName.parse(SBC_FQDN + "=" + SBC)), 10 * s, 32 * s, 300 * s, 4 * 3600 * s,
                32 * s, 1000, 2000);
        analysis = new TraceAnalysis(config, this);
    }

    private record Pending(long ms, int seq, boolean fromMicrosoft, String text) {
    }

    private final List<Pending> pending = new ArrayList<>();

    /**
     * Writes the messages as a classic pcap (Ethernet, IPv4, UDP; SIP on 5061/5067 as if exported
     * decrypted), so the same scenario can be run through {@code drsip analyze --calls}.
     */
    void writePcap(java.nio.file.Path file) throws java.io.IOException {
        List<Pending> sorted = new ArrayList<>(pending);
        sorted.sort(java.util.Comparator.comparingLong(Pending::ms).thenComparingInt(Pending::seq));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.nio.ByteBuffer g = java.nio.ByteBuffer.allocate(24).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        g.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        out.write(g.array());
        for (Pending p : sorted) {
            byte[] sip = p.text().getBytes(StandardCharsets.UTF_8);
            byte[] src = IpAddress.parse(p.fromMicrosoft() ? MS : SBC).toBytes();
            byte[] dst = IpAddress.parse(p.fromMicrosoft() ? SBC : MS).toBytes();
            int udpLen = 8 + sip.length;
            int ipLen = 20 + udpLen;
            java.nio.ByteBuffer f = java.nio.ByteBuffer.allocate(14 + ipLen);
            f.put(new byte[] {0, 0x15, 0x5d, 0, 0, 2, 0, 0x15, 0x5d, 0, 0, 1}).putShort((short) 0x0800);
            int ip = f.position();
            f.put((byte) 0x45).put((byte) 0).putShort((short) ipLen).putShort((short) 0).putShort((short) 0x4000)
                    .put((byte) 64).put((byte) 17).putShort((short) 0).put(src).put(dst);
            int sum = 0;
            for (int k = ip; k < ip + 20; k += 2) {
                sum += ((f.get(k) & 0xff) << 8) | (f.get(k + 1) & 0xff);
            }
            sum = (sum & 0xffff) + (sum >>> 16);
            sum = (sum & 0xffff) + (sum >>> 16);
            f.putShort(ip + 10, (short) ~sum);
            f.putShort((short) (p.fromMicrosoft() ? 5061 : 5067)).putShort((short) (p.fromMicrosoft() ? 5067 : 5061))
                    .putShort((short) udpLen).putShort((short) 0).put(sip);
            long ms = T0 + p.ms();
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(16).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            h.putInt((int) (ms / 1000)).putInt((int) (ms % 1000) * 1000).putInt(f.capacity()).putInt(f.capacity());
            out.write(h.array());
            out.write(f.array());
        }
        java.nio.file.Files.write(file, out.toByteArray());
    }

    /** Feeds every message in time order (calls are written one by one, their messages interleave). */
    List<CallRecord> finish() {
        pending.sort(java.util.Comparator.comparingLong(Pending::ms).thenComparingInt(Pending::seq));
        for (Pending p : pending) {
            feed(p.ms(), p.fromMicrosoft(), p.text());
        }
        analysis.finish();
        return calls;
    }

    @Override
    public void onMessage(ClassifiedMessage message) {
    }

    @Override
    public void onCall(CallRecord call) {
        calls.add(call);
    }

    private void send(long ms, boolean fromMicrosoft, String text) {
        pending.add(new Pending(ms, pending.size(), fromMicrosoft, text));
    }

    private void feed(long ms, boolean fromMicrosoft, String text) {
        analysis.onTime((T0 + ms) * 1_000_000L);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        IpAddress src = IpAddress.parse(fromMicrosoft ? MS : SBC);
        IpAddress dst = IpAddress.parse(fromMicrosoft ? SBC : MS);
        analysis.onSip(new SipPacket((T0 + ms) * 1_000_000L, src, fromMicrosoft ? 40123 : 5067, dst,
                fromMicrosoft ? 5067 : 5061, Transport.TLS, new Where("scenario.pcap", ++frame), b, 0, b.length));
    }

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 203.0.113.10\r\ns=-\r\nc=IN IP4 203.0.113.10\r\nt=0 0\r\n"
            + "m=audio 49170 RTP/SAVP 0 8 101\r\na=sendrecv\r\n";

    private static String msg(String start, List<String> headers, String body) {
        StringBuilder b = new StringBuilder(start).append("\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        if (!body.isEmpty()) {
            b.append("Content-Type: application/sdp\r\n");
        }
        b.append("Content-Length: ").append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
        return b.toString();
    }

    /** One INVITE dialog; methods send its messages at ms offsets from T0 + {@code at}. */
    final class Call {
        final String id;
        final boolean outbound;
        final long at;
        final String caller;
        final String callee;
        final String via;
        final String from;
        final String to;
        final String ruri;
        String toTag;

        Call(String id, boolean outbound, long atMs, String caller, String callee) {
            this.id = id;
            this.outbound = outbound;
            this.at = atMs;
            this.caller = caller;
            this.callee = callee;
            if (outbound) {
                ruri = "sip:" + callee + "@" + SBC_FQDN + ":5067;user=phone;transport=tls";
                via = "Via: SIP/2.0/TLS sip.pstnhub.microsoft.com:5061;branch=z9hG4bK" + id;
                from = "From: <sip:" + caller + "@sip.pstnhub.microsoft.com:5061;user=phone>;tag=ms" + id;
                to = "To: <sip:" + callee + "@" + SBC_FQDN + ";user=phone>";
            } else {
                ruri = "sip:" + callee + "@sip.pstnhub.microsoft.com:5061;user=phone;transport=tls";
                via = "Via: SIP/2.0/TLS " + SBC_FQDN + ":5067;branch=z9hG4bK" + id;
                from = "From: <sip:" + caller + "@" + SBC_FQDN + ";user=phone>;tag=sbc" + id;
                to = "To: <sip:" + callee + "@sip.pstnhub.microsoft.com;user=phone>";
            }
        }

        private String contact(boolean microsoft) {
            return microsoft ? "Contact: <sip:api-du-b.pstnhub.microsoft.com:443;x-i=" + id + ">"
                    : "Contact: <sip:" + (outbound ? callee : caller) + "@" + SBC_FQDN + ":5067;transport=tls>";
        }

        /** The caller side (Microsoft for outbound) sends the INVITE. */
        Call invite(long ms) {
            send(at + ms, outbound, msg("INVITE " + ruri + " SIP/2.0", List.of(via, "Max-Forwards: 70", from, to,
                    "Call-ID: " + id, "CSeq: 1 INVITE", contact(outbound),
                    outbound ? "User-Agent: Microsoft.PSTNHub.SIPProxy v.2020.7.31.1 i.USWE2.3" : "User-Agent: Contoso SBC 1.0"),
                    SDP));
            return this;
        }

        /** The called side answers the INVITE; extra headers (e.g. a Reason) may follow. */
        Call respond(long ms, int code, String phrase, String... extra) {
            if (code > 100 && toTag == null) {
                toTag = "tt" + id;
            }
            List<String> h = new ArrayList<>(List.of(via, from, code > 100 ? to + ";tag=" + toTag : to, "Call-ID: " + id,
                    "CSeq: 1 INVITE"));
            if (code > 100 && code < 300) {
                h.add(contact(!outbound));
            }
            h.addAll(List.of(extra));
            send(at + ms, !outbound, msg("SIP/2.0 " + code + " " + phrase, h, code == 200 ? SDP : ""));
            if (code >= 300) {
                // the caller side ACKs a failure hop by hop (same branch)
                send(at + ms + 20, outbound, msg("ACK " + ruri + " SIP/2.0", List.of(via, "Max-Forwards: 70", from,
                        to + ";tag=" + toTag, "Call-ID: " + id, "CSeq: 1 ACK"), ""));
            }
            return this;
        }

        /** ACK of the 2xx, by the caller side. */
        Call ack(long ms) {
            String target = outbound ? "sip:" + callee + "@" + SBC_FQDN + ":5067;transport=tls"
                    : "sip:api-du-b.pstnhub.microsoft.com:443;x-i=" + id;
            String v = outbound ? "Via: SIP/2.0/TLS sip.pstnhub.microsoft.com:5061;branch=z9hG4bKack" + id
                    : "Via: SIP/2.0/TLS " + SBC_FQDN + ":5067;branch=z9hG4bKack" + id;
            send(at + ms, outbound, msg("ACK " + target + " SIP/2.0", List.of(v, "Max-Forwards: 70", from,
                    to + ";tag=" + toTag, "Call-ID: " + id, "CSeq: 1 ACK"), ""));
            return this;
        }

        /** BYE sent by the SBC (whichever role it has), answered 200 by Microsoft. */
        Call byeFromSbc(long ms) {
            String target = "sip:api-du-b.pstnhub.microsoft.com:443;x-i=" + id;
            String v = "Via: SIP/2.0/TLS " + SBC_FQDN + ":5067;branch=z9hG4bKbye" + id;
            // the SBC is the callee on outbound calls (its tag is To's), the caller on inbound ones
            String f = outbound ? "From: " + to.substring(4) + ";tag=" + toTag : from;
            String t = outbound ? "To: " + from.substring(6) : to + ";tag=" + toTag;
            List<String> h = List.of(v, "Max-Forwards: 70", f, t, "Call-ID: " + id, "CSeq: 2 BYE");
            send(at + ms, false, msg("BYE " + target + " SIP/2.0", h, ""));
            send(at + ms + 30, true, msg("SIP/2.0 200 OK", List.of(v, f, t, "Call-ID: " + id, "CSeq: 2 BYE"), ""));
            return this;
        }

        /** CANCEL by the caller side; the called side answers 200 and then 487 to the INVITE. */
        Call cancel(long ms) {
            send(at + ms, outbound, msg("CANCEL " + ruri + " SIP/2.0", List.of(via, "Max-Forwards: 70", from, to,
                    "Call-ID: " + id, "CSeq: 1 CANCEL"), ""));
            send(at + ms + 20, !outbound, msg("SIP/2.0 200 OK", List.of(via, from, to, "Call-ID: " + id, "CSeq: 1 CANCEL"), ""));
            return respond(ms + 40, 487, "Request Terminated");
        }
    }

    /** An OPTIONS keep-alive and its 200 OK (the SBC's to Microsoft, or Microsoft's to the SBC's Contact FQDN). */
    void options(long ms, boolean fromMicrosoft) {
        String id = (fromMicrosoft ? "opt-ms-" : "opt-sbc-") + ms;
        String ruri = fromMicrosoft ? "sip:" + SBC_FQDN + ":5067;transport=tls" : "sip:sip.pstnhub.microsoft.com:5061;transport=tls";
        String via = fromMicrosoft ? "Via: SIP/2.0/TLS sip.pstnhub.microsoft.com:5061;branch=z9hG4bK" + id
                : "Via: SIP/2.0/TLS " + SBC_FQDN + ":5067;branch=z9hG4bK" + id;
        String from = fromMicrosoft ? "From: <sip:sip.pstnhub.microsoft.com>;tag=o" + id : "From: <sip:" + SBC_FQDN + ">;tag=o" + id;
        String to = fromMicrosoft ? "To: <sip:" + SBC_FQDN + ">" : "To: <sip:sip.pstnhub.microsoft.com>";
        String contact = fromMicrosoft ? "Contact: <sip:sip.pstnhub.microsoft.com:5061;transport=tls>"
                : "Contact: <sip:" + SBC_FQDN + ":5067;transport=tls>";
        send(ms, fromMicrosoft, msg("OPTIONS " + ruri + " SIP/2.0", List.of(via, "Max-Forwards: 70", from, to,
                "Call-ID: " + id, "CSeq: 1 OPTIONS", contact), ""));
        send(ms + 30, !fromMicrosoft, msg("SIP/2.0 200 OK", List.of(via, from, to + ";tag=r" + id, "Call-ID: " + id,
                "CSeq: 1 OPTIONS"), ""));
    }

    Call call(String id, boolean outbound, long atMs, String caller, String callee) {
        return new Call(id, outbound, atMs, caller, callee);
    }
}
