package org.sipanalyzer.report;

import java.util.List;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;

/**
 * A document in the making: the few block kinds a report needs. Implementations escape everything they are
 * given, since most of it comes from captures.
 */
interface Doc {

    void heading(int level, String text);

    void paragraph(String text);

    /** A table; {@code numeric} marks the columns to right-align. */
    void table(List<String> headers, List<List<String>> rows, boolean... numeric);

    void list(List<String> items);

    /** One failed call drawn message by message, where the format can hold a drawing (HTML). */
    default void ladder(FailedCalls.Ladder ladder) {
    }

    /** A table the reader may sort by any column (HTML: a click on its heading); elsewhere a plain table. */
    default void sortableTable(List<String> headers, List<List<String>> rows, boolean... numeric) {
        table(headers, rows, numeric);
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
        public void table(List<String> headers, List<List<String>> rows, boolean... numeric) {
            sb.append('|');
            for (String h : headers) {
                sb.append(' ').append(Markdown.cell(h)).append(" |");
            }
            sb.append("\n|");
            for (int i = 0; i < headers.size(); i++) {
                sb.append(i < numeric.length && numeric[i] ? "---:|" : "---|");
            }
            sb.append('\n');
            for (List<String> r : rows) {
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
                        if (c < 0x20 && c != '\n' && c != '\t' || c == 0x7f) {
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
        public void table(List<String> headers, List<List<String>> rows, boolean... numeric) {
            body.append("<table>\n<thead><tr>");
            for (int i = 0; i < headers.size(); i++) {
                body.append(i < numeric.length && numeric[i] ? "<th class=\"n\">" : "<th>").append(escape(headers.get(i)))
                        .append("</th>");
            }
            body.append("</tr></thead>\n<tbody>\n");
            for (List<String> r : rows) {
                body.append("<tr>");
                for (int i = 0; i < r.size(); i++) {
                    body.append(i < numeric.length && numeric[i] ? "<td class=\"n\">" : "<td>").append(escape(r.get(i)))
                            .append("</td>");
                }
                body.append("</tr>\n");
            }
            body.append("</tbody>\n</table>\n");
        }

        @Override
        public void sortableTable(List<String> headers, List<List<String>> rows, boolean... numeric) {
            int at = body.length();
            table(headers, rows, numeric);
            body.replace(at, at + "<table>".length(), "<table class=\"sortable\">");
            sortable = true;
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
                + "t.querySelectorAll('th').forEach(function(h){delete h.dataset.order;});th.dataset.order=up?'up':'down';"
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
