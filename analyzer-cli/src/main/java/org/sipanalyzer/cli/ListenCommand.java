package org.sipanalyzer.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.live.HepListener;
import org.sipanalyzer.report.TextSafe;

/**
 * {@code sip-analyzer listen}: a HEP collector, as heplify-server is one. What Kamailio, OpenSIPS, FreeSWITCH or a
 * heplify agent sends is analysed as it comes (one JSON line of figures per interval), until SIGINT, SIGTERM or
 * {@code --duration}; then the whole report is written, as {@code analyze} writes it.
 */
final class ListenCommand implements Command {

    @Override
    public String name() {
        return "listen";
    }

    @Override
    public java.util.List<String> argumentValues() {
        return java.util.List.of();
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
        LiveSession.addOptions(o);
        return o;
    }

    @Override
    public List<String> values(String longOption) {
        return LiveSession.values(longOption);
    }

    @Override
    public ExitCode run(CommandLine line, Console console) throws UsageException, IOException {
        if (!line.hasOption("hep")) {
            throw new UsageException("listen: say where to listen, e.g. --hep udp:9060");
        }
        List<HepListener.Bind> binds = new ArrayList<>();
        for (String spec : line.getOptionValues("hep")) {
            try {
                binds.add(HepListener.Bind.parse(spec));
            } catch (IllegalArgumentException e) {
                throw new UsageException("listen: " + TextSafe.of(e.getMessage()));
            }
        }
        return LiveSession.run(line, console, name(), tee -> {
            try {
                return new HepListener(binds, tee);
            } catch (IOException e) {
                boolean privileged = binds.stream().anyMatch(b -> b.port() > 0 && b.port() < 1024);
                throw new IOException("cannot listen on " + binds + ": " + Output.describe(e)
                        + (e instanceof java.net.BindException && !privileged
                                ? " (is another collector on it? choose another port)"
                                : " (a port under 1024 needs the capability cap_net_bind_service)"), e);
            }
        }, "hep");
    }
}
