package dev.drsip.analyzer.records;

import dev.drsip.sip.Malformed;
import dev.drsip.sip.Where;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The fields drsip reads from Microsoft's call records, the names they go by in each export, and
 * the conversion of one row's texts into a {@link TeamsCallRecord}.
 *
 * <p>Where the names come from (checked against Microsoft's public documentation):
 * <ul>
 *   <li>PSTN usage report, Direct Routing tab ("Microsoft Teams PSTN usage report", Teams admin
 *       center > Analytics & reports > Usage reports): the on-screen columns (Time stamp (UTC),
 *       Invite time (UTC), Failure time (UTC), Correlation ID, SBC FQDN, Final SIP code, Final
 *       Microsoft subcode, Final SIP phrase, ...) and the exported CSV's fields (CorrelationId,
 *       Invite time, Start time, Failure time, End time, Duration (seconds), Success, Caller Number,
 *       Callee Number, Call type, Azure region for Signaling, Final SIP code, Final Microsoft
 *       subcode, Final SIP Phrase, SBC FQDN, Shared correlation ID). The export is RFC 4180 CSV with
 *       the column names in the first row.
 *   <li>Microsoft Graph {@code callRecords.directRoutingLogRow} (returned by
 *       {@code getDirectRoutingCalls}): finalSipCode, callEndSubReason, finalSipCodePhrase,
 *       trunkFullyQualifiedDomainName, correlationId, callType, successfulCall, inviteDateTime,
 *       startDateTime, failureDateTime, endDateTime, callerNumber, calleeNumber,
 *       signalingLocation, duration.
 * </ul>
 * Names are compared after lower-casing, dropping a "(UTC)" suffix and every character that is
 * not a letter or digit, so "Correlation ID", "CorrelationId" and "correlationId" are one column.
 */
final class RecordFields {
    enum Field {
        CORRELATION_ID("Correlation ID", "correlationid"),
        SHARED_CORRELATION_ID("Shared correlation ID", "sharedcorrelationid"),
        SBC_FQDN("SBC FQDN", "sbcfqdn", "trunkfullyqualifieddomainname"),
        CALL_TYPE("Call type", "calltype"),
        SUCCESS("Success", "success", "successfulcall", "eventtype"),
        FINAL_SIP_CODE("Final SIP code", "finalsipcode"),
        MICROSOFT_CODE("Final Microsoft subcode", "finalmicrosoftsubcode", "callendsubreason", "microsoftsubcode"),
        FINAL_SIP_PHRASE("Final SIP phrase", "finalsipphrase", "finalsipcodephrase"),
        INVITE_TIME("Invite time", "invitetime", "invitedatetime"),
        START_TIME("Start time", "starttime", "startdatetime", "timestamp"),
        FAILURE_TIME("Failure time", "failuretime", "failuredatetime"),
        END_TIME("End time", "endtime", "enddatetime"),
        CALLER_NUMBER("Caller Number", "callernumber"),
        CALLEE_NUMBER("Callee Number", "calleenumber"),
        SIGNALING_LOCATION("Azure region for Signaling", "azureregionforsignaling", "signalinglocation"),
        DURATION("Duration (seconds)", "durationseconds", "duration");

        final String display;
        final String[] names;

        Field(String display, String... names) {
            this.display = display;
            this.names = names;
        }
    }

    private static final Map<String, Field> BY_NAME = new HashMap<>();

    static {
        for (Field f : Field.values()) {
            for (String n : f.names) {
                BY_NAME.put(n, f);
            }
        }
    }

    private RecordFields() {
    }

    /** The field a header / property name stands for, or null for columns drsip does not use. */
    static Field field(String name) {
        return name == null ? null : BY_NAME.get(normalize(name));
    }

