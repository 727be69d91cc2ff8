package dev.drsip.cli;

import dev.drsip.analyzer.model.AnalysisResult;
import java.util.List;
import java.util.Map;

/**
 * Everything a report sink renders: the inputs, the analysis, the rules' findings and the per-SBC
 * health status (as the Teams admin center shows it).
 */
public record ReportModel(String version, List<InputReport> inputs, AnalysisResult analysis,
                          List<FindingView> findings, Map<String, Health> health) {

    /** Admin-center style status of one SBC and why. */
    public record Health(String status, String why) {
    }
}
