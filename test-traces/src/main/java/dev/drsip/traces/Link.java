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

    /**
     * Remote mirror port: each frame is Ethernet/IPv4 (mirror source -> collector) / GRE with a
     * sequence number / ERSPAN type II (session {@code session}) / the original Ethernet frame.
     */
    static Link erspanII(String mirrorIp, String collectorIp, int session) {
        byte[] src = Endpoint.of(mirrorIp, 0).address();
        byte[] dst = Endpoint.of(collectorIp, 0).address();
        return new Link() {
            private int seq;

            @Override
            public int linkType() {
                return LinkType.ETHERNET;
            }

            @Override
            public byte[] wrap(byte[] ip) {
                byte[] inner = Packets.ethernet(MAC_B, MAC_A, null, Packets.etherTypeOf(ip), ip);
                seq++;
                byte[] gre = Packets.greErspanII(seq, session, 0, 1, inner);
                byte[] outer = Packets.ipv4(src, dst, Packets.PROTO_GRE, seq & 0xffff, 255, gre);
                return Packets.ethernet(Packets.mac(0x00, 0x0c, 0x29, 0x00, 0x00, 0x99),
                        Packets.mac(0x00, 0x0c, 0x29, 0x00, 0x00, 0x01), null, Packets.ETH_IPV4, outer);
            }
        };
    }
}
