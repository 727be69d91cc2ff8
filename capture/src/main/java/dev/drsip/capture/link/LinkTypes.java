package dev.drsip.capture.link;

/** LINKTYPE_* values (tcpdump.org/linktypes.html) the decoder understands, and their names. */
public final class LinkTypes {
    public static final int NULL = 0;
    public static final int ETHERNET = 1;
    public static final int RAW_12 = 12;
    public static final int RAW_14 = 14;
    public static final int RAW = 101;
    public static final int LOOP = 108;
    public static final int LINUX_SLL = 113;
    public static final int EXPORTED_PDU = 252;
    public static final int IPV4 = 228;
    public static final int IPV6 = 229;
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }

    public static boolean isSupported(int linkType) {
        switch (linkType) {
            case NULL: case ETHERNET: case RAW_12: case RAW_14: case RAW: case LOOP: case LINUX_SLL:
            case EXPORTED_PDU: case IPV4: case IPV6: case LINUX_SLL2:
                return true;
            default:
                return false;
        }
    }

    /** Short name as tshark's encapsulation names go, with the number for unknown ones. */
    public static String name(int linkType) {
        switch (linkType) {
            case NULL: return "null";
            case ETHERNET: return "ethernet";
            case RAW_12: case RAW_14: case RAW: return "raw-ip";
            case LOOP: return "loop";
            case LINUX_SLL: return "linux-sll";
            case EXPORTED_PDU: return "exported-pdu";
            case IPV4: return "raw-ipv4";
            case IPV6: return "raw-ipv6";
            case LINUX_SLL2: return "linux-sll2";
            default: return "linktype-" + linkType;
        }
    }
}
