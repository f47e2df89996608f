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

        @Override
        public String render() {
            return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
                    + "<title>" + escape(title) + "</title>\n<style>\n"
                    + "body{font-family:system-ui,sans-serif;margin:2em;max-width:80em;color:#222}"
                    + "table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #ccc;padding:.25em .6em;"
                    + "vertical-align:top}th{background:#f4f4f4;text-align:left}.n{text-align:right}"
                    + "h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.5em}figure{margin:1em 0;max-width:60em}"
                    + "figure svg{width:100%;height:auto}figcaption{color:#555;font-size:.9em}\n</style>\n</head>\n<body>\n"
                    + body + "</body>\n</html>\n";
        }
    }
}
