package dev.drsip.sip.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Every registered SIP response code 100-608, loaded from {@code sip-response-codes.tsv}. */
public final class SipResponseCatalog {
    static final String RESOURCE = "sip-response-codes.tsv";
    private static volatile SipResponseCatalog standard;

    private final SipResponseCode[] byCode = new SipResponseCode[700];
    private final List<SipResponseCode> all;

    private SipResponseCatalog(List<TsvTable.Row> rows) {
        List<SipResponseCode> list = new ArrayList<>();
        for (TsvTable.Row r : rows) {
            int code = r.integer("code");
            if (code < 100 || code > 699) {
                throw r.error("code out of range: " + code);
            }
            if (byCode[code] != null) {
                throw r.error("duplicate code " + code);
            }
            SipResponseCode c = new SipResponseCode(code, r.required("phrase"), r.required("reference"),
                    r.required("meaning"), r.required("first_check"), NerOutcome.parse(r.required("ner")),
                    r.yesNo("ms_failover"), r.optionalInteger("q850_rfc3398"), r.optionalInteger("q850_microsoft"));
            byCode[code] = c;
            list.add(c);
        }
        this.all = Collections.unmodifiableList(list);
    }

    /** The catalog shipped with drsip (loaded once). */
    public static SipResponseCatalog standard() {
        SipResponseCatalog c = standard;
        if (c == null) {
            synchronized (SipResponseCatalog.class) {
                c = standard;
                if (c == null) {
                    c = new SipResponseCatalog(TsvTable.load(RESOURCE));
                    standard = c;
                }
            }
        }
        return c;
    }

    public Optional<SipResponseCode> find(int code) {
        return code >= 0 && code < byCode.length ? Optional.ofNullable(byCode[code]) : Optional.empty();
    }

    /** All entries in code order. */
    public List<SipResponseCode> all() {
        return all;
    }

    /** Entries of one class (1 = 1xx ... 6 = 6xx). */
    public List<SipResponseCode> ofClass(int codeClass) {
        List<SipResponseCode> out = new ArrayList<>();
        for (SipResponseCode c : all) {
            if (c.codeClass() == codeClass) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * NER outcome of a final code: the catalog's, else by class for unregistered codes (2xx
     * answered, 1xx none, anything else a failure).
     */
    public NerOutcome ner(int code) {
        SipResponseCode c = code >= 0 && code < byCode.length ? byCode[code] : null;
        if (c != null) {
            return c.ner();
        }
        if (code >= 200 && code < 300) {
            return NerOutcome.ANSWERED;
        }
        return code >= 100 && code < 200 ? NerOutcome.NONE : NerOutcome.FAILURE;
    }

    /** True when Microsoft fails over to another SBC on this final code by default. */
    public boolean microsoftFailsOver(int code) {
        return find(code).map(SipResponseCode::microsoftFailover).orElse(false);
    }

    /** What an unregistered code of this class generally says (RFC 3261 section 21: unknown codes act as x00). */
    public static String classMeaning(int code) {
        switch (code / 100) {
            case 1: return "provisional: the request is being processed";
            case 2: return "success";
            case 3: return "redirection: the callee is elsewhere";
            case 4: return "request failure: the request was refused or cannot be served by this server";
            case 5: return "server failure: the server failed to handle a valid request";
            case 6: return "global failure: the request cannot succeed anywhere";
            default: return "not a SIP response code (100-699)";
        }
    }
}
