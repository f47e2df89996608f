package org.sipanalyzer.report;

import java.util.ArrayList;
import java.util.List;

/**
 * The report model for a terminal: compact, and no line wider than the width it is given (wide tables shorten their
 * longest text column; lists wrap). A section's heading labels its first block ("Calls: 30 (...)", "Requests by
 * method: INVITE 36, ..."), and what belongs to a section is indented under it. Charts and ladders are left to the
 * formats that can draw them. Every text is cleaned of control characters: a capture cannot drive the terminal.
 */
final class TextDoc implements Doc {

    /** A text column is not shortened below this. */
    private static final int MIN_COLUMN = 12;

    private final StringBuilder out = new StringBuilder();
    private final int width;
    /** The heading waiting for the block it labels, and the column it starts at. */
    private String pending;
    private int pendingIndent;
    /** Where a block starts that has no heading of its own: under the section's heading, or flush at the top. */
    private int body;

    TextDoc(int width) {
        this.width = Math.max(40, width);
    }

    @Override
    public void heading(int level, String text) {
        flushHeading();
        if (level <= 1) {
            return; // the title: a terminal knows what it ran
        }
        if (level == 2) {
            out.append('\n');
            pendingIndent = 0;
        } else {
            pendingIndent = 2;
        }
        body = pendingIndent + 2;
        pending = TextTable.clean(text);
    }

    /** A heading no block took is written on its own. */
    private void flushHeading() {
        if (pending != null) {
            line(pendingIndent, pending + ":");
            pending = null;
        }
    }

    /** The label a block starts with: its heading and a colon, or the indentation of a block without one. */
    private String label() {
        String l = pending == null ? " ".repeat(body) : " ".repeat(pendingIndent) + pending + ":";
        pending = null;
        return l;
    }

    @Override
    public void paragraph(String text) {
        String clean = TextTable.clean(text);
        if (pending != null) {
            String l = label();
            wrapped(l + " ", clean, l.length() + 1);
        } else if (body == 0) {
            out.append(clean).append('\n'); // before any section (the summary): one line, for scripts that read it
        } else {
            wrapped(" ".repeat(body), clean, body);
        }
    }

    /** The text after {@code start}, wrapped at word breaks; lines after the first are indented by {@code hang}. */
    private void wrapped(String start, String text, int hang) {
        List<String> lines = TextTable.wrap(text, Math.max(20, width - start.length()), Math.max(20, width - hang));
        out.append(start).append(lines.get(0)).append('\n');
        for (String l : lines.subList(1, lines.size())) {
            out.append(" ".repeat(hang)).append(l).append('\n');
        }
    }

    @Override
    public void list(List<String> items) {
        int at = body;
        flushHeading();
        for (String i : items) {
            wrapped(" ".repeat(at) + "- ", TextTable.clean(i), at + 2);
        }
    }

    @Override
    public void table(Table t) {
        int at = body;
        flushHeading();
        int n = t.headers().size();
        List<String[]> rows = new ArrayList<>();
        String[] head = new String[n];
        for (int i = 0; i < n; i++) {
            head[i] = TextTable.clean(t.headers().get(i)).toUpperCase(java.util.Locale.ROOT);
        }
        for (int r = 0; r < t.rows().size(); r++) {
            List<String> row = t.rows().get(r);
            String[] cells = new String[n];
            for (int i = 0; i < n; i++) {
                cells[i] = i < row.size() ? TextTable.clean(row.get(i)) : "";
            }
            cells[0] = "  ".repeat(t.depth()[r]) + cells[0];
            rows.add(cells);
        }
        int[] w = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = head[i].length();
            for (String[] r : rows) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        // Too wide: shorten the widest text column, then the next, never below MIN_COLUMN.
        int total = at + 2 * (n - 1);
        for (int x : w) {
            total += x;
        }
        while (total > width) {
            int widest = -1;
            for (int i = 0; i < n; i++) {
                if (!t.isNumeric(i) && w[i] > MIN_COLUMN && (widest < 0 || w[i] > w[widest])) {
                    widest = i;
                }
            }
            if (widest < 0) {
                break;
            }
            int cut = Math.min(total - width, w[widest] - MIN_COLUMN);
            w[widest] -= cut;
            total -= cut;
        }
        row(head, w, t, at);
        for (String[] r : rows) {
            row(r, w, t, at);
        }
    }

    private void row(String[] cells, int[] w, Table t, int at) {
        StringBuilder sb = new StringBuilder(" ".repeat(at));
        for (int i = 0; i < cells.length; i++) {
            String c = TextTable.shorten(cells[i], w[i]);
            String pad = " ".repeat(Math.max(0, w[i] - c.length()));
            sb.append(t.isNumeric(i) ? pad + c : c + pad);
            if (i < cells.length - 1) {
                sb.append("  ");
            }
        }
        out.append(sb.toString().stripTrailing()).append('\n');
    }

    @Override
    public void tally(Tally t) {
        List<String> briefs = t.entries().stream().map(e -> TextTable.clean(e.brief())).toList();
        switch (t.layout()) {
            case INLINE -> {
                String l = label();
                out.append(l).append(TextTable.list(briefs, width, l.length(), l.length())).append('\n');
            }
            case SUMMARY -> {
                String l = label();
                wrapped(l + " ", TextTable.clean(t.summary()), l.length() + 1);
            }
            case LINES -> {
                int at = body;
                flushHeading();
                for (String b : briefs) {
                    wrapped(" ".repeat(at), b, at + 2);
                }
            }
        }
    }

    @Override
    public void groups(Groups g) {
        int at = body;
        flushHeading();
        int keyWidth = g.groups().stream().mapToInt(x -> TextTable.clean(x.key()).length()).max().orElse(0);
        for (Group x : g.groups()) {
            String key = " ".repeat(at) + pad(TextTable.clean(x.key()), keyWidth);
            List<String> briefs = x.entries().stream().map(e -> TextTable.clean(e.brief())).toList();
            out.append(key).append(TextTable.list(briefs, width, key.length(), key.length())).append('\n');
        }
    }

    @Override
    public void figures(Figures f) {
        List<String> parts = f.figures().stream().map(x -> TextTable.clean(x.get(0) + " " + x.get(1))).toList();
        String l = pending == null ? null : " ".repeat(pendingIndent) + pending + ":";
        int at = body;
        String oneLine = String.join("  ", parts);
        if (l != null && l.length() + 1 + oneLine.length() <= width) {
            pending = null;
            out.append(l).append(' ').append(oneLine).append('\n');
            return;
        }
        flushHeading();
        for (String p : parts) {
            wrapped(" ".repeat(at), p, at + 2);
        }
    }

    /**
     * An item on one line, its notes one a line under it, none wrapped: an item names a file, and a path cut across
     * lines is hard to copy (and where it is cut would depend on the directory it was given from).
     */
    @Override
    public void item(Item item) {
        flushHeading();
        out.append(" ".repeat(body)).append(TextTable.clean(item.name()))
                .append(item.qualifier() == null ? "" : " (" + TextTable.clean(item.qualifier()) + ")").append(": ")
                .append(TextTable.clean(item.text())).append('\n');
        for (String note : item.notes()) {
            out.append(" ".repeat(body + 2)).append(TextTable.clean(note)).append('\n');
        }
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    @Override
    public String render() {
        flushHeading();
        return out.toString();
    }

    private void line(int at, String text) {
        out.append(" ".repeat(at)).append(text).append('\n');
    }
}
