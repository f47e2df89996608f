package org.sipanalyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.sipanalyzer.check.Check;

/**
 * The verdicts of {@code check}, as text for a terminal, JSON for tools (docs/schema/check.schema.json) or JUnit XML
 * for CI systems: over all inputs together, or over each input on its own ({@code --each-input}).
 */
public final class CheckReport {

    private CheckReport() {
    }

    /** The formats a check is written in. */
    public static final List<String> FORMATS = List.of("text", "json", "junit");

    /** Writes {@code parts} in {@code format} (text, json or junit); {@code passed} is the gate's answer. */
    public static void write(String format, List<Part> parts, boolean passed, Writer out) throws IOException {
        switch (format) {
            case "json" -> json(parts, passed, out);
            case "junit" -> junit(parts, out);
            case "text" -> out.write(text(parts));
            default -> throw new IllegalArgumentException("a check cannot be written as " + format);
        }
    }

    /**
     * The verdicts over one input ({@code --each-input}) or over all of them together ({@code input} null);
     * {@code error} says why an input could not be read, and such an input has no verdicts and fails.
     */
    public record Part(String input, int inputs, List<Check.Verdict> verdicts, String error, List<Unread> unread,
            List<String> warnings) {

        /** A part whose inputs were read without a warning. */
        public Part(String input, int inputs, List<Check.Verdict> verdicts, String error, List<Unread> unread) {
            this(input, inputs, verdicts, error, unread, List.of());
        }

        public long failed() {
            return verdicts.stream().filter(v -> !v.passed()).count();
        }

        public boolean passed() {
            return error == null && failed() == 0 && unread.isEmpty();
        }

        public String title() {
            if (input != null) {
                return input;
            }
            String all = inputs + (inputs == 1 ? " input" : " inputs");
            return unread.isEmpty() ? all : (inputs - unread.size()) + " of " + all + " read";
        }
    }

    /** An input of a pooled check that could not be read, and why. */
    public record Unread(String input, String error) {
    }

