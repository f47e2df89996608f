package org.sipanalyzer.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.Charts;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.report.TextSafe;

/** {@code sip-analyzer analyze}: finds every SIP message in captures and reports responses and calls. */
final class AnalyzeCommand implements Command {

    private static final String TABLES = String.join(", ",
            java.util.Arrays.stream(AnalysisReport.CsvTable.values()).map(AnalysisReport.CsvTable::word).toList());

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String arguments() {
        return "FILE|DIR... (captures: pcap, pcapng, ERF, NetMon; text logs with SIP; plain or gzip; - for stdin)";
    }

    @Override
    public String summary() {
        return "Find every SIP message in captures and logs, and report responses by class, code and method,"
                + " and calls by outcome with their KPIs.";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("Output format: text (default), json, csv, markdown, html or sql (SQLite and"
                        + " PostgreSQL).").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write to FILE instead of standard output.").get());
        o.addOption(Option.builder().longOpt("chart").hasArg().argName("FILE")
                .desc("Also draw responses by code into FILE (.png or .svg).").get());
        o.addOption(Option.builder().longOpt("time-chart").hasArg().argName("FILE")
                .desc("Also draw calls over time, stacked by outcome, into FILE (.png or .svg); --interval sets the"
                        + " bars' width.").get());
        o.addOption(Option.builder().longOpt("pdd-chart").hasArg().argName("FILE")
                .desc("Also draw the post-dial delays of the calls into FILE (.png or .svg).").get());
        o.addOption(Option.builder().longOpt("calls-chart").hasArg().argName("FILE")
                .desc("Also draw calls by outcome into FILE (.png or .svg).").get());
        o.addOption(Option.builder().longOpt("table").hasArg().argName("TABLE")
                .desc("With -f csv, the table to write: " + TABLES + " (codes by default).").get());
        o.addOption(Option.builder().longOpt("interval").hasArg().argName("SECONDS")
                .desc("Width of the calls-by-time buckets (default: chosen from the capture's span, about 60 buckets).")
                .get());
        AnalysisArgs.addOptions(o);
        AnalysisArgs.addAnalysisIdOption(o);
        return o;
    }

    @Override
    public java.util.List<String> values(String longOption) {
        return switch (longOption) {
            case "format" -> AnalysisReport.FORMATS.stream().map(org.sipanalyzer.report.OutputFormat::word).toList();
            case "table" -> java.util.Arrays.stream(AnalysisReport.CsvTable.values()).map(AnalysisReport.CsvTable::word)
                    .toList();
            default -> java.util.List.of();
        };
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        OutputFormat format = Formats.parse(line.getOptionValue("format", "text"), AnalysisReport.FORMATS, name());
        int interval = line.hasOption("interval") ? AnalysisArgs.intOption(line, "interval", 1, 86_400 * 7, name()) : 0;
        Charts.ImageFormat chart = chartFormat(line, "chart");
        Charts.ImageFormat callsChart = chartFormat(line, "calls-chart");
        Charts.ImageFormat timeChart = chartFormat(line, "time-chart");
        Charts.ImageFormat pddChart = chartFormat(line, "pdd-chart");
        AnalysisReport.CsvTable table = AnalysisReport.CsvTable.CODES;
        if (line.hasOption("table")) {
            String t = line.getOptionValue("table");
            if (format != OutputFormat.CSV) {
                throw new UsageException(name() + ": --table chooses a CSV table; add -f csv");
            }
            table = AnalysisReport.CsvTable.of(t).orElseThrow(() -> new UsageException(name() + ": unknown table '"
                    + TextSafe.of(t) + "'; use one of " + TABLES));
        }
        // Only the HTML and Markdown reports show failed calls one by one; only they need them kept.
        SipAnalysis.Result run = AnalysisArgs.analyse(line, console, name(),
                format == OutputFormat.HTML || format == OutputFormat.MARKDOWN);
        AnalysisReport report = new AnalysisReport(run.analysis(), run.calls()).withInterval(interval)
                .withCsvTable(table).withFailedCalls(run.failedCalls()).withLadders(run.ladders())
                .withMetrics(run.metrics());
        if (format == OutputFormat.SQL) {
            report.withAnalysisId(AnalysisArgs.analysisId(line, AnalysisArgs.inputs(line, name())));
        }
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            report.write(format, out, console.width());
        }
        if (format == OutputFormat.CSV || format == OutputFormat.SQL) {
            // A table has no room for what a damaged input may lack; nothing is lost silently, so it is said here.
            AnalysisArgs.reportWarnings(run.analysis(), console);
        }
        if (format == OutputFormat.CSV && table != AnalysisReport.CsvTable.INPUTS) {
            // Nor for what was skipped.
            console.err().println(Main.PROGRAM + ": " + report.summaryLine());
            if (AnalysisArgs.filterLine(run.analysis()) != null) {
                console.err().println(Main.PROGRAM + ": " + AnalysisArgs.filterLine(run.analysis()));
            }
        }
        if (chart != null) {
            writeChart(Charts.responsesByCode(run.analysis().total()), chart, line.getOptionValue("chart"));
        }
        if (callsChart != null) {
            writeChart(Charts.callsByOutcome(run.calls()), callsChart, line.getOptionValue("calls-chart"));
        }
        if (timeChart != null) {
            writeChart(Charts.callsOverTime(run.calls(), interval, Charts.MAX_TIME_BARS), timeChart,
                    line.getOptionValue("time-chart"));
        }
        if (pddChart != null) {
            writeChart(Charts.pddDistribution(run.calls()), pddChart, line.getOptionValue("pdd-chart"));
        }
        return ExitCode.OK;
    }

    private Charts.ImageFormat chartFormat(CommandLine line, String option) throws UsageException {
        if (!line.hasOption(option)) {
            return null;
        }
        String file = line.getOptionValue(option);
        return Charts.ImageFormat.of(file).orElseThrow(() -> new UsageException(name() + ": --" + option
                + " needs a file name ending in .png or .svg, not '" + TextSafe.of(file) + "'"));
    }

    private static void writeChart(org.jfree.chart.JFreeChart chart, Charts.ImageFormat format, String file)
            throws UsageException {
        System.setProperty("java.awt.headless", "true");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(file)))) {
            Charts.write(chart, format, out);
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot write " + TextSafe.of(file) + ": " + Output.describe(e)
                    + "; choose a writable path");
        }
    }
}
