package org.sipanalyzer.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.net.Endpoint;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.scan.SipScanner;
import org.sipanalyzer.sip.SipMessage;

/**
 * The bounded tables of the message statistics keep the first keys seen and fold the rest into one overflow key,
 * whatever the order of the messages and whether a key comes as the same string object as before or as an equal copy
 * (the statistics remember recent lookups by reference). Checked against a model of that rule on random streams that
 * pass every bound.
 */
class BoundedTablesTest {

    private final SipScanner scanner = new SipScanner();
    private final Endpoint client = new Endpoint(new byte[] {(byte) 192, 0, 2, 1}, 5060);

    private SipEvent response(Endpoint from, int code, String phrase, String method) {
        byte[] b = ("SIP/2.0 " + code + " " + phrase + "\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
                + "From: <sip:a@x>;tag=1\r\nTo: <sip:b@y>;tag=2\r\nCall-ID: c\r\nCSeq: 1 " + method + "\r\n"
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        SipMessage m = scanner.scanDatagram(b, 0, b.length).message();
        return new SipEvent(0, 1, 0, from, client, Transport.UDP, m, Catalogue.standard().lookup(code), false, false);
    }

    /** The rule: the first {@code max} distinct keys keep their own row, every later one counts under {@code other}. */
    private static <K> void fold(Map<K, Long> model, K key, int max, K other) {
        K k = model.containsKey(key) || model.size() < max ? key : other;
        model.merge(k, 1L, Long::sum);
    }

    @Test
    void reasonPhrasesPastTheBoundFoldIntoOne() throws Exception {
        Random rnd = new Random(5);
        for (int round = 0; round < 50; round++) {
            CodeStatistics s = new CodeStatistics(486, Catalogue.standard().lookup(486));
            Map<String, Long> model = new LinkedHashMap<>();
            String[] shared = new String[14];
            for (int i = 0; i < shared.length; i++) {
                shared[i] = "Busy " + i;
            }
            for (int n = 0; n < 400; n++) {
                int i = rnd.nextInt(rnd.nextBoolean() ? 3 : shared.length); // runs of a few phrases, and all of them
                int repeat = 1 + rnd.nextInt(4);
                for (int r = 0; r < repeat; r++) {
                    // Mostly the same object, as the scanner hands out for a known phrase; sometimes an equal copy.
                    String p = rnd.nextInt(4) == 0 ? new String(shared[i]) : shared[i];
                    s.add(p, false);
                    fold(model, p, CodeStatistics.MAX_PHRASES, CodeStatistics.OTHER_PHRASES);
                }
                if (rnd.nextInt(50) == 0) {
                    s.add(null, false); // no phrase: counted as the empty one
                    fold(model, "", CodeStatistics.MAX_PHRASES, CodeStatistics.OTHER_PHRASES);
                }
            }
            assertEquals(new TreeMap<>(model), new TreeMap<>(s.phrases()), "round " + round);
            long total = model.values().stream().mapToLong(Long::longValue).sum();
            assertEquals(total, s.counts().count());
            // Serialised (a cluster's tasks send their statistics back): nothing counted is left behind.
            s.add(shared[0], false);
            fold(model, shared[0], CodeStatistics.MAX_PHRASES, CodeStatistics.OTHER_PHRASES);
            s.add(shared[0], false);
            fold(model, shared[0], CodeStatistics.MAX_PHRASES, CodeStatistics.OTHER_PHRASES);
            assertEquals(new TreeMap<>(model), new TreeMap<>(roundTrip(s).phrases()), "serialised, round " + round);
        }
    }

    @Test
    void methodsAndSendersPastTheirBoundsFoldIntoOne() {
        Random rnd = new Random(8);
        int methods = MessageStatistics.MAX_METHODS + 40;
        int hosts = MessageStatistics.MAX_SENDERS + 60;
        // The methods the scanner knows come as shared strings, the others as new ones; likewise a decoder hands out
        // the same endpoint for the same address, whose host is then the same string.
        List<String> methodNames = new ArrayList<>(List.of("INVITE", "BYE", "REGISTER", "OPTIONS"));
        for (int i = methodNames.size(); i < methods; i++) {
            methodNames.add("M" + Integer.toString(i, 36).toUpperCase(java.util.Locale.ROOT));
        }
        Endpoint[] senders = new Endpoint[hosts];
        for (int h = 0; h < hosts; h++) {
            senders[h] = new Endpoint(new byte[] {10, 1, (byte) (h >> 8), (byte) h}, 5060);
        }
        // 416 and 480 differ by 64: a small cache must tell them apart
        int[] codes = {200, 404, 416, 480, 486, 503, 603};
        MessageStatistics s = new MessageStatistics(Catalogue.standard());
        Map<String, Map<Integer, Long>> byMethod = new LinkedHashMap<>();
        Map<String, Map<Integer, Long>> bySender = new LinkedHashMap<>();
        Map<Integer, Long> byCode = new LinkedHashMap<>();
        for (int n = 0; n < 30_000; n++) {
            // Half the messages from a handful of methods and hosts, as real traffic is; half from all of them.
            boolean few = rnd.nextBoolean();
            String method = methodNames.get(rnd.nextInt(few ? 4 : methods));
            int h = rnd.nextInt(few ? 3 : hosts);
            Endpoint from = senders[h];
            int code = codes[rnd.nextInt(codes.length)];
            s.onEvent(response(from, code, "X", method));
            fold(byCode, code, MessageStatistics.MAX_CODES, MessageStatistics.OTHER_CODE);
            String m = byMethod.containsKey(method) || byMethod.size() < MessageStatistics.MAX_METHODS ? method
                    : MessageStatistics.OTHER_METHOD;
            fold(byMethod.computeIfAbsent(m, k -> new LinkedHashMap<>()), code, MessageStatistics.MAX_CODES,
                    MessageStatistics.OTHER_CODE);
            if (code >= 400) {
                String host = from.host();
                String k = bySender.containsKey(host) || bySender.size() < MessageStatistics.MAX_SENDERS ? host
                        : MessageStatistics.OTHER_SENDER;
                fold(bySender.computeIfAbsent(k, x -> new LinkedHashMap<>()), code, MessageStatistics.MAX_CODES,
                        MessageStatistics.OTHER_CODE);
            }
        }
        assertEquals(MessageStatistics.MAX_METHODS + 1, s.byMethodAndCode().size(), "the bound and the overflow row");
        assertEquals(MessageStatistics.MAX_SENDERS + 1, s.failuresBySender().size());
        assertEquals(sorted(byMethod), counts(s.byMethodAndCode()));
        assertEquals(sorted(bySender), counts(s.failuresBySender()));
        Map<Integer, Long> codesSeen = new TreeMap<>();
        s.byCode().forEach((c, st) -> codesSeen.put(c, st.counts().count()));
        assertEquals(new TreeMap<>(byCode), codesSeen);
        assertTrue(s.byMethodAndCode().containsKey(MessageStatistics.OTHER_METHOD));
    }

    private static Map<String, Map<Integer, Long>> sorted(Map<String, Map<Integer, Long>> m) {
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        m.forEach((k, v) -> out.put(k, new TreeMap<>(v)));
        return out;
    }

    private static Map<String, Map<Integer, Long>> counts(Map<String, Map<Integer, Counts>> m) {
        Map<String, Map<Integer, Long>> out = new TreeMap<>();
        m.forEach((k, v) -> {
            Map<Integer, Long> c = new TreeMap<>();
            v.forEach((code, n) -> c.put(code, n.count()));
            out.put(k, c);
        });
        return out;
    }

    private static CodeStatistics roundTrip(CodeStatistics s) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (CodeStatistics) in.readObject();
        }
    }
}
