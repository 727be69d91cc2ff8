/** Cutting reliable byte streams (TCP, decrypted TLS) into SIP messages by Content-Length. */
package dev.drsip.capture.sip;
