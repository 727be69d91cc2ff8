package dev.drsip.analyzer.model;

import dev.drsip.sip.dr.Side;

/**
 * One Reason header value seen in a call, with the message it came on.
 *
 * @param from side of the sender of the message carrying it
 * @param on what carried it: a method ("CANCEL", "BYE") or a status code ("486")
 * @param protocol "Q.850", "SIP", as written
 * @param cause cause number or -1
 * @param text the whole unquoted text parameter, or null
 * @param guid Microsoft's correlation GUID split from {@code text="<GUID>;<phrase>"}, or null
 * @param phrase the text without the GUID (the whole text when there is no GUID), or null
 */
public record ReasonValue(Side from, String on, String protocol, int cause, String text, String guid,
                          String phrase) {
}
