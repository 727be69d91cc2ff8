package dev.drsip.sip.catalog;

import dev.drsip.sip.dr.Direction;
import java.util.List;

/**
 * A Microsoft response code explained: from the catalog when documented, else from its structure.
 *
 * @param code the code
 * @param documented true when the catalog lists it
 * @param sipCodes SIP code(s) reported beside it (empty when unknown; 0 = no SIP answer)
 * @param phrase Microsoft's documented phrase, null when undocumented
 * @param category who it points at
 * @param direction the call direction it occurs on, UNKNOWN when either
 * @param ner how it counts in NER (null when undocumented: decide from the SIP code)
 * @param meaning what it means (drsip's words)
 * @param firstCheck what to check first, null when undocumented
 * @param structure the structural decoding (always present)
 */
public record MicrosoftCodeInfo(int code, boolean documented, List<Integer> sipCodes, String phrase,
        CodeCategory category, Direction direction, NerOutcome ner, String meaning, String firstCheck,
        MicrosoftCodeStructure structure) {

    public String key() {
        return "ms:" + code;
    }

    public String family() {
        return structure.family();
    }
}
