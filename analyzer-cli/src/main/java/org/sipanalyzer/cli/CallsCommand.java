package org.sipanalyzer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.analysis.StatisticsListener;
import org.sipanalyzer.calls.CallSpool;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.CallsReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.report.TextSafe;

/** {@code sip-analyzer calls}: one row per call, filterable; or one call's messages as a ladder diagram. */
final class CallsCommand implements Command {

    /** Messages kept for one ladder. */
    static final int MAX_LADDER_MESSAGES = 10_000;

    @Override
    public String name() {
        return "calls";
    }

    @Override
    public String arguments() {
        return "FILE...";
    }

    @Override
    public String summary() {
        return "List calls, one row each (outcome, final code and meaning, PDD, setup, duration...), or draw one as"
                + " a ladder with --call-id.";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("Output format: text (default), csv, json or sql (SQLite and PostgreSQL).").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write to FILE instead of standard output.").get());
        o.addOption(Option.builder().longOpt("outcome").hasArg().argName("OUTCOME")
                .desc("Only calls with these outcomes (comma-separated or repeated): answered, busy, declined,"
                        + " forbidden, notFound, unavailable, cancelled, redirected, timeout, failed.").get());
        o.addOption(Option.builder().longOpt("min-pdd").hasArg().argName("DURATION")
                .desc("Only calls whose post-dial delay is at least DURATION (e.g. 500ms, 2s, 1.5s).").get());
        o.addOption(Option.builder().longOpt("call-id").hasArg().argName("ID")
                .desc("Draw the messages of the call with this Call-ID as a ladder diagram.").get());
        AnalysisArgs.addOptions(o);
        AnalysisArgs.addAnalysisIdOption(o);
        return o;
    }

    @Override
    public List<String> values(String longOption) {
        return switch (longOption) {
            case "format" -> CallsReport.FORMATS.stream().map(OutputFormat::word).toList();
            case "outcome" -> java.util.Arrays.stream(CallOutcome.values()).map(CallOutcome::word).toList();
            default -> List.of();
        };
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        var options = AnalysisArgs.options(line, name());
        List<AnalysisInput> inputs = AnalysisArgs.inputs(line, name());
        if (line.hasOption("call-id")) {
            return ladder(line, console, options, inputs);
        }
        OutputFormat format = Formats.parse(line.getOptionValue("format", "text"), CallsReport.FORMATS, name());
        Set<CallOutcome> outcomes = outcomes(line);
        long minPdd = line.hasOption("min-pdd") ? duration(line.getOptionValue("min-pdd")) : -1;
        // Calls finish in the order their transactions end, not in the order they started: the spool sorts
        // them with bounded memory (on disk past CallSpool.DEFAULT_IN_MEMORY calls).
        try (CallSpool rows = new CallSpool()) {
            SipAnalysis analysis = new SipAnalysis(Catalogue.standard(), options, CallOptionsParser.parse(line, name()))
                    .withFilter(AnalysisArgs.filter(line, name())).withStop(Signals.stop())
                    .withProgress(AnalysisArgs.progress(line, console, inputs.size())).withCallSink(c -> {
                        if (outcomes.contains(c.outcome()) && (minPdd < 0 || c.pdd().orElse(-1) >= minPdd)) {
                            rows.add(c);
                        }
                    });
            AnalysisResult result = AnalysisArgs.run(analysis, inputs, name()).analysis();
            AnalysisArgs.checkReadable(result, console, name());
            AnalysisArgs.reportWarnings(result, console);
            if (AnalysisArgs.filterLine(result) != null) {
                console.err().println(Main.PROGRAM + ": calls: " + AnalysisArgs.filterLine(result));
            }
            try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
                new CallsReport(rows, inputs.stream().map(AnalysisInput::name).toList(), Catalogue.standard())
                        .withAnalysisId(AnalysisArgs.analysisId(line, inputs)).write(format, out, console.width());
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return ExitCode.OK;
    }

    private ExitCode ladder(CommandLine line, Console console, org.sipanalyzer.analysis.AnalysisOptions options,
            List<AnalysisInput> inputs) throws UsageException, IOException {
        String callId = line.getOptionValue("call-id");
        List<SipEvent> events = new ArrayList<>();
        StatisticsListener collect = new StatisticsListener() {
            @Override
            public String name() {
                return "ladder";
            }

            @Override
            public void onEvent(SipEvent e) {
                if (callId.equals(e.message().callId()) && events.size() < MAX_LADDER_MESSAGES) {
                    events.add(e);
                }
            }
        };
        AnalysisResult result = new Analyzer(Catalogue.standard(), options.withThreads(1)).analyze(inputs,
                List.of(collect));
        AnalysisArgs.checkReadable(result, console, name());
        AnalysisArgs.reportWarnings(result, console);
        if (events.isEmpty()) {
            throw new UsageException("calls: no message with Call-ID '" + TextSafe.of(callId) + "' in the inputs; list"
                    + " the calls without --call-id to see their Call-IDs");
        }
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            out.write(CallsReport.ladder(callId, events, console.width()));
        }
        return ExitCode.OK;
    }

    private static Set<CallOutcome> outcomes(CommandLine line) throws UsageException {
        if (!line.hasOption("outcome")) {
            return EnumSet.allOf(CallOutcome.class);
        }
        Set<CallOutcome> set = EnumSet.noneOf(CallOutcome.class);
        for (String v : String.join(",", line.getOptionValues("outcome")).split(",")) {
            if (v.isBlank()) {
                continue;
            }
            set.add(CallOutcome.parse(v).orElseThrow(() -> new UsageException("calls: unknown outcome '"
                    + TextSafe.of(v) + "'; use answered, busy, declined, forbidden, notFound, unavailable, cancelled,"
                    + " redirected, timeout or failed")));
        }
        return set;
    }

    /**
     * Parses 500ms, 2s or 1.5s into nanoseconds. The unit is required, as in a rule of {@code check} ('pdd.p95 <=
     * 2s'): a bare 2 could mean either.
     */
    static long duration(String v) throws UsageException {
        String s = v.trim().toLowerCase(Locale.ROOT);
        double factor;
        if (s.endsWith("ms")) {
            factor = 1e6;
            s = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s")) {
            factor = 1e9;
            s = s.substring(0, s.length() - 1);
        } else {
            throw new UsageException("calls: --min-pdd needs a unit, ms or s, as a check rule does: '"
                    + TextSafe.of(v) + "ms' or '" + TextSafe.of(v) + "s'");
        }
        try {
            double d = Double.parseDouble(s.trim());
            if (d >= 0 && d < 1e6) {
                return (long) (d * factor);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("calls: --min-pdd takes a duration such as 500ms, 2s or 1.5s, not '" + TextSafe.of(v)
                + "'");
    }
}
