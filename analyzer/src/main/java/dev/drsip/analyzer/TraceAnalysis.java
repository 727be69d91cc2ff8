package dev.drsip.analyzer;

import dev.drsip.analyzer.model.AnalysisListener;
import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.model.CallRecord;
import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.analyzer.model.ProblemCount;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.ParseResult;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import dev.drsip.sip.event.CaptureListener;
import dev.drsip.sip.event.TlsHandshake;
import dev.drsip.sip.header.CSeq;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The analysis pipeline a source feeds: parses every {@link SipPacket}, counts requests and
 * responses (retransmissions included, as tshark does), classifies Microsoft / SBC sides, feeds the
 * {@link CallCorrelator}, aggregates per-SBC statistics, collects problems, and tells
 * {@link AnalysisListener}s every message and call in event-time order. Single-threaded: call it
 * from the source's thread. {@link #finish()} ends the analysis and returns the result.
 */
public final class TraceAnalysis implements CaptureListener {
    static final int MAX_PROBLEM_EXAMPLES = 5;
    static final int MAX_PROBLEM_REASONS = 1_000;
    static final int MAX_METHODS = 1_000;

    private static final class ProblemAcc {
        long count;
        final List<ProblemCount.Example> examples = new ArrayList<>(MAX_PROBLEM_EXAMPLES);
    }

    private final AnalyzerConfig config;
    private final List<AnalysisListener> listeners;
    private final SipMessageParser parser = new SipMessageParser();
    private final SbcDirectory directory;
    private final CallCorrelator correlator;
    private final StatsCollector stats = new StatsCollector();
    private final List<CallRecord> pendingCalls = new ArrayList<>();
    /**
     * What the statistics were last told about an SBC address (and its text form, made once):
     * telling them the same again changes nothing, so the per-message bookkeeping is skipped.
     */
    private static final class NotedSbc {
        final String address;
        String name;
        String fqdn;

        NotedSbc(String address) {
            this.address = address;
        }
    }

    private final Map<IpAddress, NotedSbc> notedSbcs = new HashMap<>();

    private long sipMessages;
    private final Map<String, long[]> requests = new HashMap<>();
    private final long[] responses = new long[700];
    private final Map<Integer, Long> oddResponses = new TreeMap<>();
    private long retransmissions;
    private final Map<String, ProblemAcc> problems = new LinkedHashMap<>();
    private long tlsHandshakes;
    private long firstTime = -1;
    private long lastTime = -1;
    private AnalysisResult result;

    public TraceAnalysis(AnalyzerConfig config, List<AnalysisListener> listeners) {
        this.config = config;
        this.listeners = new ArrayList<>(listeners);
        this.directory = new SbcDirectory(config);
        this.correlator = new CallCorrelator(config, directory, pendingCalls::add);
    }

    public TraceAnalysis(AnalyzerConfig config, AnalysisListener... listeners) {
        this(config, Arrays.asList(listeners));
    }

    public void addListener(AnalysisListener l) {
        listeners.add(l);
    }

    public AnalyzerConfig config() {
        return config;
    }

    public SbcDirectory directory() {
        return directory;
    }

    public CallCorrelator correlator() {
        return correlator;
    }

    @Override
    public void onSip(SipPacket packet) {
        onParsed(packet, parser.parse(packet));
    }

    /**
     * A packet already parsed (by a pipeline stage on another thread, which hands it over with a
     * happens-before edge). Same effect as {@link #onSip} on that packet.
     */
    public void onParsed(SipPacket packet, ParseResult pr) {
        if (result != null) {
            return;
        }
        long t = packet.timeNanos();
        advance(t);
        if (pr instanceof Malformed) {
            problem((Malformed) pr);
            return;
        }
        SipMessage m = (SipMessage) pr;
        sipMessages++;
        if (m.isRequest()) {
            long[] c = requests.get(m.method());
            if (c == null) {
                // Bounded: a trace full of invented method tokens must not grow the map forever.
                String key = requests.size() < MAX_METHODS ? m.method() : "(other)";
                c = requests.computeIfAbsent(key, k -> new long[1]);
            }
            c[0]++;
        } else {
            int code = m.statusCode();
            if (code >= 0 && code < responses.length) {
                responses[code]++;
            } else {
                oddResponses.merge(code, 1L, Long::sum);
            }
        }
        List<Malformed> defects = m.defects();
        for (int i = 0; i < defects.size(); i++) {
            problem(defects.get(i));
        }

        directory.learnMicrosoft(m);
        IpAddress src = m.src();
        IpAddress dst = m.dst();
        boolean sm = directory.isMicrosoft(src);
        boolean dm = directory.isMicrosoft(dst);
        Side from = Side.UNKNOWN;
        Side to = Side.UNKNOWN;
        IpAddress sbcAddr = null;
        IpAddress msAddr = null;
        if (sm && !dm) {
            from = Side.MICROSOFT;
            to = Side.SBC;
            msAddr = src;
            sbcAddr = dst;
        } else if (dm && !sm) {
            from = Side.SBC;
            to = Side.MICROSOFT;
            msAddr = dst;
            sbcAddr = src;
        }
        String fqdn = null;
        String sbcName = null;
        if (sbcAddr != null) {
            directory.saw(msAddr, sbcAddr);
            fqdn = directory.learnSbc(m, from, sbcAddr);
            sbcName = directory.nameFor(sbcAddr, fqdn);
            NotedSbc noted = notedSbcs.get(sbcAddr);
            // noteSbc(name, address, fqdn) only adds to sets: repeating the last call is a no-op.
            if (noted == null || !sbcName.equals(noted.name) || (fqdn != null && !fqdn.equals(noted.fqdn))) {
                if (noted == null) {
                    noted = new NotedSbc(sbcAddr.toString());
                    if (notedSbcs.size() < SbcDirectory.MAX_SBCS) {
                        notedSbcs.put(sbcAddr, noted);
                    }
                }
                stats.noteSbc(sbcName, noted.address, fqdn);
                noted.name = sbcName;
                noted.fqdn = fqdn;
            }
        }
        boolean retrans = correlator.process(m, from, sbcAddr, msAddr, fqdn);
        if (retrans) {
            retransmissions++;
        }
        if (sbcName != null && !retrans) {
            CSeq cs = m.cseq();
            if (m.isRequest() && "OPTIONS".equals(m.method())) {
                stats.optionsRequest(sbcName, from, m.timeNanos());
            } else if (!m.isRequest() && cs != null && "OPTIONS".equals(cs.method()) && m.statusCode() >= 200) {
                stats.optionsFinal(sbcName, from, m.statusCode());
            }
        }
        if (!listeners.isEmpty()) {
            ClassifiedMessage cm = new ClassifiedMessage(m, from, to, sbcName,
                    sbcName == null ? Direction.UNKNOWN : correlator.lastDirection(), retrans);
            for (int i = 0; i < listeners.size(); i++) {
                listeners.get(i).onMessage(cm);
            }
        }
        flushCalls();
    }

