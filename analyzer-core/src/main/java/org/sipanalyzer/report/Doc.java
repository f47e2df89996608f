package org.sipanalyzer.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;

/**
 * The report model: a document of sections, each a heading and its blocks, composed once ({@link DocumentReport})
 * and written by one renderer per format: {@link TextDoc} for terminals, {@link MarkdownDoc}, {@link HtmlDoc}. A
 * block says what it holds (a table, counts by kind, figures, an input); a renderer chooses how to show it, so a
 * section added to the composition appears in every format, and a format is one renderer. The blocks beyond a plain
 * table default to one, so a renderer implements only what it shows differently. Implementations escape everything
 * they are given, since most of it comes from captures.
 */
interface Doc {

    /** A table; {@code numeric} marks the columns to right-align, {@code depth} indents rows under a heading row. */
    record Table(List<String> headers, List<List<String>> rows, boolean[] numeric, int[] depth, boolean sortable) {

        static Table of(List<String> headers, List<List<String>> rows, boolean... numeric) {
            return new Table(headers, rows, numeric, new int[rows.size()], false);
        }

        boolean isNumeric(int column) {
            return column < numeric.length && numeric[column];
        }

        /** The same table, which the reader may sort by any column (HTML: a click on its heading). */
        Table sortedByReader() {
            return new Table(headers, rows, numeric, depth, true);
        }

        Table withDepth(int[] depths) {
            return new Table(headers, rows, numeric, depths, sortable);
        }
    }

    /** A row of counts, and the few words that stand for it on one line of text ("INVITE 36 (34 unique)"). */
    record Entry(List<String> cells, String brief) {
    }

    /** How text shows counts: the briefs on one wrapped line, one per line, or one summary line given whole. */
    enum Layout { INLINE, LINES, SUMMARY }

    /**
     * Counts by kind: a table in documents; in text, as the layout says ({@code summary} is the line shown for
     * {@link Layout#SUMMARY}, such as a timeline drawn as a run of numbers).
     */
    record Tally(List<String> headers, List<Entry> entries, boolean[] numeric, Layout layout, String summary) {

        static Tally of(List<String> headers, List<Entry> entries, Layout layout, boolean... numeric) {
            return new Tally(headers, entries, numeric, layout, null);
        }

        Table table() {
            return Table.of(headers, entries.stream().map(Entry::cells).toList(), numeric);
        }
    }

    /** Counts under keys, as responses by method: one table in documents; a line per key in text. */
    record Group(String key, List<Entry> entries) {
    }

    record Groups(List<String> headers, List<Group> groups, boolean[] numeric) {

        Table table() {
            List<List<String>> rows = new ArrayList<>();
            for (Group g : groups) {
                for (Entry e : g.entries()) {
                    List<String> row = new ArrayList<>();
                    row.add(g.key());
                    row.addAll(e.cells());
                    rows.add(row);
                }
            }
            return Table.of(headers, rows, numeric);
        }
    }

    /** Named values, as KPIs: a two-column table in documents; in text, one line when they are short. */
    record Figures(List<String> headers, List<List<String>> figures) {

        Table table() {
            return Table.of(headers, figures);
        }
    }

    /** One of a list of things with a qualifier, a description and notes, as an input with its format and warnings. */
    record Item(String name, String qualifier, String text, List<String> notes) {
    }

    void heading(int level, String text);

    void paragraph(String text);

    void table(Table table);

    void list(List<String> items);

    default void tally(Tally tally) {
        table(tally.table());
    }

    default void groups(Groups groups) {
        table(groups.table());
    }

    default void figures(Figures figures) {
        table(figures.table());
    }

    default void item(Item item) {
        heading(3, item.name());
        paragraph(item.qualifier() == null ? item.text() : item.qualifier() + ": " + item.text());
        if (!item.notes().isEmpty()) {
            list(item.notes());
        }
    }

    /** One failed call drawn message by message, where the format can hold a drawing (HTML). */
    default void ladder(FailedCalls.Ladder ladder) {
    }

    /**
     * A chart, where the format can hold one inline (HTML); Markdown leaves it out, since renderers strip inline
     * SVG ({@code analyze --chart} writes image files instead). The chart is drawn only when it is used.
     */
    default void chart(String caption, Supplier<JFreeChart> chart) {
    }

    /** The finished document. */
    String render();

    /** Markdown (GitHub-flavoured). */
    final class MarkdownDoc implements Doc {
        private final StringBuilder sb = new StringBuilder();

        @Override
        public void heading(int level, String text) {
            sb.append("#".repeat(level)).append(' ').append(Markdown.cell(text)).append("\n\n");
        }

        @Override
        public void paragraph(String text) {
            sb.append(Markdown.cell(text)).append("\n\n");
        }

        @Override
        public void table(Table t) {
            sb.append('|');
            for (String h : t.headers()) {
                sb.append(' ').append(Markdown.cell(h)).append(" |");
            }
            sb.append("\n|");
            for (int i = 0; i < t.headers().size(); i++) {
                sb.append(t.isNumeric(i) ? "---:|" : "---|");
            }
            sb.append('\n');
            for (List<String> r : t.rows()) {
                sb.append('|');
                for (String c : r) {
                    sb.append(' ').append(Markdown.cell(c)).append(" |");
                }
                sb.append('\n');
            }
            sb.append('\n');
        }

