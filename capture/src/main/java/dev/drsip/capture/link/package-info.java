/**
 * Link layers (Ethernet + VLAN/QinQ/MPLS, Linux SLL/SLL2, BSD null/loop, raw IP, exported PDU) and
 * mirror tunnels (GRE, ERSPAN I/II/III) down to the IP layer.
 */
package dev.drsip.capture.link;
