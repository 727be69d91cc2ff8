package dev.drsip.sip.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Q.850 causes ({@code q850-causes.tsv}) and the RFC 3398 mappings both ways: cause -> SIP from
 * this file, SIP -> cause from the SIP catalog (where Microsoft's NICC ND1017 differences live too).
 */
public final class Q850Catalog {
    static final String RESOURCE = "q850-causes.tsv";
    private static volatile Q850Catalog standard;

    private final Q850Cause[] byCause = new Q850Cause[128];
    private final List<Q850Cause> all;
    private final SipResponseCatalog sip;

    private Q850Catalog(List<TsvTable.Row> rows, SipResponseCatalog sip) {
        this.sip = sip;
        List<Q850Cause> list = new ArrayList<>();
        for (TsvTable.Row r : rows) {
            int cause = r.integer("cause");
            if (cause < 0 || cause > 127) {
                throw r.error("cause out of range: " + cause);
            }
            if (byCause[cause] != null) {
                throw r.error("duplicate cause " + cause);
            }
            Q850Cause c = new Q850Cause(cause, r.required("name"), r.required("class"),
                    r.optionalInteger("sip_rfc3398"), r.required("meaning"), r.optional("note"));
            byCause[cause] = c;
            list.add(c);
        }
        this.all = Collections.unmodifiableList(list);
    }

    public static Q850Catalog standard() {
        Q850Catalog c = standard;
        if (c == null) {
            synchronized (Q850Catalog.class) {
                c = standard;
                if (c == null) {
                    c = new Q850Catalog(TsvTable.load(RESOURCE), SipResponseCatalog.standard());
                    standard = c;
                }
            }
        }
        return c;
    }

    public Optional<Q850Cause> find(int cause) {
        return cause >= 0 && cause < byCause.length ? Optional.ofNullable(byCause[cause]) : Optional.empty();
    }

    public List<Q850Cause> all() {
        return all;
    }

    /** RFC 3398 7.2.4.1: the SIP response for a Q.850 cause; -1 if none (e.g. 16, normal clearing). */
    public int sipForCause(int cause) {
        return find(cause).map(Q850Cause::sipRfc3398).orElse(-1);
    }

    /** RFC 3398 8.2.6.1: the Q.850 cause for a SIP response; -1 if none. */
    public int causeForSip(int sipCode) {
        return sip.find(sipCode).map(SipResponseCode::q850Rfc3398).orElse(-1);
    }

    /** The cause Microsoft sends for a SIP response (NICC ND1017 where it differs, e.g. 486 -> 34); -1 if none. */
    public int microsoftCauseForSip(int sipCode) {
        return sip.find(sipCode).map(SipResponseCode::q850SentByMicrosoft).orElse(-1);
    }

    /** SIP codes that RFC 3398 maps to this cause (the reverse direction), in code order. */
    public List<Integer> sipCodesMappedTo(int cause) {
        List<Integer> out = new ArrayList<>();
        for (SipResponseCode c : sip.all()) {
            if (c.q850Rfc3398() == cause) {
                out.add(c.code());
            }
        }
        return out;
    }
}
