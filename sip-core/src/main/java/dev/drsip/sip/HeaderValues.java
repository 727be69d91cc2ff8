package dev.drsip.sip;

import dev.drsip.sip.header.CSeq;
import dev.drsip.sip.header.NameAddr;
import dev.drsip.sip.header.Reason;
import dev.drsip.sip.header.Sdp;
import dev.drsip.sip.header.Via;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Lenient parsers for structured header values. FIRST CUT: to be hardened against JAIN-SIP. */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** Splits a comma-separated header value, respecting quotes and angle brackets. */
    public static List<String> splitList(String value) {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' && (i == 0 || value.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (!quoted && c == '<') {
                depth++;
            } else if (!quoted && c == '>') {
                depth = Math.max(0, depth - 1);
            } else if (!quoted && depth == 0 && c == ',') {
                String part = value.substring(start, i).trim();
                if (!part.isEmpty()) {
                    out.add(part);
                }
                start = i + 1;
            }
        }
        String part = value.substring(start).trim();
        if (!part.isEmpty()) {
            out.add(part);
        }
        return out;
    }

    public static CSeq cseq(String v) {
        if (v == null) {
            return null;
        }
        String[] p = v.trim().split("\\s+");
        if (p.length != 2) {
            return null;
        }
        try {
            return new CSeq(Long.parseLong(p[0]), p[1].toUpperCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Via via(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        String[] params = s.split(";");
        String head = params[0].trim();
        int sp = head.indexOf(' ');
        String proto = sp > 0 ? head.substring(0, sp) : head;
        String sentBy = sp > 0 ? head.substring(sp + 1).trim() : "";
        String transport = proto.substring(proto.lastIndexOf('/') + 1).trim().toUpperCase(Locale.ROOT);
        SipUri hp = SipUri.parse("sip:" + sentBy.replace(" ", ""));
        String branch = null;
        String received = null;
        for (int i = 1; i < params.length; i++) {
            String p = params[i].trim();
            int eq = p.indexOf('=');
            String k = (eq > 0 ? p.substring(0, eq) : p).trim().toLowerCase(Locale.ROOT);
            String val = eq > 0 ? p.substring(eq + 1).trim() : null;
            if (k.equals("branch")) {
                branch = val;
            } else if (k.equals("received")) {
                received = val;
            }
        }
        return new Via(transport, hp.host(), hp.port(), branch, received, s);
    }

    public static NameAddr nameAddr(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        String display = null;
        String uri;
        String rest;
        int lt = s.indexOf('<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            if (gt < 0) {
                gt = s.length();
            }
            display = s.substring(0, lt).trim().replace("\"", "");
            if (display.isEmpty()) {
                display = null;
            }
            uri = s.substring(lt + 1, gt);
            rest = gt < s.length() ? s.substring(gt + 1) : "";
        } else {
            int semi = s.indexOf(';');
            uri = semi >= 0 ? s.substring(0, semi) : s;
            rest = semi >= 0 ? s.substring(semi) : "";
        }
        String tag = null;
        for (String p : rest.split(";")) {
            int eq = p.indexOf('=');
            if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("tag")) {
                tag = p.substring(eq + 1).trim();
            }
        }
        return new NameAddr(display, SipUri.parse(uri), tag, s);
    }

    public static Reason reason(String v) {
        if (v == null) {
            return null;
        }
        String s = v.trim();
        int semi = s.indexOf(';');
        String protocol = (semi >= 0 ? s.substring(0, semi) : s).trim();
        int cause = -1;
        String text = null;
        if (semi >= 0) {
            String rest = s.substring(semi + 1);
            int ti = indexOfParam(rest, "text");
            if (ti >= 0) {
                int eq = rest.indexOf('=', ti);
                String t = rest.substring(eq + 1).trim();
                if (t.startsWith("\"")) {
                    int end = t.indexOf('"', 1);
                    text = end > 0 ? t.substring(1, end) : t.substring(1);
                } else {
                    int end = t.indexOf(';');
                    text = end >= 0 ? t.substring(0, end) : t;
                }
                rest = rest.substring(0, ti);
            }
            for (String p : rest.split(";")) {
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("cause")) {
                    try {
                        cause = Integer.parseInt(p.substring(eq + 1).trim());
                    } catch (NumberFormatException e) {
                        cause = -1;
                    }
                }
            }
        }
        return new Reason(protocol, cause, text);
    }

    private static int indexOfParam(String s, String name) {
        String lower = s.toLowerCase(Locale.ROOT);
        int i = 0;
        while ((i = lower.indexOf(name, i)) >= 0) {
            int j = i + name.length();
            while (j < s.length() && s.charAt(j) == ' ') {
                j++;
            }
            if (j < s.length() && s.charAt(j) == '=') {
                return i;
            }
            i = j;
        }
        return -1;
    }

    public static Sdp sdp(String body) {
        List<String> conns = new ArrayList<>();
        List<String> dirs = new ArrayList<>();
        List<String> media = new ArrayList<>();
        boolean ice = false;
        boolean crypto = false;
        for (String line : body.split("\r?\n")) {
            if (line.startsWith("c=")) {
                String[] p = line.substring(2).trim().split("\\s+");
                conns.add(p.length >= 3 ? p[2] : line.substring(2).trim());
            } else if (line.startsWith("m=")) {
                media.add(line.substring(2).trim());
            } else if (line.startsWith("a=")) {
                String a = line.substring(2).trim();
                switch (a) {
                    case "sendrecv", "sendonly", "recvonly", "inactive" -> dirs.add(a);
                    default -> {
                        if (a.startsWith("candidate:")) {
                            ice = true;
                        } else if (a.startsWith("crypto:")) {
                            crypto = true;
                        }
                    }
                }
            }
        }
        return new Sdp(List.copyOf(conns), List.copyOf(dirs), List.copyOf(media), ice, crypto);
    }
}
