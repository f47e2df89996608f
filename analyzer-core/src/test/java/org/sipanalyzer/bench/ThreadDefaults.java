package org.sipanalyzer.bench;

import org.sipanalyzer.analysis.AnalysisOptions;

/**
 * Prints the threads the defaults give one large input on N cores: the scanning threads
 * ({@link AnalysisOptions#defaultScanThreads}) and the threads that follow calls
 * ({@link AnalysisOptions#defaultCallThreads}), as {@code scripts/scaling.sh} labels its rows.
 */
public final class ThreadDefaults {

    private ThreadDefaults() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ThreadDefaults CORES");
            System.exit(2);
        }
        int cores = Integer.parseInt(args[0]);
        System.out.println(AnalysisOptions.defaultScanThreads(cores) + " " + AnalysisOptions.defaultCallThreads(cores));
    }
}
