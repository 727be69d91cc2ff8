package dev.drsip.analyzer.records;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads Microsoft Graph {@code getDirectRoutingCalls} answers: one page
 * ({@code {"@odata.context": ..., "value": [directRoutingLogRow...], "@odata.nextLink": ...}}),
 * several pages written one after another (what a script appending each page produces), a JSON
 * array of pages, or a bare array of rows. Rows are streamed (one row in memory at a time); each
 * keeps the line of its opening brace. A syntax error ends the file with a problem at its line;
 * the rows before it are kept.
 */
final class GraphDirectRoutingReader {
    static final String FORMAT = "graph-json";
    private static final String P = "records.json";
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 20).maxNestingDepth(64).build())
            .build());

    private final String file;
    private final ProblemCounter problems = new ProblemCounter();
    private final List<TeamsCallRecord> records = new ArrayList<>();
    private final RecordFields.Interner interner = new RecordFields.Interner();
    private long rows;
    private int pages;
    private String lastNextLink;
    private boolean lastPageHadNextLink;

    private GraphDirectRoutingReader(String file) {
        this.file = file;
    }

    static RecordsReadResult read(String file, Reader in) throws IOException {
        GraphDirectRoutingReader r = new GraphDirectRoutingReader(file);
        r.run(in);
        List<String> notes = new ArrayList<>();
        if (r.lastPageHadNextLink) {
            notes.add("the last Graph page still has @odata.nextLink (" + r.lastNextLink
                    + "): the export may be incomplete, fetch the next pages too");
        }
        return new RecordsReadResult(file, FORMAT, r.rows, r.pages, List.copyOf(r.records), r.problems.result(),
                List.of(), notes);
    }

    private void run(Reader in) throws IOException {
        try (JsonParser p = MAPPER.getFactory().createParser(in)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                topLevel(p, t);
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            problems.add(new Malformed(P + ".syntax", new Where(file, line),
                    "not valid JSON, reading stopped here: " + e.getOriginalMessage()));
        }
    }

    private void topLevel(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.START_ARRAY) {
            // an array of pages, or of rows
            JsonToken e;
            while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
                if (e == JsonToken.START_OBJECT) {
                    objectOrPage(p);
                } else {
                    skipValue(p, e, "an array element that is not an object");
                }
            }
        } else if (t == JsonToken.START_OBJECT) {
            objectOrPage(p);
        } else {
            skipValue(p, t, "a top-level value that is not an object or array");
        }
    }

    /** At START_OBJECT: a page (has "value") or a single row. */
    private void objectOrPage(JsonParser p) throws IOException {
        long line = p.currentTokenLocation().getLineNr();
        // Peek the fields: stream a page's "value" array; buffer anything else as a tree.
        Map<String, JsonNode> other = new java.util.LinkedHashMap<>();
        boolean page = false;
        String nextLink = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals("value") && v == JsonToken.START_ARRAY) {
                page = true;
                rowsOf(p);
            } else if (name.equals("@odata.nextLink")) {
                nextLink = v == JsonToken.VALUE_STRING ? p.getText() : null;
            } else if (other.size() < 64) {
                other.put(name, MAPPER.readTree(p));
            } else {
                p.skipChildren();
            }
        }
        if (page) {
            pages++;
            lastPageHadNextLink = nextLink != null;
            lastNextLink = nextLink;
            return;
        }
        if (looksLikeRow(other)) {
            rows++;
            row(other, new Where(file, line));
        } else {
            problems.add(new Malformed(P + ".not-graph", new Where(file, line),
                    "an object that is neither a Graph page (no \"value\" array) nor a directRoutingLogRow; skipped"));
        }
    }

    private void rowsOf(JsonParser p) throws IOException {
        JsonToken e;
        while ((e = p.nextToken()) != JsonToken.END_ARRAY && e != null) {
            long line = p.currentTokenLocation().getLineNr();
            rows++;
            if (e != JsonToken.START_OBJECT) {
                skipValue(p, e, "a row that is not an object");
                continue;
            }
            JsonNode n = MAPPER.readTree(p);
            Map<String, JsonNode> fields = new java.util.LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                fields.put(f.getKey(), f.getValue());
            }
            row(fields, new Where(file, line));
        }
    }

    private static boolean looksLikeRow(Map<String, JsonNode> fields) {
        int known = 0;
        for (String k : fields.keySet()) {
            if (RecordFields.field(k) != null) {
                known++;
            }
        }
        return known >= 2;
    }

    private void row(Map<String, JsonNode> fields, Where where) {
        Map<RecordFields.Field, String> values = new EnumMap<>(RecordFields.Field.class);
        for (Map.Entry<String, JsonNode> f : fields.entrySet()) {
            RecordFields.Field field = RecordFields.field(f.getKey());
            JsonNode v = f.getValue();
            if (field == null || v == null || v.isNull() || values.containsKey(field)) {
                continue;
            }
            if (v.isContainerNode()) {
                problems.add(new Malformed(P + ".bad-value", where, f.getKey() + " is not a plain value"));
                continue;
            }
            values.put(field, v.asText());
        }
        if (!values.containsKey(RecordFields.Field.SBC_FQDN) && !values.containsKey(RecordFields.Field.FINAL_SIP_CODE)) {
            problems.add(new Malformed(P + ".bad-row", where,
                    "row skipped: neither trunkFullyQualifiedDomainName nor finalSipCode"));
            return;
        }
        records.add(RecordFields.toRecord(values, where, P, problems::add, interner));
    }

    private void skipValue(JsonParser p, JsonToken t, String what) throws IOException {
        problems.add(new Malformed(P + ".unexpected", new Where(file, p.currentTokenLocation().getLineNr()), what + "; skipped"));
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
            p.skipChildren();
        }
    }
}
