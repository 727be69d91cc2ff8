package dev.drsip.cli;

import dev.drsip.analyzer.model.FailureGroup;

/** One line of meaning and "what to check first" for a failure row. */
public interface FailureAdvice {
    String oneLine(FailureGroup failure);

    /** The phrase and family only (used until a catalog is wired). */
    static FailureAdvice phraseOnly() {
        return f -> f.phrase() != null ? f.phrase() : f.derivation() == null ? "" : f.derivation();
    }
}
