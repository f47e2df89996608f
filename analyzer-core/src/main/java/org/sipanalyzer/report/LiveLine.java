package org.sipanalyzer.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import org.sipanalyzer.analysis.MetricRegistry;
import org.sipanalyzer.live.LiveSource;

/**
 * The figures of a live analysis at one moment, as one line of JSON (JSON Lines): {@code {"schemaVersion":1,
 * "time":...,"elapsedSeconds":...,"captured":...,"dropped":...,"metrics":{"messages":...,"asr":...}}}. A metric
 * with nothing to measure is null; the kernel's drops and refused senders appear when the source counts them.
 */
public final class LiveLine {

    /** The version of this line's layout, raised when a field changes meaning or goes. */
    public static final int SCHEMA_VERSION = 1;

    private static final JsonFactory JSON = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private LiveLine() {
    }

    public static String of(Instant at, Duration elapsed, LiveSource source, MetricRegistry metrics) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", SCHEMA_VERSION);
            g.writeStringField("time", at.toString());
            g.writeNumberField("elapsedSeconds", elapsed.toMillis() / 1000.0);
            g.writeNumberField("captured", source.packets());
            g.writeNumberField("dropped", source.dropped());
            long kernel = source.droppedByKernel();
            if (kernel >= 0) {
                g.writeNumberField("droppedByKernel", kernel);
            }
            if (source.refused() > 0) {
                g.writeNumberField("refused", source.refused());
            }
            g.writeObjectFieldStart("metrics");
            for (MetricRegistry.Metric m : metrics.all()) {
                g.writeFieldName(m.name());
                AnalysisReport.writeReported(g, m);
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }
}
