/**
 * What the codes a Direct Routing engineer meets mean, as data files loaded by small classes.
 *
 * <ul>
 *   <li>{@code sip-response-codes.tsv} ({@link dev.drsip.sip.catalog.SipResponseCatalog}): every
 *       code of the IANA SIP response-code registry from 100 to 608 (RFC 3261 and the extension
 *       RFCs named per row), what it usually means on a Direct Routing trunk, what to check first,
 *       how it counts in Microsoft's NER, whether Microsoft fails over on it (408, 503, 504), and its
 *       Q.850 cause per RFC 3398 and, where Microsoft's NICC ND1017 mapping differs, per Microsoft.
 *   <li>{@code q850-causes.tsv} ({@link dev.drsip.sip.catalog.Q850Catalog}): ITU-T Q.850 causes
 *       with the SIP code RFC 3398 maps each to.
 *   <li>{@code teams-client-families.tsv}, {@code teams-client-codes.tsv}
 *       ({@link dev.drsip.sip.catalog.TeamsClientCatalog}): Teams client and sign-in codes
 *       (0xCAA..., AADSTS..., 1001, 4c7, max_reload_exceeded, ...) in 7 families, with the layer,
 *       the first place to check and the web-versus-desktop split.
 *   <li>Microsoft response codes ({@link dev.drsip.sip.catalog.MicrosoftCodeCatalog}): the list in
 *       {@code dev/drsip/sip/dr/microsoft-codes.tsv} (shared with the analyzer's
 *       {@link dev.drsip.sip.dr.MicrosoftCodes}) with the explanation columns category, direction,
 *       ner, meaning and first_check; undocumented codes are decoded by their structure
 *       ({@link dev.drsip.sip.catalog.MicrosoftCodeStructure}).
 * </ul>
 * {@link dev.drsip.sip.catalog.CodeExplainer} recognises the kind of any code by its shape and
 * answers with an {@link dev.drsip.sip.catalog.Explanation}. Facts come from the RFCs, Microsoft's
 * public documentation and the troubleshooting page the project was given; the wording is drsip's.
 */
package dev.drsip.sip.catalog;
