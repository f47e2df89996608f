package org.sipanalyzer.catalogue;

import java.util.HashSet;
import java.util.Set;

/** The codes every export must carry: the seed's 71 and the six IANA codes the seed lacks. */
public final class CatalogueTestCodes {

    public static final Set<Integer> ALL;

    static {
        Set<Integer> all = new HashSet<>(CatalogueTest.SEED_CODES);
        all.addAll(CatalogueTest.IANA_ONLY);
        ALL = Set.copyOf(all);
    }

    private CatalogueTestCodes() {
    }
}
