package dev.drsip.cli;

/** Exit codes scripts can rely on (documented in the README and in {@code drsip --help}). */
public final class ExitCodes {
    /** The command did its work; for analyze: report written, no finding at or above --fail-on. */
    public static final int OK = 0;
    /** Report written, but findings at or above the --fail-on severity were raised. */
    public static final int FINDINGS = 1;
    /** Bad command line: unknown option, bad value, missing argument. */
    public static final int USAGE = 2;
    /** An input could not be read at all (missing, unreadable, not a trace/records file). */
    public static final int INPUT = 3;
    /** An internal error (a bug in drsip): please report it with the stack trace shown. */
    public static final int INTERNAL = 4;

    private ExitCodes() {
    }

    static final String HELP = """
            Exit codes:
              0  success (report written; no finding at or above --fail-on)
              1  report written, findings at or above --fail-on were raised
              2  usage error (bad option or value)
              3  input error (file missing, unreadable, or not a trace/records file)
              4  internal error (a bug: please report it)""";
}
