package org.sipanalyzer.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.check.Check;
import org.sipanalyzer.check.Metrics;
import org.sipanalyzer.check.Rule;
import org.sipanalyzer.report.Words;

/**
 * {@code sip-analyzer check}: the CI gate. Analyses the inputs, checks every rule, prints each verdict with
 * the value measured, and exits 1 when any rule fails (0 when all pass, 2 on a bad rule or no readable input).
 */
final class CheckCommand implements Command {

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String arguments() {
        return "FILE...";
    }

    @Override
    public String summary() {
        return "Check captures or logs against rules such as 'asr >= 50' or 'code.503 == 0'; exit 1 when one fails.";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("r").longOpt("require").hasArg().argName("RULE")
                .desc("A rule METRIC OP VALUE; repeat for more (see docs/check.md).").get());
        o.addOption(Option.builder().longOpt("rules").hasArg().argName("FILE")
                .desc("Read rules from FILE, one a line; # starts a comment.").get());
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("Output format: text (default), json, or junit (JUnit XML for CI systems).").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write to FILE instead of standard output.").get());
        o.addOption(Option.builder().longOpt("each-input")
                .desc("Check every input on its own (each must pass) instead of all of them together.").get());
        AnalysisArgs.addOptions(o);
        return o;
    }

    @Override
    public List<String> values(String longOption) {
        return longOption.equals("format") ? List.of("text", "json", "junit") : List.of();
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        String format = line.getOptionValue("format", "text").toLowerCase(Locale.ROOT);
        if (!List.of("text", "json", "junit").contains(format)) {
            throw new UsageException("check: unknown format '" + TextSafe.of(format) + "'; use text, json or junit");
        }
        List<Rule> rules = rules(line);
        if (rules.isEmpty()) {
            throw new UsageException("check: no rule given; add --require 'asr >= 50' or --rules FILE");
        }
        List<Part> parts = new ArrayList<>();
        if (line.hasOption("each-input")) {
            for (AnalysisInput input : AnalysisArgs.inputs(line, name())) {
                AnalysisArgs.Run run = AnalysisArgs.analyse(line, name(), List.of(input));
                AnalysisArgs.reportUnreadable(run.result(), console);
                InputReport r = run.result().inputs().get(0);
                parts.add(r.readable()
                        ? new Part(r.name(), 1, verdicts(rules, run), null, List.of())
                        : new Part(r.name(), 1, List.of(), r.error(), List.of()));
            }
            if (parts.stream().allMatch(p -> p.error() != null)) {
                throw new UsageException(name() + ": no input could be read");
            }
        } else {
            AnalysisArgs.Run run = AnalysisArgs.analyse(line, console, name());
            if (run.filterLine() != null) {
                console.err().println(Main.PROGRAM + ": check: " + run.filterLine());
            }
            // An input that could not be read fails the gate: rules over what was read must not pass for all.
            List<Unread> unread = run.result().inputs().stream().filter(r -> !r.readable())
                    .map(r -> new Unread(r.name(), r.error())).toList();
            parts.add(new Part(null, run.result().inputs().size(),
                    verdicts(rules, run), null, unread));
        }
        boolean passed = parts.stream().allMatch(Part::passed);
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            switch (format) {
                case "json" -> json(parts, passed, out);
                case "junit" -> junit(parts, out);
                default -> out.write(text(parts));
            }
        }
        return passed ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private static List<Rule> rules(CommandLine line) throws UsageException {
        List<Rule> rules = new ArrayList<>();
        if (line.hasOption("require")) {
            for (String t : line.getOptionValues("require")) {
                rules.add(rule(t, "check: --require: "));
            }
        }
        if (line.hasOption("rules")) {
            Path file = Path.of(line.getOptionValue("rules"));
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("check: cannot read rules file " + TextSafe.of(file.toString()) + ": "
                        + Output.describe(e));
            }
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                int hash = l.indexOf('#');
                String r = (hash >= 0 ? l.substring(0, hash) : l).strip();
                if (!r.isEmpty()) {
                    rules.add(rule(r, "check: " + TextSafe.of(file.toString()) + " line " + (i + 1) + ": "));
                }
            }
        }
        return rules;
    }

    /** The verdicts of the rules on a run; a metric no tap published is a usage error (exit 2). */
    private static List<Check.Verdict> verdicts(List<Rule> rules, AnalysisArgs.Run run) throws UsageException {
        try {
            return Check.run(rules, new Metrics(run.metrics()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("check: " + TextSafe.of(e.getMessage(), 1_000));
        }
    }

    /** One rule, parsed and validated; what is wrong with it is said after {@code where}. */
    private static Rule rule(String text, String where) throws UsageException {
        try {
            Rule r = Rule.parse(text);
            Check.validate(r);
            return r;
        } catch (IllegalArgumentException e) {
            // The message quotes the rule (bounded by the core) and lists the metrics: longer than a quote.
            throw new UsageException(where + TextSafe.of(e.getMessage(), 1_000));
        }
    }

    /**
     * The verdicts over one input ({@code --each-input}) or over all of them together ({@code input} null);
     * {@code error} says why an input could not be read, and such an input has no verdicts and fails.
     */
    record Part(String input, int inputs, List<Check.Verdict> verdicts, String error, List<Unread> unread) {

        long failed() {
            return verdicts.stream().filter(v -> !v.passed()).count();
        }

        boolean passed() {
            return error == null && failed() == 0 && unread.isEmpty();
        }

        String title() {
            return input != null ? input : inputs + (inputs == 1 ? " input" : " inputs");
        }
    }

    /** An input of a pooled check that could not be read, and why. */
    record Unread(String input, String error) {
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
            for (Check.Verdict v : p.verdicts()) {
                sb.append(indent).append(v.passed() ? "PASS  " : "FAIL  ")
                        .append(String.format(Locale.ROOT, "%-" + w + "s", v.rule().text()))
                        .append("  measured ").append(v.measuredText()).append('\n');
            }
        }
        if (each) {
            long failedInputs = parts.stream().filter(p -> !p.passed()).count();
            int rules = parts.stream().filter(p -> p.error() == null).findFirst().map(p -> p.verdicts().size())
                    .orElse(0);
            sb.append(String.format(Locale.ROOT, "check: %s, %d passed, %d failed (%s each)%n",
                    Words.count(parts.size(), "input"), parts.size() - failedInputs, failedInputs,
                    Words.count(rules, "rule")));
        } else {
            Part p = parts.get(0);
            sb.append(String.format(Locale.ROOT, "check: %s, %d passed, %d failed%s%n",
                    Words.count(p.verdicts().size(), "rule"),
                    p.verdicts().size() - p.failed(), p.failed(), p.unread().isEmpty() ? ""
                            : String.format(Locale.ROOT, "; %d %s not read, so the check fails", p.unread().size(),
                                    p.unread().size() == 1 ? "input" : "inputs")));
        }
        return sb.toString();
    }

    /**
     * The version of check's JSON: 2 since {@code measured} is in the rule's own unit (ms or s for delays, % for
     * shares and ratios) with {@code unit} beside it; it was in nanoseconds for delays before.
     */
    static final int CHECK_SCHEMA_VERSION = 2;

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
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeRaw('\n');
        }
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
                x.writeAttribute("tests", Integer.toString((p.error() != null ? 1 : p.verdicts().size()) + p.unread().size()));
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

    /** Text that XML 1.0 can hold: control characters other than tab and line feed become U+FFFD. */
    private static String xmlSafe(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 && c != '\t' && c != '\n' || c == 0xfffe || c == 0xffff ? '\uFFFD' : c);
        }
        return sb.toString();
    }
}
