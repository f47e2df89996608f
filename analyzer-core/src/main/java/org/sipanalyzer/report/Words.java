package org.sipanalyzer.report;

import java.util.Locale;

/** Counts in words for reports: "1 packet", "2 packets", "1,024 SIP messages". */
public final class Words {

    private Words() {
    }

    /** {@code n} with the noun, plural by an added "s" (the nouns of reports are regular). */
    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }

    /** {@code n} with the singular or the plural noun, grouped by thousands. */
    public static String count(long n, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", n, n == 1 ? singular : plural);
    }
}
