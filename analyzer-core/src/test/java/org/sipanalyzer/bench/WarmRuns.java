package org.sipanalyzer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sipanalyzer.SipAnalysis;
import org.sipanalyzer.analysis.AnalysisInput;
import org.sipanalyzer.analysis.AnalysisOptions;
import org.sipanalyzer.calls.CallOptions;
import org.sipanalyzer.catalogue.Catalogue;

/**
 * The whole analysis the command line runs ({@link SipAnalysis}, calls on), of one file, several times in one JVM:
 * the first run pays for compiling the code, the later ones show the pipeline's speed once it is compiled. What the
 * two differ by is the JIT's warm-up, which no single run of the command escapes. Run with
 * {@code scripts/warm-runs.sh FILE [RUNS]}; figures in docs/performance.md.
 */
public final class WarmRuns {

    private WarmRuns() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: WarmRuns FILE [RUNS]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        for (int i = 0; i < runs; i++) {
            long began = System.nanoTime();
            SipAnalysis.Result r = new SipAnalysis(Catalogue.standard(), AnalysisOptions.defaults(),
                    CallOptions.defaults()).run(List.of(AnalysisInput.file(file)));
            double seconds = (System.nanoTime() - began) / 1e9;
            long messages = r.analysis().total().messages().count();
            System.out.printf("run %d: %.2f s, %d SIP messages, %.0f messages/s, %d calls%n", i + 1, seconds, messages,
                    messages / seconds, r.calls().total());
        }
    }
}
