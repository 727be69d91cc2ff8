package dev.drsip.cli;

import dev.drsip.analyzer.model.AnalysisResult;
import dev.drsip.analyzer.records.Reconciliation;
import dev.drsip.analyzer.records.RecordsInputs;
import java.util.List;
import java.util.Map;

/**
 * Everything a report sink renders: the inputs, the analysis, the rules' findings, the per-SBC
 * health status (as the Teams admin center shows it) and, when Teams call records were given, the
 * records read and their reconciliation with the trace (both null otherwise).
 */
public record ReportModel(String version, List<InputReport> inputs, AnalysisResult analysis,
                          List<FindingView> findings, Map<String, Health> health, RecordsInputs records,
                          Reconciliation reconciliation) {

    /** Admin-center style status of one SBC and why. */
    public record Health(String status, String why) {
    }
}