    private static String text(List<Part> parts) {
        int w = parts.stream().flatMap(p -> p.verdicts().stream()).mapToInt(v -> v.rule().text().length()).max()
                .orElse(0);
        boolean each = parts.get(0).input() != null;
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (each) {
                sb.append(p.passed() ? "PASS" : "FAIL").append("  ").append(TextSafe.of(p.input())).append('\n');
            }
            String indent = each ? "  " : "";
            if (p.error() != null) {
                sb.append(indent).append("ERROR  not read: ").append(TextSafe.of(p.error())).append('\n');
            }
            for (Unread u : p.unread()) {
                sb.append(indent).append("ERROR  not read: ").append(TextSafe.of(u.input())).append(": ")
                        .append(TextSafe.of(u.error())).append('\n');
            }
            for (String warning : p.warnings()) {
                sb.append(indent).append("WARN   ").append(TextSafe.of(warning, 1_000)).append('\n');
            }
            for (Check.Verdict v : p.verdicts()) {
                sb.append(indent).append(v.passed() ? "PASS  " : "FAIL  ")
                        .append(String.format(Words.NUMBERS, "%-" + w + "s", v.rule().text()))
                        .append("  measured ").append(v.measuredText()).append('\n');
            }
        }
        if (each) {
            long failedInputs = parts.stream().filter(p -> !p.passed()).count();
            int rules = parts.stream().filter(p -> p.error() == null).findFirst().map(p -> p.verdicts().size())
                    .orElse(0);
            sb.append(String.format(Words.NUMBERS, "check: %s, %d passed, %d failed (%s each)%n",
                    Words.count(parts.size(), "input"), parts.size() - failedInputs, failedInputs,
                    Words.count(rules, "rule")));
        } else {
            Part p = parts.get(0);
            sb.append(String.format(Words.NUMBERS, "check: %s, %d passed, %d failed%s%s%n",
                    Words.count(p.verdicts().size(), "rule"),
                    p.verdicts().size() - p.failed(), p.failed(), p.unread().isEmpty() ? ""
                            : String.format(Words.NUMBERS, "; %d %s not read, so the check fails", p.unread().size(),
                                    p.unread().size() == 1 ? "input" : "inputs"),
                    p.warnings().isEmpty() ? "" : "; the inputs read have warnings (WARN): the figures may lack"
                            + " what they name"));
        }
        return sb.toString();
    }

    /**
     * The version of check's JSON: 2 since {@code measured} is in the rule's own unit (ms or s for delays, % for
     * shares and ratios) with {@code unit} beside it; it was in nanoseconds for delays before.
     */
    public static final int CHECK_SCHEMA_VERSION = 2;

    private static void json(List<Part> parts, boolean passed, Writer out) throws IOException {
        // The caller closes the output: the generator only flushes it.
        JsonFactory json = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        try (JsonGenerator g = json.createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("schemaVersion", CHECK_SCHEMA_VERSION);
            g.writeBooleanField("passed", passed);
            if (parts.get(0).input() == null) {
                writeVerdicts(g, parts.get(0).verdicts());
                writeWarnings(g, parts.get(0).warnings());
                g.writeArrayFieldStart("unreadable");
                for (Unread u : parts.get(0).unread()) {
                    g.writeStartObject();
                    g.writeStringField("input", u.input());
                    g.writeStringField("error", u.error());
                    g.writeEndObject();
                }
                g.writeEndArray();
            } else {
                g.writeArrayFieldStart("inputs");
                for (Part p : parts) {
                    g.writeStartObject();
                    g.writeStringField("input", p.input());
                    g.writeBooleanField("passed", p.passed());
                    g.writeStringField("error", p.error());
                    writeVerdicts(g, p.verdicts());
                    writeWarnings(g, p.warnings());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeWarnings(JsonGenerator g, List<String> warnings) throws IOException {
        g.writeArrayFieldStart("warnings");
        for (String w : warnings) {
            g.writeString(w);
        }
        g.writeEndArray();
    }

    private static void writeVerdicts(JsonGenerator g, List<Check.Verdict> verdicts) throws IOException {
        g.writeArrayFieldStart("rules");
        for (Check.Verdict v : verdicts) {
            g.writeStartObject();
            g.writeStringField("rule", v.rule().text());
            g.writeBooleanField("passed", v.passed());
            if (Double.isNaN(v.measured())) {
                g.writeNullField("measured");
            } else {
                g.writeNumberField("measured", v.inRuleUnit());
            }
            g.writeStringField("unit", v.unit());
            g.writeStringField("measuredText", v.measuredText());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** JUnit XML: one test suite per part, one test case per rule; an unreadable input is an error. */
    private static void junit(List<Part> parts, Writer out) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            boolean several = parts.size() > 1 || parts.get(0).input() != null;
            if (several) {
                x.writeStartElement("testsuites");
                x.writeCharacters("\n");
            }
            for (Part p : parts) {
                x.writeStartElement("testsuite");
                x.writeAttribute("name", xmlSafe("sip-analyzer check" + (p.input() != null ? ": " + p.input() : "")));
                x.writeAttribute("tests",
                        Integer.toString((p.error() != null ? 1 : p.verdicts().size()) + p.unread().size()));
                x.writeAttribute("failures", Long.toString(p.failed()));
                x.writeAttribute("errors", Integer.toString((p.error() != null ? 1 : 0) + p.unread().size()));
                x.writeAttribute("skipped", "0");
                x.writeCharacters("\n");
                if (p.error() != null) {
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", "sip-analyzer.check");
                    x.writeAttribute("name", "read " + xmlSafe(p.input()));
                    x.writeStartElement("error");
                    x.writeAttribute("message", xmlSafe(p.error()));
                    x.writeCharacters(xmlSafe(p.input() + ": " + p.error()));
                    x.writeEndElement();
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                for (Unread u : p.unread()) {
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", "sip-analyzer.check");
                    x.writeAttribute("name", "read " + xmlSafe(u.input()));
                    x.writeStartElement("error");
                    x.writeAttribute("message", xmlSafe(u.error()));
                    x.writeCharacters(xmlSafe(u.input() + ": " + u.error()));
                    x.writeEndElement();
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                for (Check.Verdict v : p.verdicts()) {
                    x.writeStartElement("testcase");
                    x.writeAttribute("classname", "sip-analyzer.check");
                    x.writeAttribute("name", xmlSafe(v.rule().text()));
                    if (!v.passed()) {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", "measured " + v.measuredText());
                        x.writeCharacters(xmlSafe(v.rule().text() + " failed: measured " + v.measuredText() + " over "
                                + p.title()));
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                if (!p.warnings().isEmpty()) {
                    // Where CI servers show what a suite printed: what the figures may lack.
                    x.writeStartElement("system-err");
                    x.writeCharacters(xmlSafe(String.join("\n", p.warnings())));
                    x.writeEndElement();
                    x.writeCharacters("\n");
                }
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            if (several) {
                x.writeEndElement();
                x.writeCharacters("\n");
            }
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    /**
     * Text that XML 1.0 can hold and a CI server shows as it is: control characters other than tab and line feed,
     * and bidirectional formatting characters ({@link TextSafe#isHidden}), become U+FFFD.
     */
    private static String xmlSafe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c != '\t' && c != '\n' && TextSafe.isHidden(c) || c == 0xfffe || c == 0xffff ? '\uFFFD' : c);
        }
        return sb.toString();
    }
}