    @Override
    public void onTls(TlsHandshake handshake) {
        if (result != null) {
            return;
        }
        advance(handshake.timeNanos());
        tlsHandshakes++;
        directory.learnTls(handshake);
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onTls(handshake);
        }
    }

    @Override
    public void onProblem(Malformed problem) {
        if (result == null) {
            problem(problem);
        }
    }

    @Override
    public void onTime(long timeNanos) {
        if (result != null) {
            return;
        }
        advance(timeNanos);
        // Indexed: called for every frame, where an iterator per call was 3% of the allocation.
        for (int i = 0; i < listeners.size(); i++) {
            listeners.get(i).onTime(timeNanos);
        }
    }

    private void advance(long t) {
        if (t <= 0) {
            return;
        }
        if (firstTime < 0 || t < firstTime) {
            firstTime = t;
        }
        if (t > lastTime) {
            lastTime = t;
        }
        correlator.advanceTime(t);
        flushCalls();
    }

    private void flushCalls() {
        if (pendingCalls.isEmpty()) {
            return;
        }
        for (int i = 0; i < pendingCalls.size(); i++) {
            CallRecord r = pendingCalls.get(i);
            stats.addCall(r);
            for (int j = 0; j < listeners.size(); j++) {
                listeners.get(j).onCall(r);
            }
        }
        pendingCalls.clear();
    }

    private void problem(Malformed p) {
        String reason = p.reason() == null ? "unknown" : p.reason();
        ProblemAcc a = problems.get(reason);
        if (a == null) {
            if (problems.size() >= MAX_PROBLEM_REASONS) {
                reason = "other";
                a = problems.get(reason);
            }
            if (a == null) {
                a = new ProblemAcc();
                problems.put(reason, a);
            }
        }
        a.count++;
        if (a.examples.size() < MAX_PROBLEM_EXAMPLES) {
            a.examples.add(new ProblemCount.Example(p.where(), p.detail()));
        }
    }

    /** Ends the analysis (closing every open call, delivered to listeners) and returns the result. Idempotent. */
    public AnalysisResult finish() {
        if (result != null) {
            return result;
        }
        correlator.finish();
        flushCalls();
        Map<String, Long> req = new TreeMap<>();
        requests.forEach((k, v) -> req.put(k, v[0]));
        Map<Integer, Long> resp = new TreeMap<>(oddResponses);
        for (int i = 0; i < responses.length; i++) {
            if (responses[i] > 0) {
                resp.put(i, responses[i]);
            }
        }
        List<ProblemCount> probs = new ArrayList<>();
        problems.forEach((k, v) -> probs.add(new ProblemCount(k, v.count, List.copyOf(v.examples))));
        probs.sort((a, b) -> a.count() != b.count() ? Long.compare(b.count(), a.count()) : a.reason().compareTo(b.reason()));
        result = new AnalysisResult(sipMessages, req, resp, retransmissions, probs, firstTime, lastTime, stats.calls,
                stats.drCalls, directory.microsoftAddresses(), stats.sbcStats(directory), stats.nonDr.toStats(),
                tlsHandshakes, correlator.stats());
        for (AnalysisListener l : listeners) {
            l.onFinish(result);
        }
        return result;
    }

    /** Same as {@link #finish()}. */
    public AnalysisResult result() {
        return finish();
    }
}
