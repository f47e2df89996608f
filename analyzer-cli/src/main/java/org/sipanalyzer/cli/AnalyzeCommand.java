package org.sipanalyzer.cli;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.calls.CallTracker;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;

/** {@code sip-analyzer analyze}: finds every SIP message in captures and reports responses and calls. */
final class AnalyzeCommand implements Command {

    @Override
    public String name() {
        return "analyze";
    }

    @Override
    public String arguments() {
        return "FILE... (pcap or pcapng, plain or gzip; - for standard input)";
    }

    @Override
    public String summary() {
        return "Find every SIP message in captures (UDP, TCP, WebSocket, HEP, tunnels, fragments) and report"
                + " responses by class, code and method, and calls by outcome with their KPIs.";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("Output format: text (default), json, csv, markdown or html.").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write to FILE instead of standard output.").get());
        o.addOption(Option.builder().longOpt("interval").hasArg().argName("SECONDS")
                .desc("Width of the calls-by-time buckets (default: chosen from the capture's span, about 60 buckets).")
                .get());
        AnalysisArgs.addOptions(o);
        return o;
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        OutputFormat format = Formats.parse(line.getOptionValue("format", "text"), AnalysisReport.FORMATS, name());
        int interval = line.hasOption("interval") ? AnalysisArgs.intOption(line, "interval", 1, 86_400 * 7, name()) : 0;
        var options = AnalysisArgs.options(line, name());
        var inputs = AnalysisArgs.inputs(line, name());
        CallTracker calls = new CallTracker(CallOptionsParser.parse(line, name()));
        AnalysisResult result = new Analyzer(Catalogue.standard(), options).analyze(inputs, List.of(calls));
        calls.finish();
        AnalysisArgs.checkReadable(result, console, name());
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            new AnalysisReport(result, calls.statistics()).withInterval(interval).write(format, out, console.width());
        }
        return ExitCode.OK;
    }
}
