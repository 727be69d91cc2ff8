package dev.drsip.sip.catalog;

/**
 * One SIP response code with what it usually means in a Direct Routing call.
 *
 * @param code 100-699
 * @param phrase the registered reason phrase
 * @param reference defining RFC
 * @param meaning what it usually means between Microsoft and an SBC
 * @param firstCheck what to check first
 * @param ner how the code counts in Microsoft's NER
 * @param microsoftFailover true when Microsoft tries another SBC on it by default (408, 503, 504)
 * @param q850Rfc3398 the Q.850 cause RFC 3398 maps it to, or -1
 * @param q850Microsoft the cause Microsoft's NICC ND1017 mapping uses where it differs, or -1
 */
public record SipResponseCode(int code, String phrase, String reference, String meaning, String firstCheck,
        NerOutcome ner, boolean microsoftFailover, int q850Rfc3398, int q850Microsoft) {

    /** The Q.850 cause Microsoft sends for this code: its own mapping where documented, else RFC 3398's; -1 if none. */
    public int q850SentByMicrosoft() {
        return q850Microsoft >= 0 ? q850Microsoft : q850Rfc3398;
    }

    /** 1..6 */
    public int codeClass() {
        return code / 100;
    }

    public String key() {
        return "sip:" + code;
    }
}
