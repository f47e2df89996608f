package org.sipanalyzer.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
