package dev.drsip.traces;

/** The libpcap LINKTYPE_ values the generator writes. */
public final class LinkType {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int EXPORTED_PDU = 252;
    public static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}
