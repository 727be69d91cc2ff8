package dev.drsip.sip.catalog;

import java.util.List;

/**
 * A Teams client or sign-in code (0xCAA..., AADSTS..., 1001, 4c7, max_reload_exceeded, ...).
 *
 * @param code as usually written
 * @param aliases other spellings (e.g. the hex form of a decimal HRESULT)
 * @param family family id (see {@link TeamsClientFamily})
 * @param layer the layer it points at
 * @param meaning what it means
 * @param firstCheck what to check first
 * @param thenCheck what to check next
 * @param webVersusDesktop what it means when Teams on the web works or fails too
 */
public record TeamsClientCode(String code, List<String> aliases, String family, String layer, String meaning,
        String firstCheck, String thenCheck, String webVersusDesktop) {
    public String key() {
        return "client:" + code;
    }
}
