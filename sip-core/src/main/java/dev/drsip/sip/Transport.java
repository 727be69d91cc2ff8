package dev.drsip.sip;

/** How a SIP message travelled (as seen in the capture, or as the SBC log says). */
public enum Transport {
    UDP, TCP, TLS, SCTP, WS, UNKNOWN
}
