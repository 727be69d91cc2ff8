package dev.drsip.sip;

import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Sdp;
import dev.drsip.sip.header.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Header storage for {@link SipMessage}. FIRST CUT (naive, String based): to be replaced by the
 * fast offset-based scanner; the package-private API below is what SipMessage uses.
 */
final class SipHeaders {
    private final List<String> names = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    void add(String name, String value) {
        names.add(canonical(name));
        values.add(value);
    }

    static String canonical(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "i" -> "call-id";
            case "v" -> "via";
            case "m" -> "contact";
            case "l" -> "content-length";
            case "f" -> "from";
            case "t" -> "to";
            case "c" -> "content-type";
            case "k" -> "supported";
            case "s" -> "subject";
            case "e" -> "content-encoding";
            case "o" -> "event";
            case "r" -> "refer-to";
            case "b" -> "referred-by";
            case "u" -> "allow-events";
            case "x" -> "session-expires";
            case "y" -> "identity";
            case "a" -> "accept-contact";
            case "j" -> "reject-contact";
            case "d" -> "request-disposition";
            default -> n;
        };
    }

    List<String> names() {
        return List.copyOf(names);
    }

    String first(String name) {
        String n = canonical(name);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(n)) {
                return values.get(i);
            }
        }
        return null;
    }

    List<String> all(String name) {
        String n = canonical(name);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(n)) {
                out.addAll(HeaderValues.splitList(values.get(i)));
            }
        }
        return out;
    }

    String callId() {
        return first("call-id");
    }

    CSeq cseq() {
        return HeaderValues.cseq(first("cseq"));
    }

    Via topVia() {
        List<String> v = all("via");
        return v.isEmpty() ? null : HeaderValues.via(v.get(0));
    }

    List<Via> vias() {
        return all("via").stream().map(HeaderValues::via).toList();
    }

    NameAddr from() {
        return HeaderValues.nameAddr(first("from"));
    }

    NameAddr to() {
        return HeaderValues.nameAddr(first("to"));
    }

    NameAddr contact() {
        List<String> v = all("contact");
        return v.isEmpty() ? null : HeaderValues.nameAddr(v.get(0));
    }

    NameAddr recordRoute() {
        List<String> v = all("record-route");
        return v.isEmpty() ? null : HeaderValues.nameAddr(v.get(0));
    }

    List<Reason> reasons() {
        return all("reason").stream().map(HeaderValues::reason).toList();
    }

    int contentLength() {
        String v = first("content-length");
        if (v == null) {
            return -1;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    Sdp sdp(byte[] data, int off, int len) {
        String ct = first("content-type");
        if (len <= 0 || ct == null || !ct.toLowerCase(Locale.ROOT).contains("application/sdp")) {
            return null;
        }
        return HeaderValues.sdp(new String(data, off, len, java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
