package dev.drsip.sip.strict;

import gov.nist.core.CommonLogger;
import gov.nist.core.StackLogger;
import java.util.Properties;

/**
 * A JAIN-SIP logger that says nothing. JAIN-SIP's default {@code CommonLogger} reaches for log4j 1
 * (not on our class path) on its first log call, which happens on odd input and surfaces as a
 * {@code NoClassDefFoundError}; installing this before any JAIN-SIP class logs prevents that.
 */
final class QuietStackLogger implements StackLogger {
    static final QuietStackLogger INSTANCE = new QuietStackLogger();

    static {
        // Runs before any use of JAIN-SIP from this package (every entry point touches INSTANCE).
        CommonLogger.useLegacyLogger = true;
        CommonLogger.legacyLogger = INSTANCE;
    }

    private QuietStackLogger() {
    }

    /** Installs the quiet logger (idempotent); call before the first JAIN-SIP parse. */
    static void install() {
        if (CommonLogger.legacyLogger != INSTANCE || !CommonLogger.useLegacyLogger) {
            CommonLogger.useLegacyLogger = true;
            CommonLogger.legacyLogger = INSTANCE;
        }
    }

    @Override public void logStackTrace() { }
    @Override public void logStackTrace(int traceLevel) { }
    @Override public int getLineCount() { return 0; }
    @Override public void logException(Throwable ex) { }
    @Override public void logDebug(String message) { }
    @Override public void logDebug(String message, Exception ex) { }
    @Override public void logTrace(String message) { }
    @Override public void logFatalError(String message) { }
    @Override public void logError(String message) { }
    @Override public boolean isLoggingEnabled() { return false; }
    @Override public boolean isLoggingEnabled(int logLevel) { return false; }
    @Override public void logError(String message, Exception ex) { }
    @Override public void logWarning(String message) { }
    @Override public void logInfo(String message) { }
    @Override public void disableLogging() { }
    @Override public void enableLogging() { }
    @Override public void setBuildTimeStamp(String buildTimeStamp) { }
    @Override public void setStackProperties(Properties stackProperties) { }
    @Override public String getLoggerName() { return "drsip-quiet"; }
}
