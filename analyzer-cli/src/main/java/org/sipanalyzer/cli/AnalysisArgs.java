package org.sipanalyzer.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.analysis.AnalysisResult;
import org.sipanalyzer.analysis.CallFilter;
import org.sipanalyzer.analysis.InputReport;
import org.sipanalyzer.analysis.Progress;
import org.sipanalyzer.analysis.SipEvent;
import org.sipanalyzer.catalogue.Catalogue;
import org.sipanalyzer.catalogue.ResponseClass;
import org.sipanalyzer.net.ReassemblyLimits;
import org.sipanalyzer.net.Transport;
import org.sipanalyzer.report.AnalysisReport;
import org.sipanalyzer.report.TextSafe;

/** What {@code analyze}, {@code calls} and {@code check} share: the inputs, the options and the run of the analysis. */
final class AnalysisArgs {

    private AnalysisArgs() {
    }

    /** The filter options of analyze, calls and check (CallFilter): each keeps or drops calls whole. */
    static void addFilterOptions(Options o) {
        o.addOption(Option.builder().longOpt("from").hasArg().argName("TIME")
                .desc("Only calls with a message at or after TIME: 2026-11-27T03:25:10Z (UTC), or +90s, +5m, +1h"
                        + " from each input's first message.").get());
        o.addOption(Option.builder().longOpt("to").hasArg().argName("TIME")
                .desc("Only calls with a message before TIME (as --from).").get());
        o.addOption(Option.builder().longOpt("host").hasArg().argName("ADDRESS")
                .desc("Only calls with a message from or to ADDRESS (an IP or a CIDR range; comma-separated or"
                        + " repeated: any of them).").get());
        o.addOption(Option.builder().longOpt("src").hasArg().argName("ADDRESS")
                .desc("Only calls with a message sent from ADDRESS (IP or CIDR).").get());
        o.addOption(Option.builder().longOpt("dst").hasArg().argName("ADDRESS")
                .desc("Only calls with a message sent to ADDRESS (IP or CIDR).").get());
        o.addOption(Option.builder().longOpt("port").hasArg().argName("PORT")
                .desc("Only calls with a message from or to PORT (comma-separated or repeated).").get());
        o.addOption(Option.builder().longOpt("transport").hasArg().argName("TRANSPORT")
                .desc("Only calls with a message over udp, tcp, tls, sctp or ws.").get());
        o.addOption(Option.builder().longOpt("method").hasArg().argName("METHOD")
                .desc("Only calls with a request of METHOD, or a response to one (INVITE, REGISTER...).").get());
        o.addOption(Option.builder().longOpt("code").hasArg().argName("CODE")
                .desc("Only calls that met a response with CODE or of its class (486, 5xx; comma-separated).").get());
        o.addOption(Option.builder().longOpt("call-ids").hasArg().argName("GLOB")
                .desc("Only calls whose Call-ID matches GLOB (* and ?).").get());
        o.addOption(Option.builder().longOpt("match").hasArg().argName("HEADER~=REGEX")
                .desc("Only calls with a message whose header matches: 'User-Agent~=Polycom' (a regular expression,"
                        + " any case) or 'X-Tenant=acme' (contains); any header, full or compact name, or Request-URI;"
                        + " repeated, each must be met.").get());
    }

    private static final List<String> FILTERS = List.of("from", "to", "host", "src", "dst", "port", "transport",
            "method", "code", "call-ids", "match");

