package org.sipanalyzer.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.StopSignal;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.live.LiveSource;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.LiveLine;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.report.TextSafe;

/**
 * What {@code listen} and {@code live} share: a source of live traffic made into a capture, analysed as it comes
 * with a line of figures per {@code --interval}, until a signal or {@code --duration}; then the whole report.
 */
final class LiveSession {

    /** The version of the rolling JSON lines' layout (docs/cli.md). */

    /** Opens a source, writing what it receives also to {@code tee} (or not, when null). */
    @FunctionalInterface
    interface Opener {
        LiveSource open(OutputStream tee) throws IOException;
    }

    private LiveSession() {
    }

    /** The values an option of both commands takes, for completion. */
    static List<String> values(String longOption) {
        return longOption.equals("format") ? AnalysisReport.FORMATS.stream().map(OutputFormat::word).toList()
                : List.of();
    }

    /** The options both commands take. */
    static void addOptions(Options o) {
        o.addOption(Option.builder().longOpt("write").hasArg().argName("FILE")
                .desc("Also keep what arrives as a pcapng capture in FILE.").get());
        o.addOption(Option.builder().longOpt("duration").hasArg().argName("SECONDS")
                .desc("Stop after SECONDS (default: at SIGINT or SIGTERM).").get());
        o.addOption(Option.builder().longOpt("interval").hasArg().argName("SECONDS")
                .desc("Every SECONDS, redraw a summary on standard error when it is a terminal, else write a JSON line"
                        + " of figures (default 10; 0 for neither).").get());
        o.addOption(Option.builder().longOpt("prometheus").hasArg().argName("HOST:PORT")
                .desc("Serve the figures for Prometheus at http://HOST:PORT/metrics (127.0.0.1:9464, or :9464 for every"
                        + " address).").get());
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("Format of the final report: text (default), json, csv, markdown, html or sql.").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write the final report to FILE instead of standard output.").get());
        CallOptionsParser.addOptions(o);
    }

    static ExitCode run(CommandLine line, Console console, String command, Opener opener, String inputName)
            throws UsageException, IOException {
        if (!line.getArgList().isEmpty()) {
            throw new UsageException(command + ": takes no files; it analyses live traffic (analyze reads files)");
        }
        OutputFormat format = Formats.parse(line.getOptionValue("format", "text"), AnalysisReport.FORMATS, command);
        int interval = line.hasOption("interval") ? AnalysisArgs.intOption(line, "interval", 0, 86_400, command) : 10;
        int duration = line.hasOption("duration")
                ? AnalysisArgs.intOption(line, "duration", 1, 366 * 86_400, command) : 0;
        java.net.InetSocketAddress prometheusAt = null;
        if (line.hasOption("prometheus")) {
            try {
                prometheusAt = PrometheusExport.parse(line.getOptionValue("prometheus"));
            } catch (IllegalArgumentException e) {
                throw new UsageException(command + ": " + TextSafe.of(e.getMessage()));
            }
        }
        OutputStream tee = null;
        if (line.hasOption("write")) {
            Path file = Path.of(line.getOptionValue("write"));
            try {
                tee = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            } catch (IOException e) {
                throw new UsageException(command + ": cannot write " + TextSafe.of(file.toString()) + ": "
                        + Output.describe(e));
            }
        }
        LiveSource source;
        try {
            source = opener.open(tee);
        } catch (IOException e) {
            closeQuietly(tee);
            throw new UsageException(command + ": " + TextSafe.of(e.getMessage(), 1_000));
        }
        PrometheusExport prometheus = null;
        if (prometheusAt != null) {
            try {
                prometheus = new PrometheusExport(prometheusAt, source);
            } catch (IOException e) {
                source.close();
                closeQuietly(tee);
                throw new UsageException(command + ": cannot serve metrics on " + TextSafe.of(prometheusAt.toString())
                        + ": " + Output.describe(e));
            }
        }
        console.err().println(Main.PROGRAM + ": " + source.describe() + (prometheus == null ? ""
                : "; metrics on http://" + prometheusAt.getHostString() + ":" + prometheus.port() + "/metrics")
                + "; Ctrl-C ends the input and writes the report");
        console.err().flush();
        StopSignal stop = Signals.fresh();
        java.util.Timer timer = null;
        if (duration > 0) {
            timer = new java.util.Timer("sip-analyzer-duration", true);
            timer.schedule(new java.util.TimerTask() {
                @Override
                public void run() {
                    stop.request("--duration " + duration);
                }
            }, duration * 1000L);
        }
        // The source ends its capture at a stop; the analysis ends when the capture does.
        stop.whenRequested(source::close);
        SipAnalysis analysis = new SipAnalysis(Catalogue.standard(), AnalysisArgs.options(line, command),
                CallOptionsParser.parse(line, command)).withStop(stop)
                .withFailedCalls(format == OutputFormat.HTML || format == OutputFormat.MARKDOWN);
        PrometheusExport exported = prometheus;
        // On a terminal, a summary redrawn in place (as top); elsewhere, one JSON line per interval.
        LiveSummary summary = console.err() == System.err && ProgressBar.stderrIsTerminal() ? new LiveSummary() : null;
        String what = source.describe();
        if (interval > 0 || exported != null) {
            // Prometheus is served the latest snapshot: every --interval, or every 5 s when no lines are asked for.
            analysis.withSnapshots(Duration.ofSeconds(interval > 0 ? interval : 5), s -> {
                if (exported != null) {
                    exported.update(s);
                }
                if (interval > 0 && summary != null) {
                    console.err().print("\033[H\033[2J" + summary.render(s, source, what));
                    console.err().flush();
                } else if (interval > 0) {
                    console.err().println(line(s, source));
                    console.err().flush();
                }
            });
        }
        SipAnalysis.Result run;
        try {
            run = AnalysisArgs.run(analysis, List.of(AnalysisInput.live(inputName, source.capture(), source::losses)),
                    command);
        } finally {
            source.close();
            if (prometheus != null) {
                prometheus.close();
            }
            if (timer != null) {
                timer.cancel();
            }
            closeQuietly(tee);
        }
        String losses = source.losses();
        if (losses != null) {
            console.err().println(Main.PROGRAM + ": " + command + ": " + losses);
        }
        AnalysisReport report = new AnalysisReport(run.analysis(), run.calls()).withFailedCalls(run.failedCalls())
                .withLadders(run.ladders()).withMetrics(run.metrics());
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            report.write(format, out, console.width());
        }
        return ExitCode.OK;
    }

    /** One line of figures, as JSON ({@link LiveLine}). */
    static String line(SipAnalysis.Snapshot s, LiveSource source) {
        return LiveLine.of(s.at(), s.elapsed(), source, s.metrics());
    }

    private static void closeQuietly(OutputStream out) {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // the capture file is incomplete; the report says what was analysed
            }
        }
    }
}
