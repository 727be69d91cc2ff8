/**
 * A frozen copy of the analysis pipeline as it was before the per-message cost work (String
 * transaction keys, LinkedHashMap state): the reference the optimised pipeline must match
 * message for message and call for call ({@code ReferenceEquivalenceTest}). Test code only.
 */
package dev.drsip.analyzer.reference;
