/**
 * JAIN-SIP (jain-sip-ri) as the reference for SIP's grammar, kept off the hot path:
 * {@link dev.drsip.sip.strict.JainSipStrictParser} lists strict-mode grammar violations of a
 * message, {@link dev.drsip.sip.strict.JainSipCrossCheck} compares our fast parser's reading of a
 * message with JAIN-SIP's, field by field. Every entry point installs a quiet JAIN-SIP logger first
 * (JAIN-SIP otherwise reaches for log4j, absent here, and throws NoClassDefFoundError on odd
 * input) and turns every JAIN-SIP failure into a value. No JAIN-SIP type appears in a public
 * signature of this package.
 */
package dev.drsip.sip.strict;
