package dev.drsip.rules;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.dr.Side;
import dev.drsip.sip.header.NameAddr;

/**
 * What the SIP stream tells about each SBC address: the name the analyzer gives it and the FQDN in
 * its Contact. TLS rules use it to name the SBC of a handshake and to know which FQDN its
 * certificate must cover. Bounded.
 */
public final class SbcIdentities {
    private final BoundedMap<IpAddress, String> nameByAddress;
    private final BoundedMap<IpAddress, String> contactByAddress;
    private final BoundedMap<String, String> contactBySbc;
    private final RulesConfig config;

    SbcIdentities(RulesConfig config) {
        this.config = config;
        int max = config.maxSbcs();
        nameByAddress = new BoundedMap<>(max);
        contactByAddress = new BoundedMap<>(max);
        contactBySbc = new BoundedMap<>(max);
    }

    void learn(ClassifiedMessage cm) {
        if (!cm.directRouting()) {
            return;
        }
        SipMessage m = cm.message();
        IpAddress addr = cm.from() == Side.SBC ? m.src() : cm.to() == Side.SBC ? m.dst() : null;
        if (addr == null) {
            return;
        }
        if (!cm.sbc().equals(nameByAddress.get(addr))) {
            nameByAddress.put(addr, cm.sbc());
        }
        if (cm.from() == Side.SBC) {
            NameAddr c = m.contact();
            if (c != null && c.uri() != null && c.uri().host() != null && !c.uri().hostIsIp()
                    && !c.uri().host().isEmpty()) {
                String host = c.uri().host();
                if (!host.equals(contactByAddress.get(addr))) {
                    contactByAddress.put(addr, host);
                }
                contactBySbc.put(cm.sbc(), host);
            }
        }
    }

    /** The analyzer's name for an SBC address (Contact FQDN or address), else the user's name, else null. */
    public String nameOf(IpAddress addr) {
        String n = nameByAddress.get(addr);
        return n != null ? n : config.sbcByAddress().get(addr);
    }

    /** The FQDN the SBC at {@code addr} put in its Contact, null if not seen. */
    public String contactFqdn(IpAddress addr) {
        return contactByAddress.get(addr);
    }

    /** The FQDN the SBC named {@code sbc} put in its Contact, null if not seen. */
    public String contactFqdnOfSbc(String sbc) {
        return contactBySbc.get(sbc);
    }
}
