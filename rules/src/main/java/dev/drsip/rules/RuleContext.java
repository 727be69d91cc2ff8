package dev.drsip.rules;

/** What a rule can use: configuration, event time, the SBCs learned so far, and the finding sink. */
public interface RuleContext {
    RulesConfig config();

    /** Latest event time seen (ns since the epoch), -1 before any event. */
    long now();

    SbcIdentities identities();

    /**
     * The finding of {@code ruleId} for {@code sbc} and {@code subject} (null subject = one finding
     * per rule and SBC), created on first use with the catalog's action and {@code severity} (a later
     * call with a higher severity escalates it; never lowered). Never null: past the
     * findings cap it returns a detached accumulator whose reports are only counted as dropped.
     */
    FindingAccumulator finding(String ruleId, Severity severity, String sbc, String subject);
}
