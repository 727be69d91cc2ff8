package dev.drsip.sip.strict;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place that calls JAIN-SIP's message parser: quiet logging installed first, every
 * Throwable of the library (it throws RuntimeExceptions and Errors on some garbage) turned into a
 * value. Package-private: JAIN-SIP types never leave {@code dev.drsip.sip.strict}.
 */
final class JainSip {
    private JainSip() {
    }

    /** JAIN-SIP's reading of a buffer: the message (null when rejected) and every complaint. */
    record Parsed(SIPMessage message, List<String> problems) {
    }

    static Parsed parse(byte[] data, int offset, int length, boolean strict) {
        QuietStackLogger.install();
        byte[] copy = new byte[length];
        System.arraycopy(data, offset, copy, 0, length);
        List<String> problems = new ArrayList<>();
        ParseExceptionListener listener = (ex, msg, headerClass, headerText, messageText) -> {
            String h = headerText == null ? "" : headerText.strip();
            problems.add((h.isEmpty() ? "" : "'" + shorten(h) + "': ") + printable(ex.getMessage()));
        };
        SIPMessage msg = null;
        try {
            msg = new StringMsgParser().parseSIPMessage(copy, true, strict, listener);
            if (msg == null) {
                problems.add("no message (empty input)");
            }
        } catch (ParseException e) {
            problems.add("rejected: " + printable(e.getMessage()));
        } catch (RuntimeException | StackOverflowError | NoClassDefFoundError e) {
            // JAIN-SIP fails on some garbage with NPE/IndexOutOfBounds; a broken input, not our bug.
            problems.add("rejected: " + e.getClass().getSimpleName() + ": " + printable(e.getMessage()));
            msg = null;
        }
        return new Parsed(msg, List.copyOf(problems));
    }

    private static String shorten(String s) {
        String p = printable(s);
        return p.length() <= 120 ? p : p.substring(0, 117) + "...";
    }

    /** One line of printable text: control characters become '.', line breaks a space. */
    static String printable(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\r' || c == '\n') {
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                    b.append(' ');
                }
            } else {
                b.append(c < 0x20 || c == 0x7f || c == 0xfffd ? '.' : c);
            }
        }
        return b.toString().strip();
    }
}
