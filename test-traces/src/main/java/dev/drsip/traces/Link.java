package dev.drsip.traces;

/** How IP packets are wrapped on one capture interface. */
public interface Link {
    int linkType();

    byte[] wrap(byte[] ipPacket);

    byte[] MAC_A = Packets.mac(0x00, 0x50, 0x56, 0x8a, 0x10, 0x01);
    byte[] MAC_B = Packets.mac(0x00, 0x1b, 0x17, 0x00, 0x01, 0x02);

    static Link ethernet() {
        return vlan(null);
    }

    /** Ethernet with VLAN tags, outermost first ({@code {tpid, vid}}). */
    static Link vlan(int[][] tags) {
        return new Link() {
            @Override
            public int linkType() {
                return LinkType.ETHERNET;
            }

            @Override
            public byte[] wrap(byte[] ip) {
                return Packets.ethernet(MAC_B, MAC_A, tags, Packets.etherTypeOf(ip), ip);
            }
        };
    }

    static Link sll2(int ifIndex) {
        return new Link() {
            @Override
            public int linkType() {
                return LinkType.LINUX_SLL2;
            }

            @Override
            public byte[] wrap(byte[] ip) {
                return Packets.sll2(Packets.etherTypeOf(ip), ifIndex, 0, MAC_A, ip);
            }
        };
    }

    static Link raw() {
        return new Link() {
            @Override
            public int linkType() {
                return LinkType.RAW;
            }

            @Override
            public byte[] wrap(byte[] ip) {
                return ip;
            }
        };
    }
}
