package dev.drsip.cli;

import dev.drsip.analyzer.model.AnalysisResult;
import java.util.List;

/**
 * Everything a report sink renders: the inputs, the analysis and the rules' findings. Extra
 * sections are rendered when present (non-null).
 */
public record ReportModel(String version, List<InputReport> inputs, AnalysisResult analysis,
                          List<FindingView> findings) {
}
