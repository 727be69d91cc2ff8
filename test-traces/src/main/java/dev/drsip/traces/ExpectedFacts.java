package dev.drsip.traces;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generated trace contains, as the generator knows it: SIP message counts as tshark counts
 * them (every message on the wire, retransmissions included), and per SBC the call outcomes with
 * the Microsoft response code and side of every failure. Serialised as stable, sorted JSON.
 */
public final class ExpectedFacts {
    /** Grouping key of a failed call. {@code microsoftCode} is null when no documented code fits. */
    public record FailureKey(String direction, int sipCode, Integer microsoftCode, String side,
            boolean userOutcome) implements Comparable<FailureKey> {
        @Override
        public int compareTo(FailureKey o) {
            int c = direction.compareTo(o.direction);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(sipCode, o.sipCode);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(microsoftCode == null ? -1 : microsoftCode,
                    o.microsoftCode == null ? -1 : o.microsoftCode);
            return c != 0 ? c : side.compareTo(o.side);
        }
    }

    public static final class DirectionStats {
        public int attempts;
        public int answered;
        public int failed;
        public int userOutcomes;

        /** NER as in the health dashboard: (answered + user outcomes) / attempts x 100. */
        public double ner() {
            return attempts == 0 ? 100.0 : Math.round((answered + userOutcomes) * 10000.0 / attempts) / 100.0;
        }
    }

    public static final class SbcFacts {
        public final String name;
        public final List<String> addresses = new ArrayList<>();
        public final DirectionStats outbound = new DirectionStats();
        public final DirectionStats inbound = new DirectionStats();
        public final TreeMap<FailureKey, Integer> failures = new TreeMap<>();
        public int optionsFromSbc;
        public int optionsFromSbcAnswered;
        public int optionsToSbc;
        public int optionsToSbcAnswered;

        SbcFacts(String name) {
            this.name = name;
        }

        public DirectionStats direction(String d) {
            return d.equals("outbound") ? outbound : inbound;
        }
    }

    public String trace = "";
    public String description = "";
    public final List<String> tsharkDecodeAs = new ArrayList<>();
    /** Extra tshark preferences ({@code -o NAME:VALUE}) needed for tshark to count what is there. */
    public final List<String> tsharkOptions = new ArrayList<>();
    public int sipMessages;
    public int retransmissions;
    public int lostMessages;
    public final TreeMap<String, Integer> requests = new TreeMap<>();
    public final TreeMap<Integer, Integer> responses = new TreeMap<>();
    public final TreeMap<String, Integer> scenarios = new TreeMap<>();
    public final TreeMap<String, SbcFacts> sbcs = new TreeMap<>();
    /** Deliberately broken frames: 1-based frame number -> what is wrong with it. */
    public final TreeMap<Integer, String> brokenFrames = new TreeMap<>();
    public long firstEpochNanos = Long.MAX_VALUE;
    public long lastEpochNanos = Long.MIN_VALUE;

    public SbcFacts sbc(String name, String address) {
        SbcFacts s = sbcs.computeIfAbsent(name, SbcFacts::new);
        if (address != null && !s.addresses.contains(address)) {
            s.addresses.add(address);
        }
        return s;
    }

    /** Counts one SIP message from its start line. */
    public void countMessage(byte[] msg, boolean retransmission, long t) {
        sipMessages++;
        if (retransmission) {
            retransmissions++;
        }
        firstEpochNanos = Math.min(firstEpochNanos, t);
        lastEpochNanos = Math.max(lastEpochNanos, t);
        if (msg.length > 8 && msg[0] == 'S' && msg[1] == 'I' && msg[2] == 'P' && msg[3] == '/') {
            int code = (msg[8] - '0') * 100 + (msg[9] - '0') * 10 + (msg[10] - '0');
            responses.merge(code, 1, Integer::sum);
        } else {
            int sp = 0;
            while (sp < msg.length && msg[sp] != ' ') {
                sp++;
            }
            requests.merge(new String(msg, 0, sp, java.nio.charset.StandardCharsets.US_ASCII), 1, Integer::sum);
        }
    }

    /** Removes a message counted earlier (e.g. one whose TCP segment was then lost). */
    public void uncountMessage(byte[] msg) {
        if (msg.length > 8 && msg[0] == 'S' && msg[1] == 'I' && msg[2] == 'P' && msg[3] == '/') {
            int code = (msg[8] - '0') * 100 + (msg[9] - '0') * 10 + (msg[10] - '0');
            responses.merge(code, -1, Integer::sum);
            responses.remove(code, 0);
        } else {
            String m = new String(msg, 0, new String(msg, java.nio.charset.StandardCharsets.US_ASCII).indexOf(' '),
                    java.nio.charset.StandardCharsets.US_ASCII);
            requests.merge(m, -1, Integer::sum);
            requests.remove(m, 0);
        }
        sipMessages--;
        lostMessages++;
    }

