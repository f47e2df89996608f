package org.sipanalyzer.cli;

import java.io.IOException;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.live.InterfaceCapture;

/**
 * {@code sip-analyzer live}: captures from a network interface (libpcap) and analyses as it comes, with a line of
 * figures per interval, until SIGINT, SIGTERM or {@code --duration}; then the whole report, as {@code analyze}
 * writes it.
 */
final class LiveCommand implements Command {

    @Override
    public String name() {
        return "live";
    }

    @Override
    public java.util.List<String> argumentValues() {
        return java.util.List.of();
    }

    @Override
    public String arguments() {
        return "(no files: what passes the -i interface)";
    }

    @Override
    public String summary() {
        return "Capture SIP from a network interface (libpcap), report as it comes, and write the whole report at"
                + " Ctrl-C or after --duration.";
    }

    @Override
    public Options options() {
        Options o = new Options();
        o.addOption(Option.builder("i").longOpt("interface").hasArg().argName("IFACE")
                .desc("The interface to capture on (eth0, lo, any).").get());
        o.addOption(Option.builder().longOpt("bpf").hasArg().argName("FILTER")
                .desc("A libpcap filter (default: every TCP, UDP and SCTP packet and every IP fragment; a filter on"
                        + " ports drops the fragments after the first).").get());
        LiveSession.addOptions(o);
        return o;
    }

    @Override
    public List<String> values(String longOption) {
        return LiveSession.values(longOption);
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        if (!line.hasOption("interface")) {
            throw new UsageException("live: say which interface to capture on, e.g. -i eth0");
        }
        String iface = line.getOptionValue("interface");
        String bpf = line.getOptionValue("bpf");
        return LiveSession.run(line, console, name(), tee -> new InterfaceCapture(iface, bpf, tee), iface);
    }
}