    /** The filter the command line asks for; empty without filter options. */
    static CallFilter filter(CommandLine line, String command) throws UsageException {
        List<CallFilter.Criterion> c = new ArrayList<>();
        try {
            timeCriterion(line, c);
            for (String side : List.of("host", "src", "dst")) {
                if (line.hasOption(side)) {
                    List<CallFilter.Cidr> ranges = new ArrayList<>();
                    for (String v : values(line, side)) {
                        ranges.add(CallFilter.Cidr.parse(v));
                    }
                    c.add(CallFilter.hosts(written(line, side), ranges, switch (side) {
                        case "src" -> CallFilter.Side.SOURCE;
                        case "dst" -> CallFilter.Side.DESTINATION;
                        default -> CallFilter.Side.EITHER;
                    }));
                }
            }
            if (line.hasOption("port")) {
                Set<Integer> ports = new HashSet<>();
                for (String v : values(line, "port")) {
                    int p = v.matches("\\d{1,5}") ? Integer.parseInt(v) : -1;
                    if (p < 0 || p > 65535) {
                        throw new IllegalArgumentException("a port is 0 to 65535, not " + v);
                    }
                    ports.add(p);
                }
                c.add(CallFilter.ports(written(line, "port"), ports));
            }
            if (line.hasOption("transport")) {
                Set<Transport> t = EnumSet.noneOf(
                        Transport.class);
                for (String v : values(line, "transport")) {
                    t.add(java.util.Arrays.stream(Transport.values())
                            .filter(x -> x.name().equalsIgnoreCase(v)).findFirst()
                            .orElseThrow(() -> new IllegalArgumentException(
                                    "a transport is udp, tcp, tls, sctp or ws, not " + v)));
                }
                c.add(CallFilter.transports(written(line, "transport"), t));
            }
            if (line.hasOption("method")) {
                Set<String> m = new HashSet<>();
                for (String v : values(line, "method")) {
                    m.add(v.toUpperCase(java.util.Locale.ROOT));
                }
                c.add(CallFilter.methods(written(line, "method"), m));
            }
            if (line.hasOption("code")) {
                Set<Integer> codes = new HashSet<>();
                Set<ResponseClass> classes = EnumSet.noneOf(
                        ResponseClass.class);
                for (String v : values(line, "code")) {
                    if (v.matches("[1-6]\\d\\d")) {
                        codes.add(Integer.parseInt(v));
                    } else {
                        classes.add(ResponseClass.parse(v).orElseThrow(() ->
                                new IllegalArgumentException("a code is 100 to 699 or a class 1xx to 6xx, not " + v)));
                    }
                }
                c.add(CallFilter.codes(written(line, "code"), codes, classes));
            }
            if (line.hasOption("call-ids")) {
                List<CallFilter.Criterion> any = new ArrayList<>();
                for (String g : line.getOptionValues("call-ids")) {
                    any.add(CallFilter.callId(g, g));
                }
                String w = written(line, "call-ids");
                c.add(new CallFilter.Criterion() {
                    @Override
                    public boolean test(SipEvent e, long start) {
                        return any.stream().anyMatch(x -> x.test(e, start));
                    }

                    @Override
                    public String describe() {
                        return w;
                    }
                });
            }
            if (line.hasOption("match")) {
                for (String m : line.getOptionValues("match")) {
                    c.add(CallFilter.header("--match '" + m + "'", m));
                }
            }
            return new CallFilter(c);
        } catch (IllegalArgumentException e) {
            throw new UsageException(command + ": " + TextSafe.of(e.getMessage()));
        }
    }

