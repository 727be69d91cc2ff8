/** What a capture shows of TLS handshakes on SIP and Microsoft flows: SNI, versions, suite, certificates, alerts. */
package dev.drsip.capture.tls;