    static String normalize(String name) {
        String s = name.toLowerCase(Locale.ROOT).replace("(utc)", "");
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Shares the texts that repeat from row to row (SBC, call type, phrase, region) so a large
     * export keeps one copy of each; bounded, after which new texts are kept as they are.
     */
    static final class Interner {
        private static final int MAX = 8192;
        private final Map<String, String> seen = new HashMap<>();

        String intern(String s) {
            if (s == null) {
                return null;
            }
            String prev = seen.get(s);
            if (prev != null) {
                return prev;
            }
            if (seen.size() < MAX) {
                seen.put(s, s);
            }
            return s;
        }
    }

    /** Converts one row (field -> text, absent or blank = no value); problems go to {@code problems}. */
    static TeamsCallRecord toRecord(Map<Field, String> v, Where where, String prefix, Consumer<Malformed> problems) {
        return toRecord(v, where, prefix, problems, new Interner());
    }

    static TeamsCallRecord toRecord(Map<Field, String> v, Where where, String prefix, Consumer<Malformed> problems,
            Interner interner) {
        String callType = text(v, Field.CALL_TYPE);
        int sip = -1;
        String sipText = text(v, Field.FINAL_SIP_CODE);
        if (sipText != null) {
            Long n = integer(sipText);
            if (n == null || n < 0 || n > 999) {
                problems.accept(new Malformed(prefix + ".bad-sip-code", where, "Final SIP code is not a SIP code: '" + sipText + "'"));
            } else {
                sip = n.intValue();
            }
        }
        Integer ms = null;
        String msText = text(v, Field.MICROSOFT_CODE);
        if (msText != null) {
            Long n = integer(msText);
            if (n == null || n < 0 || n > 999_999) {
                problems.accept(new Malformed(prefix + ".bad-microsoft-code", where,
                        "Final Microsoft subcode is not a code: '" + msText + "'"));
            } else {
                ms = n.intValue();
            }
        }
        Boolean success = null;
        String s = text(v, Field.SUCCESS);
        if (s != null) {
            String l = s.toLowerCase(Locale.ROOT);
            if (l.equals("yes") || l.equals("true") || l.equals("success") || l.equals("1")) {
                success = Boolean.TRUE;
            } else if (l.equals("no") || l.equals("false") || l.equals("attempt") || l.equals("0")) {
                success = Boolean.FALSE;
            } else {
                problems.accept(new Malformed(prefix + ".bad-success", where, "Success is neither yes nor no: '" + s + "'"));
            }
        }
        int duration = -1;
        String d = text(v, Field.DURATION);
        if (d != null) {
            Long n = integer(d);
            if (n == null || n < 0 || n > Integer.MAX_VALUE) {
                problems.accept(new Malformed(prefix + ".bad-duration", where, "Duration is not a number of seconds: '" + d + "'"));
            } else {
                duration = n.intValue();
            }
        }
        String fqdn = text(v, Field.SBC_FQDN);
        return new TeamsCallRecord(where, text(v, Field.CORRELATION_ID), text(v, Field.SHARED_CORRELATION_ID),
                interner.intern(fqdn == null ? null : fqdn.toLowerCase(Locale.ROOT)), interner.intern(callType),
                TeamsCallRecord.directionOf(callType), success, sip, ms, interner.intern(text(v, Field.FINAL_SIP_PHRASE)),
                time(v, Field.INVITE_TIME, where, prefix, problems), time(v, Field.START_TIME, where, prefix, problems),
                time(v, Field.FAILURE_TIME, where, prefix, problems), time(v, Field.END_TIME, where, prefix, problems),
                text(v, Field.CALLER_NUMBER), text(v, Field.CALLEE_NUMBER),
                interner.intern(text(v, Field.SIGNALING_LOCATION)), duration);
    }

    private static String text(Map<Field, String> v, Field f) {
        String s = v.get(f);
        if (s == null) {
            return null;
        }
        s = s.trim();
        return s.isEmpty() || s.equalsIgnoreCase("null") ? null : s;
    }

    private static Long integer(String s) {
        try {
            String t = s.trim();
            if (t.endsWith(".0")) {
                t = t.substring(0, t.length() - 2); // spreadsheets turn 560403 into 560403.0
            }
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant time(Map<Field, String> v, Field f, Where where, String prefix, Consumer<Malformed> problems) {
        String s = text(v, f);
        if (s == null) {
            return null;
        }
        Instant t = parseTime(s);
        if (t == null) {
            problems.accept(new Malformed(prefix + ".bad-time", where, f.display + " is not a date and time: '" + s + "'"));
        }
        return t;
    }

    /**
     * The exports' usual form {@code 2026-11-24T09:00:01.123Z} / {@code ...+01:00}, parsed without
     * the general formatter (about 20 times faster); null for anything else, which the general
     * parsers then handle.
     */
    static Instant fastIso(String t) {
        int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != 'T' || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = num(t, 0, 4);
        int month = num(t, 5, 7);
        int day = num(t, 8, 10);
        int hour = num(t, 11, 13);
        int minute = num(t, 14, 16);
        int second = num(t, 17, 19);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && t.charAt(i) == '.') {
            i++;
            int digits = 0;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9') {
                if (digits < 9) {
                    nanos = nanos * 10 + (t.charAt(i) - '0');
                    digits++;
                }
                i++;
            }
            if (digits == 0) {
                return null;
            }
            for (int k = digits; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offsetSeconds;
        if (i == n - 1 && t.charAt(i) == 'Z') {
            offsetSeconds = 0;
        } else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':') {
            int oh = num(t, i + 1, i + 3);
            int om = num(t, i + 4, i + 6);
            if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                return null;
            }
            offsetSeconds = (t.charAt(i) == '-' ? -1 : 1) * (oh * 3600 + om * 60);
        } else {
            return null;
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long epochDay = java.time.LocalDate.of(year, month, day).toEpochDay();
        long secs = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
        return Instant.ofEpochSecond(secs, nanos);
    }

    private static int num(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static final DateTimeFormatter LOCAL_ISO = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd")
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart().appendPattern(":ss").optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final List<DateTimeFormatter> LOCAL_OTHER = List.of(
            DateTimeFormatter.ofPattern("M/d/uuuu h:mm[:ss] a", Locale.ROOT),
            DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]", Locale.ROOT));

    /**
     * ISO 8601 with offset or Z (what both exports write), or a date and time without zone (how
     * spreadsheets re-save them), read as UTC like the report's "(UTC)" columns; null if none fits.
     */
    static Instant parseTime(String s) {
        String t = s.trim();
        Instant fast = fastIso(t);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            // next form
        }
        String noZone = t.endsWith(" UTC") ? t.substring(0, t.length() - 4).trim() : t;
        try {
            return LocalDateTime.parse(noZone, LOCAL_ISO).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // next form
        }
        for (DateTimeFormatter f : LOCAL_OTHER) {
            try {
                return LocalDateTime.parse(noZone.toUpperCase(Locale.ROOT), f).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // next form
            }
        }
        return null;
    }
}
