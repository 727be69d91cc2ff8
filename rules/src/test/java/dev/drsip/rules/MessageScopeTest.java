package dev.drsip.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drsip.analyzer.model.ClassifiedMessage;
import dev.drsip.sip.IpAddress;
import dev.drsip.sip.SipMessage;
import dev.drsip.sip.SipMessageParser;
import dev.drsip.sip.SipPacket;
import dev.drsip.sip.Transport;
import dev.drsip.sip.Where;
import dev.drsip.sip.dr.Direction;
import dev.drsip.sip.dr.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A rule that declares {@link Rule.MessageScope#SBC_TO_MICROSOFT} (so the engine skips its
 * onMessage for other messages) really ignores every other message: fed directly, messages that
 * would trigger it in scope report nothing out of scope.
 */
class MessageScopeTest {
    private static final String MS_FQDN = "sip.pstnhub.microsoft.com";
    private static final String SBC_FQDN = "sbc1.contoso.com";

    private static final class Recording implements RuleContext {
        final RulesConfig config = RulesConfig.defaults().withSbcFqdns(List.of("other.contoso.com"));
        final SbcIdentities identities = new SbcIdentities(config);
        final List<String> reported = new ArrayList<>();

        @Override
        public RulesConfig config() {
            return config;
        }

        @Override
        public long now() {
            return 1;
        }

        @Override
        public SbcIdentities identities() {
            return identities;
        }

        @Override
        public FindingAccumulator finding(String ruleId, Severity severity, String sbc, String subject) {
            reported.add(ruleId);
            return new FindingAccumulator(ruleId, severity, sbc, subject, 5);
        }
    }

    /** Messages that break several SBC-side rules at once (IP Contact and Record-Route, no '+', Replaces, c=0.0.0.0, sendonly). */
    private static List<SipMessage> badMessages() {
        String sdp = SipText.SDP.replace("c=IN IP4 203.0.113.10", "c=IN IP4 0.0.0.0").replace("a=sendrecv", "a=sendonly");
        List<String> texts = new ArrayList<>();
        for (String method : new String[] {"INVITE", "OPTIONS", "UPDATE", "REFER"}) {
            String req = SipText.request(method, "sip:4255550100@52.114.16.10:5061")
                    .dialog(SBC_FQDN + ":5067", "b" + method, "sip:2065550111@" + SBC_FQDN, "sip:4255550100@" + MS_FQDN,
                            null, "scope-" + method, 1, method)
                    .h("Contact", "<sip:2065550111@203.0.113.10:5067>").h("Record-Route", "<sip:198.51.100.9;lr>")
                    .h("Replaces", "abc;to-tag=1;from-tag=2").h("Refer-To", "<sip:x@y?Replaces=abc>").sdp(sdp).build();
            texts.add(req);
            texts.add(SipText.response(req, 200, "OK", "tt").h("Contact", "<sip:203.0.113.10:5067>").sdp(sdp).build());
        }
        List<SipMessage> out = new ArrayList<>();
        SipMessageParser parser = new SipMessageParser();
        long frame = 0;
        for (String t : texts) {
            byte[] b = t.getBytes(StandardCharsets.ISO_8859_1);
            out.add((SipMessage) parser.parse(new SipPacket(1, IpAddress.parse("203.0.113.10"), 5067,
                    IpAddress.parse("52.114.16.10"), 5061, Transport.TLS, new Where("scope", ++frame), b, 0, b.length)));
        }
        return out;
    }

    @Test
    void scopedRulesIgnoreEveryMessageOutsideTheirScope() {
        List<Rule> scoped = new ArrayList<>();
        for (Rule r : RuleEngine.defaultRules(RulesConfig.defaults())) {
            if (r.messageScope() == Rule.MessageScope.SBC_TO_MICROSOFT) {
                scoped.add(r);
            }
        }
        assertThat(scoped).hasSizeGreaterThanOrEqualTo(10);
        Recording inScope = new Recording();
        Recording outOfScope = new Recording();
        for (SipMessage m : badMessages()) {
            for (Side from : Side.values()) {
                for (Side to : Side.values()) {
                    for (String sbc : new String[] {null, SBC_FQDN}) {
                        for (boolean retrans : new boolean[] {false, true}) {
                            ClassifiedMessage cm = new ClassifiedMessage(m, from, to, sbc, Direction.INBOUND, retrans);
                            boolean in = sbc != null && !retrans && from == Side.SBC && to == Side.MICROSOFT;
                            for (Rule r : scoped) {
                                r.onMessage(cm, in ? inScope : outOfScope);
                            }
                        }
                    }
                }
            }
        }
        assertThat(outOfScope.reported).isEmpty();
        // In scope the same messages do trigger the rules (the check above is not vacuous).
        assertThat(Set.copyOf(inScope.reported)).contains(RuleIds.CONTACT_NOT_FQDN, RuleIds.RECORD_ROUTE_NOT_FQDN,
                RuleIds.SDP_NULL_CONNECTION, RuleIds.HOLD_SENDONLY, RuleIds.NUMBER_NOT_E164, RuleIds.REPLACES_FROM_SBC,
                RuleIds.OPTIONS_TO_IP, RuleIds.RECORD_ROUTE_CONTACT_MISMATCH);
    }
}
