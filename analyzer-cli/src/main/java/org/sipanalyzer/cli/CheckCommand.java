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
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.check.Check;
import org.sipanalyzer.check.Metrics;
import org.sipanalyzer.check.Rule;
import org.sipanalyzer.report.CheckReport;
import org.sipanalyzer.report.TextSafe;

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
        return longOption.equals("format") ? CheckReport.FORMATS : List.of();
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        String format = line.getOptionValue("format", "text").toLowerCase(Locale.ROOT);
        if (!CheckReport.FORMATS.contains(format)) {
            throw new UsageException("check: unknown format '" + TextSafe.of(format) + "'; use text, json or junit");
        }
        List<Rule> rules = rules(line);
        if (rules.isEmpty()) {
            throw new UsageException("check: no rule given; add --require 'asr >= 50' or --rules FILE");
        }
        List<CheckReport.Part> parts = new ArrayList<>();
        if (line.hasOption("each-input")) {
            for (AnalysisInput input : AnalysisArgs.inputs(line, name())) {
                SipAnalysis.Result run = AnalysisArgs.analyse(line, name(), List.of(input));
                AnalysisArgs.reportUnreadable(run.analysis(), console);
                InputReport r = run.analysis().inputs().get(0);
                parts.add(r.readable()
                        ? new CheckReport.Part(r.name(), 1, verdicts(rules, run), null, List.of(),
                                run.analysis().firstWarnings(AnalysisArgs.WARNINGS_SHOWN))
                        : new CheckReport.Part(r.name(), 1, List.of(), r.error(), List.of()));
            }
            if (parts.stream().allMatch(p -> p.error() != null)) {
                throw new UsageException(name() + ": no input could be read");
            }
        } else {
            SipAnalysis.Result run = AnalysisArgs.analyse(line, console, name());
            if (AnalysisArgs.filterLine(run.analysis()) != null) {
                console.err().println(Main.PROGRAM + ": check: " + AnalysisArgs.filterLine(run.analysis()));
            }
            // An input that could not be read fails the gate: rules over what was read must not pass for all.
            List<CheckReport.Unread> unread = run.analysis().inputs().stream().filter(r -> !r.readable())
                    .map(r -> new CheckReport.Unread(r.name(), r.error())).toList();
            parts.add(new CheckReport.Part(null, run.analysis().inputs().size(),
                    verdicts(rules, run), null, unread, run.analysis().firstWarnings(AnalysisArgs.WARNINGS_SHOWN)));
        }
        boolean passed = parts.stream().allMatch(CheckReport.Part::passed);
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            CheckReport.write(format, parts, passed, out);
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
    private static List<Check.Verdict> verdicts(List<Rule> rules, SipAnalysis.Result run) throws UsageException {
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
}