    public int requestCount() {
        return requests.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int responseCount() {
        return responses.values().stream().mapToInt(Integer::intValue).sum();
    }

    public String toJson() {
        StringBuilder b = new StringBuilder(4096);
        b.append("{\n");
        b.append("  \"trace\": ").append(q(trace)).append(",\n");
        b.append("  \"description\": ").append(q(description)).append(",\n");
        b.append("  \"tsharkDecodeAs\": [");
        for (int i = 0; i < tsharkDecodeAs.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(q(tsharkDecodeAs.get(i)));
        }
        b.append("],\n");
        b.append("  \"tsharkOptions\": [");
        for (int i = 0; i < tsharkOptions.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(q(tsharkOptions.get(i)));
        }
        b.append("],\n");
        b.append("  \"sipMessages\": ").append(sipMessages).append(",\n");
        b.append("  \"retransmissions\": ").append(retransmissions).append(",\n");
        b.append("  \"lostMessages\": ").append(lostMessages).append(",\n");
        if (sipMessages > 0) {
            b.append("  \"firstTime\": ").append(q(java.time.Instant.ofEpochSecond(0, firstEpochNanos).toString())).append(",\n");
            b.append("  \"lastTime\": ").append(q(java.time.Instant.ofEpochSecond(0, lastEpochNanos).toString())).append(",\n");
        }
        b.append("  \"brokenFrames\": [");
        boolean bf = true;
        for (Map.Entry<Integer, String> e : brokenFrames.entrySet()) {
            b.append(bf ? "" : ", ").append("{\"frame\": ").append(e.getKey()).append(", \"kind\": ")
                    .append(q(e.getValue())).append('}');
            bf = false;
        }
        b.append("],\n");
        b.append("  \"requests\": ");
        map(b, requests);
        b.append(",\n  \"responses\": ");
        map(b, responses);
        b.append(",\n  \"scenarios\": ");
        map(b, scenarios);
        b.append(",\n  \"sbcs\": [");
        boolean first = true;
        for (SbcFacts s : sbcs.values()) {
            b.append(first ? "\n" : ",\n");
            first = false;
            b.append("    {\n      \"name\": ").append(q(s.name)).append(",\n      \"addresses\": [");
            for (int i = 0; i < s.addresses.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(q(s.addresses.get(i)));
            }
            b.append("],\n");
            dir(b, "outbound", s.outbound);
            dir(b, "inbound", s.inbound);
            b.append("      \"options\": {\"fromSbc\": ").append(s.optionsFromSbc)
                    .append(", \"fromSbcAnswered200\": ").append(s.optionsFromSbcAnswered)
                    .append(", \"toSbc\": ").append(s.optionsToSbc)
                    .append(", \"toSbcAnswered200\": ").append(s.optionsToSbcAnswered).append("},\n");
            b.append("      \"failures\": [");
            boolean f1 = true;
            for (Map.Entry<FailureKey, Integer> e : s.failures.entrySet()) {
                FailureKey k = e.getKey();
                b.append(f1 ? "\n" : ",\n");
                f1 = false;
                b.append("        {\"direction\": ").append(q(k.direction())).append(", \"sipCode\": ")
                        .append(k.sipCode()).append(", \"microsoftCode\": ")
                        .append(k.microsoftCode() == null ? "null" : k.microsoftCode().toString())
                        .append(", \"side\": ").append(q(k.side())).append(", \"userOutcome\": ")
                        .append(k.userOutcome()).append(", \"count\": ").append(e.getValue()).append('}');
            }
            b.append(f1 ? "]\n" : "\n      ]\n").append("    }");
        }
        b.append(first ? "]\n" : "\n  ]\n");
        b.append("}\n");
        return b.toString();
    }

    private static void dir(StringBuilder b, String name, DirectionStats d) {
        b.append("      \"").append(name).append("\": {\"attempts\": ").append(d.attempts)
                .append(", \"answered\": ").append(d.answered).append(", \"failed\": ").append(d.failed)
                .append(", \"userOutcomes\": ").append(d.userOutcomes).append(", \"ner\": ")
                .append(d.ner()).append("},\n");
    }

    private static void map(StringBuilder b, Map<?, Integer> m) {
        b.append('{');
        boolean first = true;
        for (Map.Entry<?, Integer> e : m.entrySet()) {
            b.append(first ? "" : ", ").append(q(String.valueOf(e.getKey()))).append(": ").append(e.getValue());
            first = false;
        }
        b.append('}');
    }

    static String q(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
