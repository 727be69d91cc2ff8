package dev.drsip.cli;

import java.util.List;

/** A rule finding as the report shows it (mapped from the rules module's model). */
public record FindingView(String ruleId, String severity, String sbc, long firstSeen, long lastSeen, long count,
                          String summary, String action, List<String> evidence,
                          java.util.Map<String, String> details) {
}