        @Override
        public void list(List<String> items) {
            for (String i : items) {
                sb.append("- ").append(Markdown.cell(i)).append('\n');
            }
            sb.append('\n');
        }

        @Override
        public String render() {
            return sb.toString();
        }
    }

    /** A self-contained HTML page: no scripts, no external resources, everything escaped. */
    final class HtmlDoc implements Doc {
        private final StringBuilder body = new StringBuilder();
        private final String title;
        private int charts;

        HtmlDoc(String title) {
            this.title = title;
        }

        static String escape(String s) {
            StringBuilder sb = new StringBuilder(s.length() + 16);
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '&' -> sb.append("&amp;");
                    case '<' -> sb.append("&lt;");
                    case '>' -> sb.append("&gt;");
                    case '"' -> sb.append("&quot;");
                    case '\'' -> sb.append("&#39;");
                    default -> {
                        if (c != '\n' && c != '\t' && TextSafe.isHidden(c)) {
                            sb.append('\uFFFD');
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            return sb.toString();
        }

        @Override
        public void heading(int level, String text) {
            body.append("<h").append(level).append('>').append(escape(text)).append("</h").append(level).append(">\n");
        }

        @Override
        public void paragraph(String text) {
            body.append("<p>").append(escape(text)).append("</p>\n");
        }

        @Override
        public void table(Table t) {
            body.append(t.sortable() ? "<table class=\"sortable\">\n<thead><tr>" : "<table>\n<thead><tr>");
            sortable |= t.sortable();
            for (int i = 0; i < t.headers().size(); i++) {
                body.append(t.isNumeric(i) ? "<th class=\"n\">" : "<th>").append(escape(t.headers().get(i)))
                        .append("</th>");
            }
            body.append("</tr></thead>\n<tbody>\n");
            for (List<String> r : t.rows()) {
                body.append("<tr>");
                for (int i = 0; i < r.size(); i++) {
                    body.append(t.isNumeric(i) ? "<td class=\"n\">" : "<td>").append(escape(r.get(i))).append("</td>");
                }
                body.append("</tr>\n");
            }
            body.append("</tbody>\n</table>\n");
        }

        @Override
        public void ladder(FailedCalls.Ladder ladder) {
            // The drawing escapes every text it holds (FailedCalls.svg); the caption is escaped here.
            body.append("<details class=\"ladder\"><summary>").append(escape(FailedCalls.caption(ladder)))
                    .append("</summary>\n<figure>").append(FailedCalls.svg(ladder)).append("</figure></details>\n");
        }

        @Override
        public void list(List<String> items) {
            body.append("<ul>\n");
            for (String i : items) {
                body.append("<li>").append(escape(i)).append("</li>\n");
            }
            body.append("</ul>\n");
        }

        @Override
        public void chart(String caption, Supplier<JFreeChart> chart) {
            // The SVG is serialised by the JDK's XML writer, which escapes its text; captions never come from captures.
            body.append("<figure>\n").append(Charts.svgElement(chart.get(), "c" + charts++ + "-")).append('\n')
                    .append("<figcaption>").append(escape(caption)).append("</figcaption>\n</figure>\n");
        }

        /**
         * Sorts a table of class "sortable" by the column whose heading is clicked (again: the other way), numbers
         * as numbers. The page allows this one script and no other: its hash is in the Content-Security-Policy.
         */
        static final String SORT_SCRIPT = "document.querySelectorAll('table.sortable').forEach(function(t){"
                + "t.querySelectorAll('th').forEach(function(th,i){th.style.cursor='pointer';"
                + "th.title='Sort by this column';th.addEventListener('click',function(){"
                + "var b=t.tBodies[0],rows=Array.prototype.slice.call(b.rows),up=th.dataset.order!=='up';"
                + "t.querySelectorAll('th').forEach(function(h){delete h.dataset.order;});"
                + "th.dataset.order=up?'up':'down';"
                + "rows.sort(function(x,y){var p=x.cells[i].textContent,q=y.cells[i].textContent,"
                + "m=parseFloat(p.replace(/,/g,'')),n=parseFloat(q.replace(/,/g,''));"
                + "var c=(!isNaN(m)&&!isNaN(n)&&th.classList.contains('n'))?m-n:p.localeCompare(q);return up?c:-c;});"
                + "rows.forEach(function(r){b.appendChild(r);});});});});";

        private boolean sortable;

        private static String sha256(String s) {
            try {
                return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                        .digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }

        @Override
        public String render() {
            String csp = "default-src 'none'; style-src 'unsafe-inline'"
                    + (sortable ? "; script-src 'sha256-" + sha256(SORT_SCRIPT) + "'" : "");
            String script = sortable ? "<script>" + SORT_SCRIPT + "</script>\n" : "";
            return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n"
                    + "<title>" + escape(title) + "</title>\n<style>\n"
                    + "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em;color:#222}"
                    + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em;"
                    + "vertical-align:top}th{background:#f4f4f4;text-align:left}.n{text-align:right}"
                    + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}figure{margin:1em 0;max-width:60em}"
                    + "figure svg{width:100%;height:auto}figure svg.ladder{width:auto;max-width:100%}"
                    + "details.ladder{margin:.3em 0}figcaption{color:#555;font-size:.9em}\n</style>\n</head>\n<body>\n"
                    + body + script + "</body>\n</html>\n";
        }
    }
}
