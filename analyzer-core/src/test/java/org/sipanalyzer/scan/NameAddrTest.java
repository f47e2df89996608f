package org.sipanalyzer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** From and To addresses as RFC 3261 reads them: a quoted display name is never the address. */
class NameAddrTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`\"Boss <sip:ceo@bank.example>\" <sip:attacker@evil.example>;tag=1` | sip:attacker@evil.example",
        "`\"A|b<script>\" <sip:alice@x>` | sip:alice@x",
        "`\"Quote \\\" <sip:no@x>\" <sip:yes@x>` | sip:yes@x",
        "`Alice <sip:alice@atlanta.example.com>;tag=1928301774` | sip:alice@atlanta.example.com",
        "`<sip:bob@biloxi.example.com>` | sip:bob@biloxi.example.com",
        "`sip:carol@chicago.example.com;tag=887s` | sip:carol@chicago.example.com",
        "`  sips:dave@example.com  ` | sips:dave@example.com",
        "`\"only a name, never closed <sip:x@y>` | ''",
        "`<sip:open@x` | sip:open@x",
    })
    void theAddressIsOutsideTheQuotes(String value, String uri) {
        assertEquals(uri.equals("''") ? "" : uri, NameAddr.uri(value));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`<sip:bob@x>;tag=abc` | <sip:bob@x>",
        "`<sip:bob@x>;tag=abc;foo=bar` | <sip:bob@x>;foo=bar",
        "`\"x;tag=fake\" <sip:bob@x>;tag=real` | \"x;tag=fake\" <sip:bob@x>",
        "`<sip:bob@x;tag=uriparam>` | <sip:bob@x;tag=uriparam>",
        "`sip:bob@x;TAG=abc` | sip:bob@x",
    })
    void theTagIsTheHeaderParameterOnly(String value, String without) {
        assertEquals(without, NameAddr.withoutTag(value));
    }

    /** The walk over text and the scanner's over bytes find the same places, on random text full of quoting. */
    @Test
    void theWalksOverTextAndOverBytesAgree() {
        Random rnd = new Random(3);
        String alphabet = "ab \t;,<>\"\\=:@";
        for (int n = 0; n < 50_000; n++) {
            char[] text = new char[rnd.nextInt(rnd.nextBoolean() ? 24 : 72)];
            for (int i = 0; i < text.length; i++) {
                text[i] = alphabet.charAt(rnd.nextInt(alphabet.length()));
            }
            String v = new String(text);
            byte[] b = v.getBytes(StandardCharsets.US_ASCII);
            int from = v.isEmpty() ? 0 : rnd.nextInt(v.length());
            for (char c : new char[] {';', ',', '>'}) {
                for (boolean angles : new boolean[] {true, false}) {
                    assertEquals(NameAddr.indexOutside(v, c, from, angles),
                            NameAddr.indexOutside(b, from, b.length, c, angles), v + " from " + from + " for " + c);
                }
            }
        }
    }
}
