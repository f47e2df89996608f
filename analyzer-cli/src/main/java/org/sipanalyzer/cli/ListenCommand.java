package org.sipanalyzer.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.analysis.StopSignal;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.live.HepListener;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.report.TextSafe;

/**
 * {@code sip-analyzer listen}: a HEP collector, as heplify-server is one. What Kamailio, OpenSIPS, FreeSWITCH or a
 * heplify agent sends is analysed as it comes (one JSON line of figures per interval), until SIGINT, SIGTERM or
 * {@code --duration}; then the whole report is written, as {@code analyze} writes it.
 */
final class ListenCommand implements Command {

    /** The version of the rolling JSON lines' layout (docs/cli.md). */
    static final int LINES_SCHEMA_VERSION = 1;

    @Override
    public String name() {
        return "listen";
    }

    @Override
    public String arguments() {
        return "(no files: what arrives on the --hep addresses)";
    }

    @Override
    public String summary() {
        return "Collect HEP (v1-v3) from Kamailio, OpenSIPS, FreeSWITCH or heplify agents, report as it comes, and"
                + " write the whole report at Ctrl-C or after --duration.";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("hep").hasArg().argName("WHERE")
                .desc("Listen for HEP at WHERE: udp:9060, tcp:9061, udp:127.0.0.1:9060; repeat for more.").get());
        o.addOption(Option.builder().longOpt("write").hasArg().argName("FILE")
                .desc("Also keep what arrives as a pcapng capture in FILE (each HEP packet as the datagram it came"
                        + " in).").get());
        o.addOption(Option.builder().longOpt("duration").hasArg().argName("SECONDS")
                .desc("Stop after SECONDS (default: at SIGINT or SIGTERM).").get());
        o.addOption(Option.builder().longOpt("interval").hasArg().argName("SECONDS")
                .desc("Write one line of figures every SECONDS to standard error (default 10; 0 for none).").get());
        o.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("Format of the final report: text (default), json, csv, markdown, html or sql.").get());
        o.addOption(Option.builder("o").longOpt("output").hasArg().argName("FILE")
                .desc("Write the final report to FILE instead of standard output.").get());
        CallOptionsParser.addOptions(o);
        return o;
    }

    @Override
    public List<String> values(String longOption) {
        return longOption.equals("format") ? AnalysisReport.FORMATS.stream().map(OutputFormat::word).toList()
                : List.of();
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        if (!line.getArgList().isEmpty()) {
            throw new UsageException("listen: takes no files; it analyses what arrives on --hep (analyze reads files)");
        }
        if (!line.hasOption("hep")) {
            throw new UsageException("listen: say where to listen, e.g. --hep udp:9060");
        }
        OutputFormat format = Formats.parse(line.getOptionValue("format", "text"), AnalysisReport.FORMATS, name());
        List<HepListener.Bind> binds = new ArrayList<>();
        for (String spec : line.getOptionValues("hep")) {
            try {
                binds.add(HepListener.Bind.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new UsageException("listen: " + TextSafe.of(e.getMessage()));
            }
        }
        int interval = line.hasOption("interval") ? AnalysisArgs.intOption(line, "interval", 0, 86_400, name()) : 10;
        int duration = line.hasOption("duration") ? AnalysisArgs.intOption(line, "duration", 1, 366 * 86_400, name())
                : 0;
        OutputStream tee = null;
        if (line.hasOption("write")) {
            Path file = Path.of(line.getOptionValue("write"));
            try {
                tee = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            } catch (IOException e) {
                throw new UsageException("listen: cannot write " + TextSafe.of(file.toString()) + ": "
                        + Output.describe(e));
            }
        }
        HepListener listener;
        try {
            listener = new HepListener(binds, tee);
        } catch (IOException e) {
            closeQuietly(tee);
            throw new UsageException("listen: cannot listen on " + TextSafe.of(binds.toString()) + ": "
                    + Output.describe(e) + " (a port under 1024 needs the capability cap_net_bind_service)");
        }
        console.err().println(Main.PROGRAM + ": listening for HEP on " + listener.bound() + "; Ctrl-C ends the input"
                + " and writes the report");
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
        // The listener ends its capture when the analysis is stopped; the analysis ends when the capture does.
        Thread closer = new Thread(() -> {
            while (!stop.requested()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            listener.close();
        }, "sip-analyzer-listen-stop");
        closer.setDaemon(true);
        closer.start();
        SipAnalysis analysis = new SipAnalysis(Catalogue.standard(), AnalysisArgs.options(line, name()),
                CallOptionsParser.parse(line, name())).withStop(stop)
                .withFailedCalls(format == OutputFormat.HTML || format == OutputFormat.MARKDOWN);
        if (interval > 0) {
            analysis.withSnapshots(Duration.ofSeconds(interval), s -> {
                console.err().println(line(s, listener));
                console.err().flush();
            });
        }
        SipAnalysis.Result run;
        try {
            run = AnalysisArgs.run(analysis, List.of(AnalysisInput.live("hep", listener.capture())), name());
        } finally {
            listener.close();
            closer.interrupt();
            if (timer != null) {
                timer.cancel();
            }
            closeQuietly(tee);
        }
        if (listener.dropped() > 0 || listener.refused() > 0) {
            console.err().println(Main.PROGRAM + ": listen: " + listener.dropped() + " HEP packets dropped (the analysis"
                    + " fell behind, or a packet over 65,507 bytes), " + listener.refused()
                    + " TCP senders refused (past 256 at once, or not sending HEP3)");
        }
        AnalysisReport report = new AnalysisReport(run.analysis(), run.calls()).withFailedCalls(run.failedCalls())
                .withLadders(run.ladders()).withMetrics(run.metrics());
        try (Writer out = Output.buffered(Output.open(line.getOptionValue("output"), console))) {
            report.write(format, out, console.width());
        }
        return ExitCode.OK;
    }

    /**
     * One line of figures, as JSON: {@code {"schemaVersion":1,"time":...,"elapsedSeconds":...,"hepPackets":...,
     * "dropped":...,"metrics":{"messages":...,"asr":...}}}; a metric with nothing to measure is null.
     */
    static String line(SipAnalysis.Snapshot s, HepListener listener) {
        StringWriter w = new StringWriter();
        JsonFactory f = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        try (JsonGenerator g = f.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", LINES_SCHEMA_VERSION);
            g.writeStringField("time", s.at().toString());
            g.writeNumberField("elapsedSeconds", s.elapsed().toMillis() / 1000.0);
            if (listener != null) {
                g.writeNumberField("hepPackets", listener.packets());
                g.writeNumberField("dropped", listener.dropped());
            }
            g.writeObjectFieldStart("metrics");
            for (MetricRegistry.Metric m : s.metrics().all()) {
                double v = m.kind() == MetricRegistry.Kind.DELAY ? m.value() / 1e6 : m.value();
                if (Double.isNaN(v)) {
                    g.writeNullField(m.name());
                } else if (m.kind() == MetricRegistry.Kind.COUNT) {
                    g.writeNumberField(m.name(), (long) v);
                } else {
                    g.writeNumberField(m.name(), Math.round(v * 1000) / 1000.0);
                }
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString();
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
