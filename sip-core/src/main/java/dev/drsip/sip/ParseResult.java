package dev.drsip.sip;

/** What the SIP parser returns: a message, or why the bytes are not one. */
public sealed interface ParseResult permits SipMessage, Malformed {
}
