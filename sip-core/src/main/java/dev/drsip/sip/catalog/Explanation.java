package dev.drsip.sip.catalog;

import java.util.List;
import java.util.Map;

/**
 * What drsip knows about one code, in a shape the CLI renders as text or JSON.
 *
 * @param input what the user typed
 * @param kind the kind of code recognised
 * @param key stable catalog key ("sip:403", "ms:560403", "q850:34", "client:0xCAA20004"), null for unknown input
 * @param documented true when a catalog documents it; false for a structural decoding or an unknown code
 * @param title one line: code and name
 * @param meaning what it means
 * @param side who it points at (a {@link CodeCategory} label for Microsoft codes, the layer for client codes), or null
 * @param firstCheck what to check first, or null
 * @param family family id ("560", "sip-4xx", "policy-join-broker", ...), or null
 * @param facts further facts in display order (NER, failover, Q.850 mappings, web versus desktop, ...)
 * @param alternatives other readings of the same input (e.g. "1001" as a Teams call controller code)
 */
public record Explanation(String input, CodeKind kind, String key, boolean documented, String title, String meaning,
        String side, String firstCheck, String family, Map<String, String> facts, List<Explanation> alternatives) {
}
