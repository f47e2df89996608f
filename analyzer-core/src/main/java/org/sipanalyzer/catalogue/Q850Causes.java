package org.sipanalyzer.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The names of ITU-T Q.850 cause values (1-127), which a SIP Reason header carries (RFC 3326) and which the
 * reports show beside each cause. Loaded once from {@code q850-causes.tsv}; immutable.
 */
public final class Q850Causes {

    private static final Map<Integer, String> NAMES = load();

    private Q850Causes() {
    }

    /** The cause's name; empty for a value Q.850 does not assign. */
    public static Optional<String> name(int cause) {
        return Optional.ofNullable(NAMES.get(cause));
    }

    /** "17 User busy", or the number alone for an unassigned value. */
    public static String label(int cause) {
        return name(cause).map(n -> cause + " " + n).orElse(Integer.toString(cause));
    }

    /** Every assigned cause with its name, in order. */
    public static Map<Integer, String> all() {
        return NAMES;
    }

    private static Map<Integer, String> load() {
        Map<Integer, String> m = new TreeMap<>();
        try (InputStream in = Q850Causes.class.getResourceAsStream("q850-causes.tsv")) {
            if (in == null) {
                throw new IllegalStateException("q850-causes.tsv is missing from the jar");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                int cause;
                try {
                    cause = Integer.parseInt(f[0]);
                } catch (NumberFormatException e) {
                    cause = -1;
                }
                if (f.length != 2 || cause < 1 || cause > 127 || f[1].isBlank() || m.put(cause, f[1]) != null) {
                    throw new IllegalStateException("q850-causes.tsv line " + n + ": expected a new cause 1-127, a tab"
                            + " and a name");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(m);
    }
}
