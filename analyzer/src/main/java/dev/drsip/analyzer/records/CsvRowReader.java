package dev.drsip.analyzer.records;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 rows from a character stream: quoted fields with doubled quotes, separators and line
 * breaks inside quotes, CRLF or LF line ends, a UTF-8 byte-order mark before the first field.
 * Bounded: a field longer than {@link #MAX_FIELD} characters or a row of more than
 * {@link #MAX_CELLS} cells is cut off and flagged, so a broken file cannot exhaust memory.
 */
final class CsvRowReader {
    static final int MAX_FIELD = 64 * 1024;
    static final int MAX_CELLS = 512;

    /** One row; {@code line} is the 1-based line it starts on; {@code problem} is null or a reason key. */
    record Row(long line, List<String> cells, String problem) {
    }

    private final Reader in;
    private final char separator;
    private long line = 1;
    private int pushedBack = -2;
    private boolean first = true;

    CsvRowReader(Reader in, char separator) {
        this.in = in;
        this.separator = separator;
    }

    private final char[] buf = new char[1 << 16];
    private int pos;
    private int end;

    /** One character from our own buffer (Reader.read() per character is a synchronized call). */
    private int raw() throws IOException {
        if (pos == end) {
            end = in.read(buf, 0, buf.length);
            pos = 0;
            if (end <= 0) {
                end = 0;
                return -1;
            }
        }
        return buf[pos++];
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        int c = raw();
        if (first) {
            first = false;
            if (c == '\uFEFF') {
                c = raw();
            }
        }
        return c;
    }

    /** The next row, or null at the end of the input. Blank lines are skipped. */
    Row next() throws IOException {
        while (true) {
            long start = line;
            List<String> cells = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            String problem = null;
            boolean quoted = false;
            boolean afterQuote = false;
            boolean any = false;
            int c;
            while (true) {
                c = read();
                if (c < 0) {
                    if (quoted) {
                        problem = "csv.unterminated-quote";
                    }
                    break;
                }
                any = true;
                if (quoted) {
                    if (c == '"') {
                        int n = read();
                        if (n == '"') {
                            append(field, '"');
                        } else {
                            quoted = false;
                            afterQuote = true;
                            pushedBack = n;
                        }
                    } else {
                        if (c == '\n') {
                            line++;
                        }
                        if (!append(field, (char) c) && problem == null) {
                            problem = "csv.field-too-long";
                        }
                    }
                    continue;
                }
                if (c == separator) {
                    if (!addCell(cells, field) && problem == null) {
                        problem = "csv.too-many-cells";
                    }
                    field.setLength(0);
                    afterQuote = false;
                    continue;
                }
                if (c == '\r') {
                    int n = read();
                    if (n != '\n') {
                        pushedBack = n;
                    }
                    line++;
                    break;
                }
                if (c == '\n') {
                    line++;
                    break;
                }
                if (c == '"' && field.length() == 0 && !afterQuote) {
                    quoted = true;
                    continue;
                }
                if (afterQuote && problem == null && c != ' ' && c != '\t') {
                    problem = "csv.text-after-quote";
                }
                if (!append(field, (char) c) && problem == null) {
                    problem = "csv.field-too-long";
                }
            }
            if (!any) {
                return null;
            }
            if (!addCell(cells, field) && problem == null) {
                problem = "csv.too-many-cells";
            }
            if (problem == null && cells.size() == 1 && cells.get(0).isBlank()) {
                if (c < 0) {
                    return null;
                }
                continue; // blank line
            }
            return new Row(start, cells, problem);
        }
    }

    private static boolean append(StringBuilder field, char c) {
        if (field.length() >= MAX_FIELD) {
            return false;
        }
        field.append(c);
        return true;
    }

    private static boolean addCell(List<String> cells, StringBuilder field) {
        if (cells.size() >= MAX_CELLS) {
            return false;
        }
        cells.add(field.toString());
        return true;
    }

    /** The separator of a header line: the most frequent of ',', ';' and tab outside quotes (',' on ties). */
    static char sniffSeparator(String headerLine) {
        int comma = 0;
        int semi = 0;
        int tab = 0;
        boolean quoted = false;
        for (int i = 0; i < headerLine.length(); i++) {
            char c = headerLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted) {
                if (c == ',') {
                    comma++;
                } else if (c == ';') {
                    semi++;
                } else if (c == '\t') {
                    tab++;
                }
            }
        }
        if (semi > comma && semi >= tab) {
            return ';';
        }
        return tab > comma && tab > semi ? '\t' : ',';
    }
}
