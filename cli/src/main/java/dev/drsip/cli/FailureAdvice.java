package dev.drsip.cli;

import dev.drsip.analyzer.model.FailureGroup;
import dev.drsip.sip.catalog.CodeExplainer;
import dev.drsip.sip.catalog.Explanation;

/** Meaning and "what to check first" for a failure row, from the code catalogs. */
public interface FailureAdvice {

    /**
     * @param key the catalog key (e.g. "ms:560403", "ms-family:569", "sip:408")
     * @param meaning what the code usually means, one sentence
     * @param firstCheck what to check first, one sentence
     */
    record Advice(String key, String meaning, String firstCheck) {
        String oneLine() {
            if (meaning == null || meaning.isEmpty()) {
                return firstCheck == null ? "" : "check: " + firstCheck;
            }
            return firstCheck == null || firstCheck.isEmpty() ? meaning : meaning + " Check: " + firstCheck;
        }
    }

    Advice of(FailureGroup failure);

    /** Advice from the sip-core catalogs (Microsoft codes, families, SIP codes). */
    static FailureAdvice fromCatalog() {
        CodeExplainer explainer = CodeExplainer.standard();
        return f -> {
            Explanation e = explainer.forFailure(f.microsoftCode(), f.sipCode(), f.family());
            return new Advice(e.key(), CodeExplainer.firstSentence(e.meaning()), CodeExplainer.firstSentence(e.firstCheck()));
        };
    }
}
