package dev.drsip.analyzer.model;

import java.util.List;

/**
 * Everything counted for one SBC.
 *
 * @param name Contact FQDN (or the user-given name), else the address
 * @param addresses addresses seen for it, text form, sorted
 * @param fqdns FQDNs seen for it (Contact / Record-Route / Request-URI host), sorted
 * @param inbound calls SBC -> Microsoft
 * @param outbound calls Microsoft -> SBC
 */
public record SbcStats(String name, List<String> addresses, List<String> fqdns, DirectionStats inbound,
                       DirectionStats outbound, OptionsStats options) {
}
