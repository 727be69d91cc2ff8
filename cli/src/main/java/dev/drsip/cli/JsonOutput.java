package dev.drsip.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Map;

/**
 * The indented JSON writer of every command. The reports are trees of maps, lists, strings,
 * numbers and booleans; those are written here, byte for byte as Jackson's default pretty printer
 * writes them, because building an ObjectMapper loads ~400 classes and cost ~0.15 s of every
 * `drsip analyze --format json` run. Any other value in a tree hands the whole tree to Jackson,
 * made on first use (holder idiom). {@code JsonOutputTest} holds both to the same bytes.
 */
final class JsonOutput {
    private JsonOutput() {
    }

    private static final class Holder {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** Jackson's mapper, for trees this writer does not take (and for tests). */
    static ObjectMapper mapper() {
        return Holder.MAPPER;
    }

    /** Writes {@code tree} indented (no line break after it) and flushes {@code out}. */
    static void write(Object tree, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(8192);
        if (value(sb, tree, 0)) {
            out.write(sb.toString());
            out.flush();
        } else {
            mapper().writeValue(out, tree);
        }
    }

    /** Appends {@code v}; false when it holds a type left to Jackson. {@code nesting} counts objects only. */
    private static boolean value(StringBuilder sb, Object v, int nesting) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof CharSequence s) {
            string(sb, s);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            sb.append(v);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return false;
            }
            sb.append(d.doubleValue());
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Map<?, ?> m) {
            return object(sb, m, nesting);
        } else if (v instanceof Collection<?> c) {
            // Arrays stay on the line: "[ a, b ]", "[ ]" (Jackson's FixedSpaceIndenter).
            sb.append('[');
            boolean first = true;
            for (Object e : c) {
                sb.append(first ? " " : ", ");
                first = false;
                if (!value(sb, e, nesting)) {
                    return false;
                }
            }
            sb.append(" ]");
        } else {
            return false;
        }
        return true;
    }

    private static boolean object(StringBuilder sb, Map<?, ?> m, int nesting) {
        if (m.isEmpty()) {
            sb.append("{ }");
            return true;
        }
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                return false;
            }
            if (!first) {
                sb.append(',');
            }
            first = false;
            indent(sb, nesting + 1);
            string(sb, key);
            sb.append(" : ");
            if (!value(sb, e.getValue(), nesting + 1)) {
                return false;
            }
        }
        indent(sb, nesting);
        sb.append('}');
        return true;
    }

    private static void indent(StringBuilder sb, int nesting) {
        sb.append(System.lineSeparator());
        for (int i = 0; i < nesting; i++) {
            sb.append("  ");
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A JSON string as Jackson escapes it: '"', '\\' and control characters only. */
    private static void string(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                sb.append(c);
                continue;
            }
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> sb.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        sb.append('"');
    }
}