    private static List<String> values(CommandLine line, String option) {
        List<String> out = new ArrayList<>();
        for (String v : line.getOptionValues(option)) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static String written(CommandLine line, String option) {
        return "--" + option + " " + String.join(",", line.getOptionValues(option));
    }

    /** --from and --to: both absolute or both relative to each input's first message. */
    private static void timeCriterion(CommandLine line, List<CallFilter.Criterion> c) {
        String from = line.getOptionValue("from");
        String to = line.getOptionValue("to");
        if (from == null && to == null) {
            return;
        }
        boolean relFrom = from != null && from.strip().startsWith("+");
        boolean relTo = to != null && to.strip().startsWith("+");
        if (from != null && to != null && relFrom != relTo) {
            throw new IllegalArgumentException("--from and --to are both times (2026-11-27T03:25:10Z) or both offsets"
                    + " from the start (+5m)");
        }
        Long f = from == null ? null : instant(from);
        Long t = to == null ? null : instant(to);
        String w = (from == null ? "" : "--from " + from) + (from != null && to != null ? " " : "")
                + (to == null ? "" : "--to " + to);
        c.add(CallFilter.time(w, f, t, relFrom || relTo));
    }

    /** A time in nanoseconds: since the epoch for an ISO 8601 time (UTC unless it says), or an offset (+90s). */
    static long instant(String text) {
        String t = text.strip();
        if (t.startsWith("+")) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\+(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)").matcher(t);
            if (!m.matches()) {
                throw new IllegalArgumentException("'" + text
                        + "' is not an offset; write +500ms, +90s, +5m, +1h or +1d");
            }
            double unit = switch (m.group(2)) {
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                default -> 86400e9;
            };
            return (long) (Double.parseDouble(m.group(1)) * unit);
        }
        try {
            java.time.Instant i = t.matches(".*(Z|[+-]\\d\\d:?\\d\\d)$")
                    ? java.time.OffsetDateTime.parse(t.replace(' ', 'T')).toInstant()
                    : java.time.LocalDateTime.parse(t.replace(' ', 'T')).toInstant(java.time.ZoneOffset.UTC);
            return i.getEpochSecond() * 1_000_000_000L + i.getNano();
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time; write 2026-11-27T03:25:10Z, 2026-11-27"
                    + " 03:25:10 (UTC) or an offset such as +5m");
        }
    }

    static void addOptions(Options o) {
        addFilterOptions(o);
        o.addOption(Option.builder("q").longOpt("quiet")
                .desc("No progress bar on standard error (it is shown only when standard error is a terminal).").get());
        o.addOption(Option.builder().longOpt("strict")
                .desc("Also parse every message with JAIN-SIP and report those it rejects, and why.").get());
        o.addOption(Option.builder().longOpt("threads").hasArg().argName("N")
                .desc("Analyse up to N inputs at once (default 1; each needs its own memory: raise -Xmx with"
                        + " it).").get());
        o.addOption(Option.builder().longOpt("scan-threads").hasArg().argName("N")
                .desc("Threads that scan one input's SIP in parallel (default: the cores less one, at most 8; 1 on two"
                        + " cores or fewer, where the decoding and counting threads share the scanning).").get());
        o.addOption(Option.builder().longOpt("call-threads").hasArg().argName("N")
                .desc("Threads that follow one analysis's calls, each the calls of a share of the Call-IDs, with the"
                        + " results of one (default: 1 below four cores, then one more per four cores, at most 4, for"
                        + " inputs of 64 MB or more, 1 MB each on average; else 1).")
                .get());
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
        o.addOption(Option.builder().longOpt("max-decompressed-bytes").hasArg().argName("BYTES")
                .desc("Bytes a gzip input may expand to before reading stops with a warning (default 68719476736,"
                        + " 64 GiB; a suffix K, M, G or T may be used).").get());
        CallOptionsParser.addOptions(o);
    }

    static AnalysisOptions options(CommandLine line, String command) throws UsageException {
        AnalysisOptions options = AnalysisOptions.defaults().withStrict(line.hasOption("strict"));
        if (line.hasOption("threads")) {
            options = options.withThreads(intOption(line, "threads", 1, 64, command));
        }
        if (line.hasOption("scan-threads")) {
            options = options.withScanThreads(intOption(line, "scan-threads", 1, AnalysisOptions.MAX_SCAN_THREADS,
                    command));
        }
        if (line.hasOption("call-threads")) {
            options = options.withCallThreads(intOption(line, "call-threads", 1, AnalysisOptions.MAX_CALL_THREADS,
                    command));
        }
        if (line.hasOption("max-frame-bytes")) {
            options = options.withMaxFrameBytes(intOption(line, "max-frame-bytes", 1024, 64 * 1024 * 1024, command));
        }
        if (line.hasOption("retransmission-window")) {
            options = options.withRetransmissionWindow(
                    Duration.ofSeconds(intOption(line, "retransmission-window", 0, 86_400, command)));
        }
        ReassemblyLimits r = options.reassembly();
        if (line.hasOption("max-message-bytes")) {
            r = r.withMaxMessageBytes(intOption(line, "max-message-bytes", 1024, 64 << 20, command));
        }
        if (line.hasOption("max-flow-bytes")) {
            r = r.withMaxBytesPerFlow(Math.max(r.maxMessageBytes(),
                    intOption(line, "max-flow-bytes", 1024, 1 << 30, command)));
        }
        if (line.hasOption("max-reassembly-bytes")) {
            r = r.withMaxBytesTotal(Math.max(r.maxBytesPerFlow(),
                    intOption(line, "max-reassembly-bytes", 1024, Integer.MAX_VALUE, command)));
        }
        if (line.hasOption("max-flows")) {
            r = r.withMaxFlows(intOption(line, "max-flows", 1, 10_000_000, command));
        }
        if (line.hasOption("flow-idle-timeout")) {
            r = r.withFlowIdleTimeout(Duration.ofSeconds(intOption(line, "flow-idle-timeout", 1, 86_400, command)));
        }
        if (line.hasOption("fragment-timeout")) {
            r = r.withFragmentTimeout(Duration.ofSeconds(intOption(line, "fragment-timeout", 1, 3_600, command)));
        }
        if (line.hasOption("max-decompressed-bytes")) {
            options = options.withMaxDecompressedBytes(sizeOption(line, "max-decompressed-bytes", command));
        }
        return options.withReassembly(r);
    }

    /** {@code --analysis-id}, for the commands that write SQL. */
    static void addAnalysisIdOption(Options o) {
        o.addOption(Option.builder().longOpt("analysis-id").hasArg().argName("ID")
                .desc("With -f sql, the id rows are filed under (default: made from the inputs' names, sizes and"
                        + " times, so that loading an analysis of the same files again replaces its rows).").get());
    }

    /**
     * The id of an analysis in SQL: {@code --analysis-id}, else the first 16 hex digits of a SHA-256 of each input's
     * name, size and modification time (a stream: its name only), so that the same files give the same id.
     */
    static String analysisId(CommandLine line, List<AnalysisInput> inputs) throws UsageException {
        if (line.hasOption("analysis-id")) {
            String id = line.getOptionValue("analysis-id").strip();
            if (id.isEmpty() || id.length() > 200) {
                throw new UsageException("--analysis-id takes 1 to 200 characters");
            }
            return id;
        }
        List<org.sipanalyzer.report.SqlReport.InputIdentity> ids = new java.util.ArrayList<>();
        for (AnalysisInput in : inputs) {
            long size = -1;
            long modified = 0;
            try {
                Path p = Path.of(in.name());
                if (!in.name().equals("-") && Files.isRegularFile(p)) {
                    size = Files.size(p);
                    modified = Files.getLastModifiedTime(p).toMillis();
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                return "analysis";
            }
            ids.add(new org.sipanalyzer.report.SqlReport.InputIdentity(in.name(), size, modified));
        }
        return org.sipanalyzer.report.SqlReport.analysisId(ids);
    }

    /** A byte count from 1 MiB to 1 PiB, with an optional binary suffix: 500M, 64G, 2T. */
    static long sizeOption(CommandLine line, String name, String command) throws UsageException {
        String v = line.getOptionValue(name).trim();
        long unit = 1;
        if (!v.isEmpty()) {
            int shift = switch (Character.toUpperCase(v.charAt(v.length() - 1))) {
                case 'K' -> 10;
                case 'M' -> 20;
                case 'G' -> 30;
                case 'T' -> 40;
                default -> 0;
            };
            if (shift > 0) {
                unit = 1L << shift;
                v = v.substring(0, v.length() - 1);
            }
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n >= 1 && n <= (1L << 50) / unit && n * unit >= 1L << 20) {
                return n * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(command + ": --" + name + " takes a size from 1M to 1024T (e.g. 500M, 64G), not '"
                + TextSafe.of(line.getOptionValue(name)) + "'");
    }

    static List<AnalysisInput> inputs(CommandLine line, String command) throws UsageException {
        List<String> files = line.getArgList();
        if (files.isEmpty()) {
            throw new UsageException(command + ": no input given; name one or more capture files, or - for standard"
                    + " input");
        }
        List<AnalysisInput> inputs = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        boolean stdin = false;
        for (String f : files) {
            if (f.equals("-")) {
                if (stdin) {
                    throw new UsageException(command + ": standard input (-) can be given only once");
                }
                stdin = true;
                inputs.add(AnalysisInput.stream("-", System.in));
            } else if (Files.isDirectory(Path.of(f))) {
                List<Path> found = filesIn(Path.of(f), command);
                if (found.isEmpty()) {
                    throw new UsageException(command + ": " + TextSafe.of(f) + " is a directory with no files in it;"
                            + " name capture or log files, or a directory that holds them");
                }
                found.forEach(p -> inputs.add(AnalysisInput.file(p)));
                paths.addAll(found);
            } else {
                inputs.add(AnalysisInput.file(Path.of(f)));
                paths.add(Path.of(f));
            }
        }
        refuseOutputsThatAreInputs(line, command, paths);
        return inputs;
    }

    /** The options that name a file to write. */
    private static final List<String> OUTPUTS = List.of("output", "chart", "calls-chart", "time-chart", "pdd-chart");

    /**
     * Refuses, before anything is read, an output file that is one of the inputs (by any path or link to it):
     * writing the report would destroy the capture or log it came from.
     */
    private static void refuseOutputsThatAreInputs(CommandLine line, String command, List<Path> inputs)
            throws UsageException {
        for (String option : OUTPUTS) {
            String out = line.hasOption(option) ? line.getOptionValue(option) : null;
            if (out == null || out.equals("-") || !Files.exists(Path.of(out))) {
                continue;
            }
            for (Path in : inputs) {
                try {
                    if (Files.exists(in) && Files.isSameFile(Path.of(out), in)) {
                        throw new UsageException(command + ": --" + option + " " + TextSafe.of(out) + " is the input "
                                + TextSafe.of(in.toString())
                                + "; writing it would destroy the input: choose another path");
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // A path that cannot be compared is not the input; reading or writing it reports its own error.
                }
            }
        }
    }

    /** The most files taken from the directories named on the command line. */
    static final int MAX_FILES_FROM_DIRECTORIES = 100_000;

    /**
     * The regular files under {@code dir}, at any depth, in name order; hidden files and directories (a name
     * starting with a dot) are left out, as a shell's * would.
     */
    private static List<Path> filesIn(Path dir, String command) throws UsageException {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> files = walk.filter(p -> !isHidden(dir.relativize(p))).filter(Files::isRegularFile).sorted()
                    .limit(MAX_FILES_FROM_DIRECTORIES + 1L).toList();
            if (files.size() > MAX_FILES_FROM_DIRECTORIES) {
                throw new UsageException(command + ": " + TextSafe.of(dir.toString()) + " holds more than "
                        + MAX_FILES_FROM_DIRECTORIES + " files; name fewer, or its subdirectories one by one");
            }
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new UsageException(command + ": cannot list " + TextSafe.of(dir.toString()) + ": "
                    + TextSafe.of(String.valueOf(e.getMessage())) + "; check its permissions");
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** The filter's line for standard error ("filter --code 5xx: 812 messages and 57 calls left out"), or null. */
    static String filterLine(AnalysisResult result) {
        return result.filter().map(AnalysisReport::filterLine).orElse(null);
    }

    /**
     * Analyses the inputs named on the command line with its options, following calls, and reports inputs that
     * could not be read; fails when none could.
     */
    static SipAnalysis.Result analyse(CommandLine line, Console console, String command) throws UsageException {
        return analyse(line, console, command, false);
    }

    /** The same, also keeping the failed calls the HTML and Markdown reports show, when {@code failedCalls}. */
    static SipAnalysis.Result analyse(CommandLine line, Console console, String command, boolean failedCalls)
            throws UsageException {
        List<AnalysisInput> inputs = inputs(line, command);
        SipAnalysis.Result run = run(new SipAnalysis(Catalogue.standard(), options(line, command),
                CallOptionsParser.parse(line, command)).withFilter(filter(line, command)).withFailedCalls(failedCalls)
                .withStop(Signals.stop()).withProgress(progress(line, console, inputs.size())), inputs, command);
        checkReadable(run.analysis(), console, command);
        return run;
    }

    static SipAnalysis.Result analyse(CommandLine line, String command, List<AnalysisInput> inputs)
            throws UsageException {
        return analyse(line, command, inputs, false);
    }

    /**
     * Analyses the inputs given with the options on the command line (SipAnalysis); inputs that cannot be read are
     * in the result, marked so, and reported by nothing here.
     */
    static SipAnalysis.Result analyse(CommandLine line, String command, List<AnalysisInput> inputs,
            boolean failedCalls) throws UsageException {
        return run(new SipAnalysis(Catalogue.standard(), options(line, command), CallOptionsParser.parse(line, command))
                .withFilter(filter(line, command)).withFailedCalls(failedCalls).withStop(Signals.stop()),
                inputs, command);
    }

    /** A progress bar on standard error when it is the terminal's and --quiet is not given; else none. */
    static Progress progress(CommandLine line, Console console, int inputs) {
        boolean show = !line.hasOption("quiet") && console.err() == System.err && ProgressBar.stderrIsTerminal();
        return show ? new ProgressBar(console.err(), inputs, console.width()) : Progress.NONE;
    }

    /** Runs {@code analysis}; a stream that cannot be copied to be read twice is a usage error. */
    static SipAnalysis.Result run(SipAnalysis analysis, List<AnalysisInput> inputs, String command)
            throws UsageException {
        try {
            return analysis.run(inputs);
        } catch (IOException e) {
            throw new UsageException(command + ": " + TextSafe.of(e.getMessage()));
        }
    }

    /** Warnings of each input read that a report with no room for them shows, before it counts the rest. */
    static final int WARNINGS_SHOWN = 3;

    /**
     * Says on standard error what the figures of a report with no room for warnings (a CSV table, SQL, the calls)
     * may lack: the first warnings of each input read, as "sip-analyzer: warning: FILE: what". Nothing is lost
     * silently.
     */
    static void reportWarnings(AnalysisResult result, Console console) {
        for (String w : result.firstWarnings(WARNINGS_SHOWN)) {
            console.err().println(Main.PROGRAM + ": warning: " + TextSafe.of(w, 1_000));
        }
    }

    /** Reports unreadable inputs on standard error, one line each. */
    static void reportUnreadable(AnalysisResult result, Console console) {
        for (InputReport r : result.inputs()) {
            if (!r.readable()) {
                console.err().println(Main.PROGRAM + ": " + TextSafe.of(r.name()) + ": " + TextSafe.of(r.error()));
            }
        }
    }

    /** Reports unreadable inputs on standard error; fails when none could be read. */
    static void checkReadable(AnalysisResult result, Console console, String command) throws UsageException {
        reportUnreadable(result, console);
        if (!result.anyReadable()) {
            throw new UsageException(command + ": no input could be read");
        }
    }

    static int intOption(CommandLine line, String name, int min, int max, String command) throws UsageException {
        String v = line.getOptionValue(name);
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(command + ": --" + name + " takes a whole number from " + min + " to " + max
                + ", not '" + TextSafe.of(v) + "'");
    }
}
