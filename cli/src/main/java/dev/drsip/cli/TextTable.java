package dev.drsip.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns sized to their content; numeric columns right-aligned. */
final class TextTable {
    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = headers;
        this.right = new boolean[headers.length];
    }

    TextTable rightAlign(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    void add(Object... cells) {
        String[] r = new String[headers.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? cells[i].toString() : "";
        }
        rows.add(r);
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void render(StringBuilder out, String indent) {
        int[] w = new int[headers.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = headers[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        line(out, indent, headers, w);
        for (String[] r : rows) {
            line(out, indent, r, w);
        }
    }

    private void line(StringBuilder out, String indent, String[] cells, int[] w) {
        StringBuilder l = new StringBuilder(indent);
        for (int i = 0; i < cells.length; i++) {
            String c = cells[i];
            boolean last = i == cells.length - 1;
            if (right[i]) {
                l.append(" ".repeat(w[i] - c.length())).append(c);
            } else {
                l.append(c);
                if (!last) {
                    l.append(" ".repeat(w[i] - c.length()));
                }
            }
            if (!last) {
                l.append("  ");
            }
        }
        int end = l.length();
        while (end > 0 && l.charAt(end - 1) == ' ') {
            end--;
        }
        out.append(l, 0, end).append('\n');
    }
}
