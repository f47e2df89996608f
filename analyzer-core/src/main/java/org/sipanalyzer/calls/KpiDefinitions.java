package org.sipanalyzer.calls;

import java.util.Set;

/**
 * The response-code sets behind the ratios. RFC 6076 fixes SER, SEER and ISA; ASR and NER come from the
 * telephone world (ITU-T E.411, GSMA IR.42) and tools count them differently, so NER's set can be chosen
 * (docs/kpis.md says why the default is what it is).
 *
 * @param nerCodes final codes counted as the network doing its job (user behaviour included)
 */
public record KpiDefinitions(Set<Integer> nerCodes) implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** RFC 6076 SEER: the codes that show the network delivered the session request. */
    public static final Set<Integer> SEER_CODES = Set.of(200, 480, 486, 600, 603);
    /** RFC 6076 ISA: the codes that show the network failed to. */
    public static final Set<Integer> ISA_CODES = Set.of(408, 500, 503, 504);
    /**
     * The default NER set (GSMA IR.42's reading): answered, and what the called user caused: busy, no answer,
     * rejected, or a number that does not exist.
     */
    public static final Set<Integer> DEFAULT_NER_CODES = Set.of(200, 404, 480, 484, 486, 487, 600, 603, 604, 607, 608);

    public KpiDefinitions {
        nerCodes = Set.copyOf(nerCodes);
    }

    public static KpiDefinitions defaults() {
        return new KpiDefinitions(DEFAULT_NER_CODES);
    }

    boolean ner(int code) {
        return (code >= 200 && code < 300) || nerCodes.contains(code);
    }
}
