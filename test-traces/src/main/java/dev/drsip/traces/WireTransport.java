package dev.drsip.traces;

/** How the generator carries a SIP message (the module stays free of other drsip types). */
public enum WireTransport {
    UDP, TCP
}
