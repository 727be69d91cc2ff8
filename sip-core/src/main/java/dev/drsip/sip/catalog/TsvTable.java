package dev.drsip.sip.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A catalog data file: UTF-8, tab-separated, lines starting with '#' are comments, the first
 * other line names the columns. The files ship inside the jar, so a broken one is a bug in drsip
 * and fails loudly (IllegalStateException naming file and line), never at a user's input.
 */
final class TsvTable {
    /** One data row; {@code line} is the 1-based line number in the file, for error messages. */
    record Row(String file, int line, Map<String, Integer> columns, String[] cells) {
        String get(String column) {
            Integer i = columns.get(column);
            if (i == null) {
                throw new IllegalStateException(file + ": no column '" + column + "'");
            }
            return cells[i];
        }

        /** The cell, or null when it is "-" or empty (the files' "no value"). */
        String optional(String column) {
            String v = get(column);
            return v.isEmpty() || v.equals("-") ? null : v;
        }

        String required(String column) {
            String v = optional(column);
            if (v == null) {
                throw error("empty '" + column + "'");
            }
            return v;
        }

        int integer(String column) {
            String v = required(column);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw error("'" + column + "' is not a number: " + v);
            }
        }

        /** A number, or -1 when the cell is "-". */
        int optionalInteger(String column) {
            return optional(column) == null ? -1 : integer(column);
        }

        boolean yesNo(String column) {
            String v = required(column).toLowerCase(Locale.ROOT);
            if (v.equals("yes")) {
                return true;
            }
            if (v.equals("no")) {
                return false;
            }
            throw error("'" + column + "' must be yes or no: " + v);
        }

        /** Alternatives separated by " // "; empty list for "-". */
        List<String> list(String column) {
            String v = optional(column);
            if (v == null) {
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (String part : v.split(" // ")) {
                String t = part.trim();
                if (!t.isEmpty()) {
                    out.add(t);
                }
            }
            return List.copyOf(out);
        }

        IllegalStateException error(String what) {
            return new IllegalStateException(file + " line " + line + ": " + what);
        }
    }

    private TsvTable() {
    }

    static List<Row> load(String resource) {
        InputStream in = TsvTable.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("catalog resource missing from the jar: " + resource);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return parse(resource, r);
        } catch (IOException e) {
            throw new UncheckedIOException("reading catalog " + resource, e);
        }
    }

    static List<Row> parse(String file, BufferedReader r) throws IOException {
        Map<String, Integer> columns = null;
        List<Row> rows = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].trim();
            }
            if (columns == null) {
                columns = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    columns.put(cells[i], i);
                }
                columns = Map.copyOf(columns);
                continue;
            }
            if (cells.length != columns.size()) {
                throw new IllegalStateException(file + " line " + n + ": " + cells.length
                        + " cells, header has " + columns.size());
            }
            rows.add(new Row(file, n, columns, cells));
        }
        if (columns == null) {
            throw new IllegalStateException(file + ": no header line");
        }
        return List.copyOf(rows);
    }
}
