package org.sipanalyzer.catalogue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SIP response-code catalogue. Immutable and thread-safe; {@link #standard()} is loaded once from
 * {@code response-codes.tsv} beside this class.
 */
public final class Catalogue implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private static final String RESOURCE = "response-codes.tsv";
    private static final int COLUMNS = 6;

    private final List<ResponseCode> entries;
    private final ResponseCode[] byCode = new ResponseCode[700];
    /** Every valid code's lookup, made once: the analysis looks up each response it sees. */
    private final CodeLookup[] lookups = new CodeLookup[700];

    private Catalogue(List<ResponseCode> entries) {
        this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
        for (ResponseCode e : entries) {
            if (byCode[e.code()] != null) {
                throw new IllegalStateException("code " + e.code() + " appears twice in the catalogue");
            }
            byCode[e.code()] = e;
        }
        for (ResponseClass c : ResponseClass.values()) {
            if (byCode[c.defaultCode()] == null) {
                throw new IllegalStateException("the catalogue lacks " + c.defaultCode() + ", the default of "
                        + c.shortName());
            }
        }
        for (int code = 100; code <= 699; code++) {
            ResponseCode own = byCode[code];
            lookups[code] = own != null ? new CodeLookup(code, own.status(), Optional.of(own))
                    : new CodeLookup(code, CodeStatus.UNREGISTERED,
                            Optional.of(byCode[ResponseClass.of(code).orElseThrow().defaultCode()]));
        }
    }

    private static final class Holder {
        static final Catalogue STANDARD = load();
    }

    /** The catalogue shipped with sip-analyzer. */
    public static Catalogue standard() {
        return Holder.STANDARD;
    }

    /** Every entry, in code order. */
    public List<ResponseCode> entries() {
        return entries;
    }

    /** The entries of one class, in code order. */
    public List<ResponseCode> entries(ResponseClass responseClass) {
        return entries.stream().filter(e -> e.responseClass() == responseClass).toList();
    }

    /** The code's own entry, or empty when the code is unregistered or invalid. */
    public Optional<ResponseCode> entry(int code) {
        return code >= 100 && code <= 699 ? Optional.ofNullable(byCode[code]) : Optional.empty();
    }

    /**
     * Looks up any integer. A known code yields its entry; a valid but unregistered one yields the entry its
     * class falls back to (x00, or 183 for a provisional response), marked {@link CodeStatus#UNREGISTERED};
     * anything outside 100-699 is {@link CodeStatus#INVALID} with no entry. Never throws.
     */
    public CodeLookup lookup(int code) {
        if (code < 100 || code > 699) {
            return new CodeLookup(code, CodeStatus.INVALID, Optional.empty());
        }
        return lookups[code];
    }

    private static Catalogue load() {
        try (InputStream in = Catalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " is missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the response-code catalogue", e);
        }
    }

    static Catalogue parse(BufferedReader reader) throws IOException {
        List<ResponseCode> list = new ArrayList<>();
        String line;
        int lineNo = 0;
        boolean header = true;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != COLUMNS) {
                throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected " + COLUMNS
                        + " tab-separated columns, found " + f.length);
            }
            List<String> aliases = f[2].equals("-") ? List.of() : Arrays.asList(f[2].split("\\|"));
            CodeStatus status = CodeStatus.valueOf(f[3].toUpperCase(Locale.ROOT));
            list.add(new ResponseCode(Integer.parseInt(f[0]), f[1], aliases, status, f[4], f[5]));
        }
        list.sort((a, b) -> Integer.compare(a.code(), b.code()));
        return new Catalogue(list);
    }
}
