package org.sipanalyzer.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain-text table for terminals: fixed columns padded to their widest cell, and one last column that
 * is wrapped to the remaining width. Control characters in cells are replaced, so text from a capture
 * cannot move the cursor or change colours.
 */
final class TextTable {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final boolean[] rightAligned;

    TextTable(List<String> headers, boolean... rightAligned) {
        this.headers = List.copyOf(headers);
        this.rightAligned = new boolean[headers.size()];
        System.arraycopy(rightAligned, 0, this.rightAligned, 0, Math.min(rightAligned.length, headers.size()));
    }

    void add(List<String> row) {
        if (row.size() != headers.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, table has " + headers.size());
        }
        rows.add(row.stream().map(TextTable::clean).toList());
    }

    /** A row that spans the table, such as a class heading. */
    void addHeading(String text) {
        List<String> row = new ArrayList<>();
        row.add(clean(text));
        rows.add(row);
    }

    /** Renders the table so that no line exceeds {@code width} (the last column is wrapped to fit). */
    String render(int width) {
        int n = headers.size();
        int[] w = new int[n];
        for (int i = 0; i < n - 1; i++) {
            w[i] = headers.get(i).length();
            for (List<String> r : rows) {
                if (r.size() == n) {
                    w[i] = Math.max(w[i], r.get(i).length());
                }
            }
        }
        int fixed = 0;
        for (int i = 0; i < n - 1; i++) {
            fixed += w[i] + 2;
        }
        int last = Math.max(20, width - fixed);
        StringBuilder sb = new StringBuilder();
        appendRow(sb, headers, w, last, fixed);
        for (List<String> r : rows) {
            if (r.size() == 1 && n > 1) {
                sb.append(r.get(0)).append('\n');
            } else {
                appendRow(sb, r, w, last, fixed);
            }
        }
        return sb.toString();
    }

    private void appendRow(StringBuilder sb, List<String> r, int[] w, int last, int fixed) {
        int n = r.size();
        for (int i = 0; i < n - 1; i++) {
            String cell = r.get(i);
            String pad = " ".repeat(w[i] - cell.length());
            sb.append(rightAligned[i] ? pad + cell : cell + pad).append("  ");
        }
        List<String> lines = wrap(r.get(n - 1), last);
        for (int k = 0; k < lines.size(); k++) {
            if (k > 0) {
                sb.append(" ".repeat(fixed));
            }
            sb.append(lines.get(k));
            if (k < lines.size() - 1) {
                sb.append('\n');
            }
        }
        // Trailing blanks make diffs of saved reports noisy.
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    static List<String> wrap(String text, int width) {
        return wrap(text, width, width);
    }

    /** {@code text} cut at spaces into lines of at most {@code first} characters, then at most {@code rest}. */
    static List<String> wrap(String text, int first, int rest) {
        List<String> out = new ArrayList<>();
        String left = text.strip();
        int width = first;
        while (left.length() > width) {
            int cut = left.lastIndexOf(' ', width);
            if (cut <= 0) {
                cut = width;
            }
            out.add(left.substring(0, cut).stripTrailing());
            left = left.substring(cut).stripLeading();
            width = rest;
        }
        out.add(left);
        return out;
    }

    /**
     * The parts, each after a space and all but the last followed by a comma, on lines of at most {@code width}
     * when the first starts at {@code startColumn}; continuation lines are indented by {@code indent}.
     */
    static String list(List<String> parts, int width, int startColumn, int indent) {
        StringBuilder sb = new StringBuilder();
        int col = startColumn;
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i) + (i < parts.size() - 1 ? "," : "");
            if (col + 1 + p.length() > width && col > indent + 1) {
                sb.append('\n').append(" ".repeat(indent));
                col = indent;
            }
            sb.append(' ').append(p);
            col += 1 + p.length();
        }
        return sb.toString();
    }

    /** Shortens {@code text} to at most {@code max} characters, marking the cut with an ellipsis. */
    static String shorten(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max - 1);
        if (cut < max / 2) {
            cut = max - 1;
        }
        return text.substring(0, cut).stripTrailing() + "…";
    }

    /** Replaces control characters ({@link TextSafe#isHidden}) so untrusted text cannot drive the terminal. */
    static String clean(String s) {
        StringBuilder sb = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = TextSafe.isHidden(c);
            if (control) {
                if (sb == null) {
                    sb = new StringBuilder(s.length());
                    sb.append(s, 0, i);
                }
                sb.append(c == '\t' ? ' ' : '\uFFFD');
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? s : sb.toString();
    }
}
