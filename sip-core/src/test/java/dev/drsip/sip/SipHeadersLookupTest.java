package dev.drsip.sip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Header-name and method recognition on bytes (the scanner's hot lookups), any case. */
class SipHeadersLookupTest {
    private static byte[] randomCase(String s, Random r) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < b.length; i++) {
            if (r.nextBoolean() && b[i] >= 'a' && b[i] <= 'z') {
                b[i] -= 32;
            }
        }
        return b;
    }

    @Test
    void everyKnownNameInAnyCase() {
        Random r = new Random(3);
        for (int round = 0; round < 50; round++) {
            for (int id = 0; id < SipHeaders.NAMES.length; id++) {
                byte[] b = randomCase(SipHeaders.NAMES[id], r);
                assertThat(SipHeaders.lookup(b, 0, b.length)).as(new String(b, StandardCharsets.US_ASCII)).isEqualTo(id);
            }
        }
        for (String compact : new String[] {"i", "I", "v", "V", "f", "t", "m", "l", "c", "k", "s", "e"}) {
            byte[] b = compact.getBytes(StandardCharsets.US_ASCII);
            assertThat(SipHeaders.lookup(b, 0, b.length)).isNotEqualTo(SipHeaders.UNKNOWN);
        }
    }

    @Test
    void randomTokenNamesAgreeWithTheNameMap() {
        Random r = new Random(11);
        String token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";
        java.util.List<String> names = java.util.Arrays.asList(SipHeaders.NAMES);
        for (int i = 0; i < 200_000; i++) {
            String name;
            if (r.nextBoolean()) {
                StringBuilder sb = new StringBuilder(SipHeaders.NAMES[r.nextInt(SipHeaders.NAMES.length)]);
                if (r.nextBoolean()) { // one character changed, added or removed
                    int at = r.nextInt(sb.length());
                    switch (r.nextInt(3)) {
                        case 0: sb.setCharAt(at, token.charAt(r.nextInt(token.length()))); break;
                        case 1: sb.insert(at, token.charAt(r.nextInt(token.length()))); break;
                        default: sb.deleteCharAt(at); break;
                    }
                }
                name = sb.toString();
            } else {
                StringBuilder sb = new StringBuilder();
                for (int k = 1 + r.nextInt(r.nextBoolean() ? 3 : 30); k > 0; k--) {
                    sb.append(token.charAt(r.nextInt(token.length())));
                }
                name = sb.toString();
            }
            if (name.isEmpty()) {
                continue;
            }
            byte[] named = randomCase(name, r);
            // at the start, in the middle and at the very end of a larger array
            int pad = r.nextInt(3) == 0 ? 0 : r.nextInt(20);
            byte[] b = new byte[pad + named.length + (r.nextBoolean() ? 0 : r.nextInt(20))];
            java.util.Arrays.fill(b, (byte) ':');
            System.arraycopy(named, 0, b, pad, named.length);
            int expected = names.indexOf(SipHeaders.canonical(new String(named, StandardCharsets.US_ASCII)));
            assertThat(SipHeaders.lookup(b, pad, pad + named.length))
                    .as(new String(named, StandardCharsets.US_ASCII)).isEqualTo(expected);
        }
    }

    /**
     * The parser accepts a header name the table knows without checking its bytes one by one: that
     * holds only while every known name is lower-case letters and '-' (a byte that '| 0x20' maps
     * onto one of those is then a letter, or a CR, which the parser never lets into a name).
     */
    @Test
    void knownNamesAreLettersAndHyphensOnly() {
        for (String name : SipHeaders.NAMES) {
            assertThat(name).as(name).matches("[a-z][a-z-]*");
        }
    }

    @Test
    void nearMissesAreUnknown() {
        // token characters that a plain "| 0x20" could confuse, and one-letter changes
        String[] names = {"call_id", "call-i", "call-idx", "vi", "via_", "from~", "cseq`", "to'", "x-ms-call-id2",
            "content-lengt", "g", "q", "w", "z", "cont.act", "content+length", "1via"};
        for (String n : names) {
            byte[] b = n.getBytes(StandardCharsets.US_ASCII);
            assertThat(SipHeaders.lookup(b, 0, b.length)).as(n).isEqualTo(SipHeaders.UNKNOWN);
        }
    }

    @Test
    void methodsAreSharedConstantsInAnyCaseOthersUpperCased() {
        Random r = new Random(5);
        String[] known = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK", "UPDATE", "INFO",
            "REFER", "NOTIFY", "SUBSCRIBE", "MESSAGE", "PUBLISH"};
        for (int round = 0; round < 20; round++) {
            for (String m : known) {
                byte[] b = randomCase(m.toLowerCase(Locale.ROOT), r);
                assertThat(SipMessageParser.method(b, 0, b.length)).isSameAs(m);
            }
        }
        for (String other : new String[] {"invitee", "ac", "by`", "info1", "x-custom", "B~E", "ACK.", "in_vite"}) {
            byte[] b = other.getBytes(StandardCharsets.US_ASCII);
            assertThat(SipMessageParser.method(b, 0, b.length)).isEqualTo(other.toUpperCase(Locale.ROOT));
        }
    }
}
