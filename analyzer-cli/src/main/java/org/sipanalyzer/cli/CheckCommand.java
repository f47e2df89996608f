package org.sipanalyzer.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.check.Check;
import org.sipanalyzer.check.Metrics;
import org.sipanalyzer.check.Rule;

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
        AnalysisArgs.addOptions(o);
        return o;
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
        AnalysisArgs.Run run = AnalysisArgs.analyse(line, console, name());
        List<Check.Verdict> verdicts = Check.run(rules, new Metrics(run.result(), run.calls()));
        long failed = verdicts.stream().filter(v -> !v.passed()).count();
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            switch (format) {
                case "json" -> out.write(json(verdicts, failed));
                case "junit" -> out.write(junit(verdicts, failed, run.result().inputs().size()));
                default -> out.write(text(verdicts, failed));
            }
        }
        return failed == 0 ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }

    private static List<Rule> rules(CommandLine line) throws UsageException {
        List<String> texts = new ArrayList<>();
        if (line.hasOption("require")) {
            texts.addAll(List.of(line.getOptionValues("require")));
        }
        if (line.hasOption("rules")) {
            Path file = Path.of(line.getOptionValue("rules"));
            try {
                for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int hash = l.indexOf('#');
                    String r = (hash >= 0 ? l.substring(0, hash) : l).strip();
                    if (!r.isEmpty()) {
                        texts.add(r);
                    }
                }
            } catch (IOException e) {
                throw new UsageException("check: cannot read rules file " + TextSafe.of(file.toString()) + ": "
                        + Output.describe(e));
            }
        }
        List<Rule> rules = new ArrayList<>();
        try {
            for (String t : texts) {
                rules.add(Rule.parse(t));
            }
            Check.validate(rules);
        } catch (IllegalArgumentException e) {
            throw new UsageException("check: " + TextSafe.of(e.getMessage()));
        }
        return rules;
    }

    private static String text(List<Check.Verdict> verdicts, long failed) {
        int w = verdicts.stream().mapToInt(v -> v.rule().text().length()).max().orElse(0);
        StringBuilder sb = new StringBuilder();
        for (Check.Verdict v : verdicts) {
            sb.append(v.passed() ? "PASS  " : "FAIL  ").append(String.format(Locale.ROOT, "%-" + w + "s", v.rule().text()))
                    .append("  measured ").append(v.measuredText()).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "check: %d rules, %d passed, %d failed%n", verdicts.size(),
                verdicts.size() - failed, failed));
        return sb.toString();
    }

    private static String json(List<Check.Verdict> verdicts, long failed) {
        StringBuilder sb = new StringBuilder("{\n  \"passed\" : ").append(failed == 0).append(",\n  \"rules\" : [");
        for (int i = 0; i < verdicts.size(); i++) {
            Check.Verdict v = verdicts.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    { \"rule\" : ").append(jsonString(v.rule().text()))
                    .append(", \"passed\" : ").append(v.passed())
                    .append(", \"measured\" : ").append(Double.isNaN(v.measured()) ? "null"
                            : Double.toString(v.measured()))
                    .append(", \"measuredText\" : ").append(jsonString(v.measuredText())).append(" }");
        }
        return sb.append("\n  ]\n}\n").toString();
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static String junit(List<Check.Verdict> verdicts, long failed, int inputs) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuite name=\"sip-analyzer check\" tests=\"").append(verdicts.size()).append("\" failures=\"")
                .append(failed).append("\" errors=\"0\" skipped=\"0\">\n");
        for (Check.Verdict v : verdicts) {
            sb.append("  <testcase classname=\"sip-analyzer.check\" name=\"").append(xml(v.rule().text())).append('"');
            if (v.passed()) {
                sb.append("/>\n");
            } else {
                sb.append(">\n    <failure message=\"measured ").append(xml(v.measuredText())).append("\">")
                        .append(xml(v.rule().text())).append(" failed: measured ").append(xml(v.measuredText()))
                        .append(" over ").append(inputs).append(inputs == 1 ? " input" : " inputs")
                        .append("</failure>\n  </testcase>\n");
            }
        }
        return sb.append("</testsuite>\n").toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
