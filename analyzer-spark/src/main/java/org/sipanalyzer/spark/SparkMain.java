package org.sipanalyzer.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.OutputFormat;
import org.sipanalyzer.report.SqlReport;

/**
 * {@code spark-submit --class org.sipanalyzer.spark.SparkMain sip-analyzer-spark.jar INPUT... [-f FORMAT] [-o URI]
 * [--group REGEX]}:
 * the report {@code sip-analyzer analyze} writes, of files on a cluster's file systems. Exit codes as the command
 * line's: 0 when the report was written, 2 for a usage or I/O error (one line on standard error).
 */
public final class SparkMain {

    static final String PROGRAM = "sip-analyzer-spark";

    private SparkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, null));
    }

    /**
     * One run; never exits. {@code master} overrides spark-submit's (tests run {@code local[2]}); null keeps it.
     *
     * @return the exit code
     */
    static int run(String[] args, PrintStream out, PrintStream err, String master) {
        Options options = new Options();
        options.addOption(Option.builder("f").longOpt("format").hasArg().argName("FORMAT")
                .desc("text, json, csv, markdown, html or sql (default text)").get());
        options.addOption(Option.builder("o").longOpt("output").hasArg().argName("URI")
                .desc("write the report there (any Hadoop file system) rather than to standard output").get());
        options.addOption(Option.builder().longOpt("batch-mb").hasArg().argName("MB")
                .desc("input per task, about (default 100)").get());
        options.addOption(Option.builder().longOpt("group").hasArg().argName("REGEX")
                .desc("read the files of one probe as one capture, in time order: files whose path REGEX matches,"
                        + " grouped by its first group").get());
        options.addOption(Option.builder().longOpt("table").hasArg().argName("TABLE")
                .desc("with -f csv, the table to write, as analyze's --table (default codes)").get());
        options.addOption(Option.builder().longOpt("analysis-id").hasArg().argName("ID")
                .desc("with -f sql, the analysis's key (default: from the inputs' names, sizes and times)").get());
        options.addOption(Option.builder("h").longOpt("help").desc("this help").get());
        CommandLine line;
        try {
            line = new DefaultParser().parse(options, args);
        } catch (ParseException e) {
            err.println(PROGRAM + ": " + e.getMessage() + "; see --help");
            return 2;
        }
        if (line.hasOption("help") || line.getArgList().isEmpty()) {
            PrintStream to = line.hasOption("help") ? out : err;
            java.io.PrintWriter pw = new java.io.PrintWriter(to);
            new HelpFormatter().printHelp(pw, 100, PROGRAM + " INPUT... [-f FORMAT] [-o URI]",
                    "Analyses captures and SIP logs on Spark: each INPUT a file, a directory or a glob of any"
                            + " Hadoop file system (hdfs://, s3a://, file:).", options, 2, 2, "");
            pw.flush();
            return line.hasOption("help") ? 0 : 2;
        }
        OutputFormat format = OutputFormat.parse(line.getOptionValue("format", "text")).orElse(null);
        if (format == null) {
            err.println(PROGRAM + ": unknown format '" + line.getOptionValue("format") + "'; use text, json, csv,"
                    + " markdown, html or sql");
            return 2;
        }
        AnalysisReport.CsvTable table = AnalysisReport.CsvTable.CODES;
        if (line.hasOption("table")) {
            table = AnalysisReport.CsvTable.of(line.getOptionValue("table")).orElse(null);
            if (table == null) {
                err.println(PROGRAM + ": unknown table '" + line.getOptionValue("table") + "'; use one of "
                        + java.util.Arrays.stream(AnalysisReport.CsvTable.values()).map(AnalysisReport.CsvTable::word)
                                .toList());
                return 2;
            }
        }
        long batchBytes;
        try {
            batchBytes = Long.parseLong(line.getOptionValue("batch-mb", "100")) << 20;
            if (batchBytes <= 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            err.println(PROGRAM + ": --batch-mb takes a positive number of megabytes");
            return 2;
        }
        // Spark's serialisation debugger cannot open the JDK's internals on Java 17; without it, a failure says what
        // could not be serialised.
        java.util.regex.Pattern group = null;
        if (line.hasOption("group")) {
            try {
                group = java.util.regex.Pattern.compile(line.getOptionValue("group"));
            } catch (java.util.regex.PatternSyntaxException e) {
                err.println(PROGRAM + ": --group: not a regular expression: " + e.getDescription());
                return 2;
            }
            if (group.matcher("").groupCount() < 1) {
                err.println(PROGRAM + ": --group needs a group in parentheses that names the probe, as in"
                        + " '.*/(probe[0-9]+)-[^/]*'");
                return 2;
            }
        }
        SparkConf conf = new SparkConf().setAppName("sip-analyzer").set("spark.serializer.extraDebugInfo", "false");
        if (master != null) {
            conf.setMaster(master).set("spark.driver.host", "127.0.0.1").set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.ui.enabled", "false");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            SparkAnalysis analysis = new SparkAnalysis(Catalogue.standard(), AnalysisOptions.defaults(),
                    CallOptions.defaults()).withBatchBytes(batchBytes)
                    .withFailedCalls(format == OutputFormat.MARKDOWN || format == OutputFormat.HTML);
            if (group != null) {
                analysis.withGroups(group);
            }
            List<SparkAnalysis.Entry> files = SparkAnalysis.list(sc.hadoopConfiguration(),
                    List.copyOf(line.getArgList()));
            SipAnalysis.Result r = analysis.runFiles(sc, files);
            AnalysisReport report = new AnalysisReport(r.analysis(), r.calls()).withFailedCalls(r.failedCalls())
                    .withLadders(r.ladders()).withMetrics(r.metrics()).withCsvTable(table);
            if (format == OutputFormat.SQL) {
                report.withAnalysisId(line.hasOption("analysis-id") ? line.getOptionValue("analysis-id").strip()
                        : SqlReport.analysisId(files.stream().map(f -> new SqlReport.InputIdentity(f.name(), f.size(),
                                f.modified())).toList()));
            }
            String uri = line.getOptionValue("output");
            if (uri == null) {
                Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                report.write(format, w, 100);
                w.flush();
            } else {
                Path p = new Path(uri);
                try (OutputStream o = p.getFileSystem(sc.hadoopConfiguration()).create(p, true);
                        Writer w = new OutputStreamWriter(o, StandardCharsets.UTF_8)) {
                    report.write(format, w, 100);
                }
            }
            return 0;
        } catch (IOException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            return 2;
        }
    }
}
