package org.sipanalyzer.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.calls.KpiDefinitions;
import org.sipanalyzer.report.TextSafe;

/** The call-tracking options shared by {@code analyze} and {@code calls}. */
final class CallOptionsParser {

    private CallOptionsParser() {
    }

    static void addOptions(Options o) {
        o.addOption(Option.builder().longOpt("call-timeout").hasArg().argName("SECONDS")
                .desc("Capture time without a final response after which a call counts as timed out (default 180).")
                .get());
        o.addOption(Option.builder().longOpt("ner-codes").hasArg().argName("CODES")
                .desc("Final codes counted by NER besides 2xx, comma-separated (default "
                        + "404,480,484,486,487,600,603,604,607,608; see docs/kpis.md).").get());
        o.addOption(Option.builder().longOpt("delays-from").hasArg().argName("first|last")
                .desc("Measure PDD, SRD and set-up time from a call's last INVITE (default: the one the network"
                        + " served) or its first (what the caller waited, challenges included).").get());
    }

    static CallOptions parse(CommandLine line, String command) throws UsageException {
        CallOptions o = CallOptions.defaults();
        if (line.hasOption("call-timeout")) {
            String v = line.getOptionValue("call-timeout");
            try {
                int s = Integer.parseInt(v.trim());
                if (s < 1 || s > 86_400) {
                    throw new NumberFormatException();
                }
                o = o.withSetupTimeout(Duration.ofSeconds(s));
            } catch (NumberFormatException e) {
                throw new UsageException(command + ": --call-timeout takes whole seconds from 1 to 86400, not '"
                        + TextSafe.of(v) + "'");
            }
        }
        if (line.hasOption("ner-codes")) {
            String v = line.getOptionValue("ner-codes");
            Set<Integer> codes = new HashSet<>();
            for (String part : v.split(",")) {
                try {
                    int c = Integer.parseInt(part.trim());
                    if (c < 100 || c > 699) {
                        throw new NumberFormatException();
                    }
                    codes.add(c);
                } catch (NumberFormatException e) {
                    throw new UsageException(command + ": --ner-codes takes status codes (100-699) separated by"
                            + " commas, not '" + TextSafe.of(part) + "'");
                }
            }
            o = o.withKpis(new KpiDefinitions(codes));
        }
        if (line.hasOption("delays-from")) {
            String v = line.getOptionValue("delays-from").strip();
            if (!v.equals("first") && !v.equals("last")) {
                throw new UsageException(command + ": --delays-from takes first or last, not '" + TextSafe.of(v) + "'");
            }
            o = o.withDelaysFromFirstInvite(v.equals("first"));
        }
        return o;
    }
}
