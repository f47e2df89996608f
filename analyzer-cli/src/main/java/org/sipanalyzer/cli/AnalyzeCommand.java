package org.sipanalyzer.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.Analyzer;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.reassembly.ReassemblyLimits;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;

/** {@code sip-analyzer analyze}: finds every SIP message in captures and reports responses by class, code and method. */
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
                + " responses by class, code and method.";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("Output format: text (default), json or csv.").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write to FILE instead of standard output.").get());
        o.addOption(Option.builder().longOpt("strict")
                .desc("Also parse every message with JAIN-SIP and report those it rejects, and why.").get());
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                .desc("Analyse up to N inputs at once (default: the number of cores, at most 4).").get());
        o.addOption(Option.builder().longOpt("max-frame-bytes").hasArg().argName("BYTES")
                .desc("Largest captured frame accepted; a larger record is taken as corrupt (default 262144).").get());
        o.addOption(Option.builder().longOpt("retransmission-window").hasArg().argName("SECONDS")
                .desc("How long an identical message still counts as a retransmission (default 64).").get());
        o.addOption(Option.builder().longOpt("max-message-bytes").hasArg().argName("BYTES")
                .desc("Largest message taken from a TCP stream, WebSocket or HEP (default 262144).").get());
        o.addOption(Option.builder().longOpt("max-flow-bytes").hasArg().argName("BYTES")
                .desc("Bytes buffered per TCP direction (default 1048576).").get());
        o.addOption(Option.builder().longOpt("max-reassembly-bytes").hasArg().argName("BYTES")
                .desc("Bytes buffered by all reassembly of one input (default 67108864).").get());
        o.addOption(Option.builder().longOpt("max-flows").hasArg().argName("N")
                .desc("TCP directions followed at once (default 100000).").get());
        o.addOption(Option.builder().longOpt("flow-idle-timeout").hasArg().argName("SECONDS")
                .desc("Capture time after which a silent TCP direction is closed (default 300).").get());
        o.addOption(Option.builder().longOpt("fragment-timeout").hasArg().argName("SECONDS")
                .desc("Capture time after which an incomplete IP datagram is given up (default 30).").get());
        return o;
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        OutputFormat format = Formats.parse(line.getOptionValue("format", "text"), AnalysisReport.FORMATS, name());
        List<String> files = line.getArgList();
        if (files.isEmpty()) {
            throw new UsageException("analyze: no input given; name one or more capture files, or - for standard input");
        }
        AnalysisOptions options = AnalysisOptions.defaults().withStrict(line.hasOption("strict"));
        if (line.hasOption("threads")) {
            options = options.withThreads(intOption(line, "threads", 1, 64));
        }
        if (line.hasOption("max-frame-bytes")) {
            options = options.withMaxFrameBytes(intOption(line, "max-frame-bytes", 1024, 64 * 1024 * 1024));
        }
        if (line.hasOption("retransmission-window")) {
            options = options.withRetransmissionWindow(
                    Duration.ofSeconds(intOption(line, "retransmission-window", 0, 86_400)));
        }
        options = options.withReassembly(reassemblyLimits(line, options.reassembly()));
        List<AnalysisInput> inputs = new ArrayList<>();
        boolean stdin = false;
        for (String f : files) {
            if (f.equals("-")) {
                if (stdin) {
                    throw new UsageException("analyze: standard input (-) can be given only once");
                }
                stdin = true;
                inputs.add(AnalysisInput.stream("-", System.in));
            } else {
                inputs.add(AnalysisInput.file(Path.of(f)));
            }
        }
        AnalysisResult result = new Analyzer(Catalogue.standard(), options).analyze(inputs);
        for (InputReport r : result.inputs()) {
            if (!r.readable()) {
                console.err().println(Main.PROGRAM + ": " + TextSafe.of(r.name()) + ": " + TextSafe.of(r.error()));
            }
        }
        if (!result.anyReadable()) {
            throw new UsageException("analyze: no input could be read");
        }
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            new AnalysisReport(result).write(format, out, console.width());
        }
        return ExitCode.OK;
    }

    private ReassemblyLimits reassemblyLimits(CommandLine line, ReassemblyLimits r) throws UsageException {
        if (line.hasOption("max-message-bytes")) {
            r = r.withMaxMessageBytes(intOption(line, "max-message-bytes", 1024, 64 << 20));
        }
        if (line.hasOption("max-flow-bytes")) {
            r = r.withMaxBytesPerFlow(Math.max(r.maxMessageBytes(), intOption(line, "max-flow-bytes", 1024, 1 << 30)));
        }
        if (line.hasOption("max-reassembly-bytes")) {
            r = r.withMaxBytesTotal(Math.max(r.maxBytesPerFlow(),
                    intOption(line, "max-reassembly-bytes", 1024, Integer.MAX_VALUE)));
        }
        if (line.hasOption("max-flows")) {
            r = r.withMaxFlows(intOption(line, "max-flows", 1, 10_000_000));
        }
        if (line.hasOption("flow-idle-timeout")) {
            r = r.withFlowIdleTimeout(Duration.ofSeconds(intOption(line, "flow-idle-timeout", 1, 86_400)));
        }
        if (line.hasOption("fragment-timeout")) {
            r = r.withFragmentTimeout(Duration.ofSeconds(intOption(line, "fragment-timeout", 1, 3_600)));
        }
        return r;
    }

    private int intOption(CommandLine line, String name, int min, int max) throws UsageException {
        String v = line.getOptionValue(name);
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name() + ": --" + name + " takes a whole number from " + min + " to " + max + ", not '"
                + TextSafe.of(v) + "'");
    }
}
