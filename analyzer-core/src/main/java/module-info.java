/**
 * sip-analyzer's core: reads captures and logs that hold SIP, follows transactions and calls, and reports why calls
 * fail. An embedder starts at {@link org.sipanalyzer.SipAnalysis}.
 *
 * <p>Exported is what an embedder needs: the entry point, inputs, options and results ({@code analysis}), calls
 * and their statistics ({@code calls}), the response-code catalogue, the {@code check} rules, the report writers,
 * the live sources, the SIP message and network types that events carry. The stages themselves (capture readers,
 * packet decoding, reassembly, the SIP scanner, the log readers) are not exported: they change as the pipeline
 * is tuned, and reach an embedder only through {@link org.sipanalyzer.analysis.AnalysisInput}.
 *
 * <p>Four dependencies are read from the class path. pcap4j (live capture, rare link types): its 1.8 descriptor
 * requires {@code slf4j.api}, a name no SLF4J release of this decade has. JAIN-SIP (the strict parser) and
 * HdrHistogram name no module, so their names would be guessed from file names. Commons CSV as a module cannot see
 * the SpotBugs annotations its classes carry. The build compiles this module with
 * {@code --add-reads org.sipanalyzer.core=ALL-UNNAMED}; an embedder on the module path puts those four on the class
 * path and gives {@code java} the same option (docs/architecture.md, "Embedding").
 */
module org.sipanalyzer.core {
    exports org.sipanalyzer;
    exports org.sipanalyzer.analysis;
    exports org.sipanalyzer.calls;
    exports org.sipanalyzer.catalogue;
    exports org.sipanalyzer.check;
    exports org.sipanalyzer.live;
    exports org.sipanalyzer.net;
    exports org.sipanalyzer.report;
    exports org.sipanalyzer.sip;

    uses org.sipanalyzer.analysis.Taps.Factory;

    requires transitive java.desktop; // charts are drawn with java.awt types, and JFreeChart's appear in Charts
    requires transitive org.jfree.jfreechart;
    requires java.xml;
    requires java.sql; // pcap4j gives capture times as java.sql.Timestamp
    requires com.fasterxml.jackson.core;
    requires static com.github.spotbugs.annotations; // @CheckReturnValue: for the checker, not needed to run or embed
    requires org.apache.xmlgraphics.batik.svggen;
}
