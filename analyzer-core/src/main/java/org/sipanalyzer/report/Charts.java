package org.sipanalyzer.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.apache.batik.svggen.SVGIDGenerator;
import org.sipanalyzer.analysis.CodeStatistics;
import org.sipanalyzer.analysis.MessageStatistics;
import org.sipanalyzer.calls.CallOutcome;
import org.sipanalyzer.calls.CallStatistics;

/**
 * Charts of an analysis, as PNG or SVG (chosen by the file name's extension): responses by code, coloured by
 * class; calls by outcome; calls over time, stacked by outcome; post-dial delays. Every colour has a legend entry;
 * bars that span more than two orders of magnitude get a logarithmic axis. Rendered headless; labels come from the
 * catalogue, the outcome names and numbers, never from captures.
 */
public final class Charts {

    /** The image formats. */
    public enum ImageFormat {
        PNG, SVG;

        /** The format a file name asks for, by its extension (case-insensitive). */
        public static java.util.Optional<ImageFormat> of(String fileName) {
            String n = fileName.toLowerCase(Locale.ROOT);
            if (n.endsWith(".png")) {
                return java.util.Optional.of(PNG);
            }
            if (n.endsWith(".svg")) {
                return java.util.Optional.of(SVG);
            }
            return java.util.Optional.empty();
        }
    }

    static final int WIDTH = 1000;
    static final int HEIGHT = 560;
    private static final Color[] CLASS_COLOURS = {new Color(0x9e9e9e), new Color(0x2e7d32), new Color(0x1565c0),
        new Color(0xef6c00), new Color(0xc62828), new Color(0x6a1b9a)};
    /**
     * Above this ratio between the tallest and the shortest bar, the value axis is logarithmic: one 503 beside 4,000
     * 200s stays visible.
     */
    static final double LOG_AXIS_RATIO = 100;
    /** The most bars of calls over time: past this, the interval is widened. */
    public static final int MAX_TIME_BARS = 120;

    /** How outcomes are coloured, and the legend's words for each colour. */
    private enum OutcomeGroup {
        ANSWERED(new Color(0x2e7d32), "answered"),
        REFUSED(new Color(0xef6c00), "refused by the callee (busy, declined, forbidden, not found)"),
        FAILED(new Color(0xc62828), "failed (unavailable, other errors)"),
        TIMEOUT(new Color(0x6a1b9a), "no final response (timeout)"),
        CANCELLED(new Color(0x9e9e9e), "cancelled by the caller"),
        REDIRECTED(new Color(0x1565c0), "redirected");

        final Color colour;
        final String words;

        OutcomeGroup(Color colour, String words) {
            this.colour = colour;
            this.words = words;
        }

        static OutcomeGroup of(CallOutcome o) {
            return switch (o) {
                case ANSWERED -> ANSWERED;
                case BUSY, DECLINED, FORBIDDEN, NOT_FOUND -> REFUSED;
                case UNAVAILABLE, FAILED -> FAILED;
                case TIMEOUT -> TIMEOUT;
                case CANCELLED -> CANCELLED;
                case REDIRECTED -> REDIRECTED;
            };
        }
    }

    static {
        // JFreeChart draws rotated and tick labels through a TextLayout by default, which an SVG generator can only
        // turn into glyph outlines; drawn as plain strings they stay text (selectable, searchable) in SVG, and look
        // the same in PNG.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private Charts() {
    }

    /** A bar chart whose bars each have their own colour, with a legend naming every colour used. */
    private static JFreeChart colouredBars(String title, String valueAxis, DefaultCategoryDataset data, Paint[] paints,
            LegendItemCollection legend) {
        JFreeChart chart = bars(title, valueAxis, data);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setRenderer(new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return column < paints.length ? paints[column] : Color.GRAY;
            }
        });
        style((BarRenderer) plot.getRenderer(), null);
        plot.setFixedLegendItems(legend);
        LegendTitle title2 = new LegendTitle(plot);
        title2.setPosition(RectangleEdge.BOTTOM);
        title2.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.addLegend(title2);
        logAxisWhenNeeded(plot, data);
        return chart;
    }

    /**
     * A logarithmic value axis when the bars span more than {@link #LOG_AXIS_RATIO}: bars start at 0.5 so that a
     * count of 1 still shows, and the axis says it is logarithmic.
     */
    private static void logAxisWhenNeeded(CategoryPlot plot, DefaultCategoryDataset data) {
        double max = 0;
        double min = Double.MAX_VALUE;
        for (int r = 0; r < data.getRowCount(); r++) {
            for (int c = 0; c < data.getColumnCount(); c++) {
                Number n = data.getValue(r, c);
                if (n != null && n.doubleValue() > 0) {
                    max = Math.max(max, n.doubleValue());
                    min = Math.min(min, n.doubleValue());
                }
            }
        }
        if (max > 0 && max / min > LOG_AXIS_RATIO) {
            LogAxis log = new LogAxis(plot.getRangeAxis().getLabel() + " (log scale)");
            log.setBase(10);
            log.setTickUnit(new NumberTickUnit(1));
            log.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
            log.setSmallestValue(0.5);
            log.setLowerBound(0.5);
            log.setUpperBound(max * 2);
            plot.setRangeAxis(log);
            ((BarRenderer) plot.getRenderer()).setBase(0.5);
        }
    }

    private static LegendItem legendItem(String words, Color colour) {
        return new LegendItem(words, null, null, null, new Rectangle2D.Double(-5, -5, 10, 10), colour);
    }

    /** Responses by code, one bar per code, coloured by class (a legend names the classes); invalid codes in black. */
    public static JFreeChart responsesByCode(MessageStatistics t) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<Integer, CodeStatistics> codes = t.byCode();
        Paint[] paints = new Paint[codes.size()];
        java.util.TreeSet<Integer> classes = new java.util.TreeSet<>();
        boolean invalid = false;
        int i = 0;
        for (CodeStatistics c : codes.values()) {
            String label = AnalysisReport.codeLabel(c.code()) + c.lookup().entry().filter(e -> c.lookup().isKnown())
                    .map(e -> " " + e.reason()).orElse("");
            data.addValue(c.counts().count(), "responses", label);
            var cls = c.lookup().responseClass();
            paints[i++] = cls.map(x -> (Paint) CLASS_COLOURS[x.ordinal()]).orElse(Color.BLACK);
            cls.ifPresent(x -> classes.add(x.ordinal()));
            invalid |= cls.isEmpty();
        }
        LegendItemCollection legend = new LegendItemCollection();
        for (int k : classes) {
            var cls = org.sipanalyzer.catalogue.ResponseClass.values()[k];
            legend.add(legendItem(cls.shortName() + " " + cls.label(), CLASS_COLOURS[k]));
        }
        if (invalid) {
            legend.add(legendItem("invalid codes", Color.BLACK));
        }
        return colouredBars("SIP responses by code", "responses (retransmissions included)", data, paints, legend);
    }

    /** Calls by outcome, coloured so that failures, cancellations, time-outs and redirects stand apart. */
    public static JFreeChart callsByOutcome(CallStatistics s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        java.util.List<Paint> paints = new java.util.ArrayList<>();
        java.util.EnumSet<OutcomeGroup> used = java.util.EnumSet.noneOf(OutcomeGroup.class);
        for (Map.Entry<CallOutcome, Long> e : s.byOutcome().entrySet()) {
            data.addValue(e.getValue(), "calls", e.getKey().word());
            OutcomeGroup g = OutcomeGroup.of(e.getKey());
            paints.add(g.colour);
            if (e.getValue() > 0) {
                used.add(g);
            }
        }
        LegendItemCollection legend = new LegendItemCollection();
        used.forEach(g -> legend.add(legendItem(g.words, g.colour)));
        return colouredBars("Calls by outcome (" + Words.count(s.total(), "call") + ")", "calls", data,
                paints.toArray(Paint[]::new), legend);
    }

    /**
     * Calls per interval, stacked by outcome group (answered at the bottom), over the intervals that hold calls: a
     * long empty stretch between inputs is one gap, not hundreds of empty bars. At most {@code maxBars} bars; the
     * interval is widened to fit.
     */
    public static JFreeChart callsOverTime(CallStatistics s, long requestedSeconds, int maxBars) {
        long interval = s.interval(requestedSeconds);
        while (s.timelineRows(interval).size() > maxBars && interval < 86_400L * 366) {
            interval = s.interval(interval * 2);
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern(
                interval >= 86_400 ? "yyyy-MM-dd" : "MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);
        Map<Long, Map<CallOutcome, Long>> byTime = s.byTimeAndOutcome(interval);
        java.util.EnumSet<OutcomeGroup> used = java.util.EnumSet.noneOf(OutcomeGroup.class);
        for (Map.Entry<Long, Map<CallOutcome, Long>> e : byTime.entrySet()) {
            String label = time.format(java.time.Instant.ofEpochSecond(e.getKey()));
            for (OutcomeGroup g : OutcomeGroup.values()) {
                long n = e.getValue().entrySet().stream().filter(x -> OutcomeGroup.of(x.getKey()) == g)
                        .mapToLong(Map.Entry::getValue).sum();
                data.addValue(n, g.words, label);
                if (n > 0) {
                    used.add(g);
                }
            }
        }
        CategoryPlot plot = new CategoryPlot();
        plot.setDataset(data);
        plot.setDomainAxis(new org.jfree.chart.axis.CategoryAxis("interval start (UTC), " + interval + " s each"));
        NumberAxis range = new NumberAxis("calls started");
        range.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setRangeAxis(range);
        StackedBarRenderer r = new StackedBarRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        OutcomeGroup[] groups = OutcomeGroup.values();
        for (int k = 0; k < groups.length; k++) {
            r.setSeriesPaint(k, groups[k].colour);
        }
        plot.setRenderer(r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        LegendItemCollection legend = new LegendItemCollection();
        used.forEach(g -> legend.add(legendItem(g.words, g.colour)));
        plot.setFixedLegendItems(legend);
        JFreeChart chart = new JFreeChart("Calls over time, by outcome", new Font(Font.SANS_SERIF, Font.BOLD, 18), plot,
                true);
        chart.getLegend().setPosition(RectangleEdge.BOTTOM);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** The bounds of the post-dial delay chart's bars, in milliseconds: each bar holds the calls up to its bound. */
    static final long[] PDD_BOUNDS_MS = {100, 200, 500, 1_000, 2_000, 3_000, 5_000, 10_000};

    /** Post-dial delays: how many calls waited how long for their first ringing or final response. */
    public static JFreeChart pddDistribution(CallStatistics s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        var d = s.pdd();
        long below = 0;
        for (int k = 0; k <= PDD_BOUNDS_MS.length; k++) {
            long upTo = k < PDD_BOUNDS_MS.length ? d.countAtMost(PDD_BOUNDS_MS[k] * 1_000_000L) : d.count();
            String label = k == 0 ? "up to " + ms(PDD_BOUNDS_MS[0]) : k < PDD_BOUNDS_MS.length
                    ? ms(PDD_BOUNDS_MS[k - 1]) + " to " + ms(PDD_BOUNDS_MS[k]) : "over " + ms(PDD_BOUNDS_MS[k - 1]);
            data.addValue(upTo - below, "calls", label);
            below = upTo;
        }
        Paint[] paints = new Paint[PDD_BOUNDS_MS.length + 1];
        java.util.Arrays.fill(paints, 0, 4, new Color(0x2e7d32));
        java.util.Arrays.fill(paints, 4, 6, new Color(0xef6c00));
        java.util.Arrays.fill(paints, 6, paints.length, new Color(0xc62828));
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(legendItem("up to 1 s", new Color(0x2e7d32)));
        legend.add(legendItem("1 s to 3 s", new Color(0xef6c00)));
        legend.add(legendItem("over 3 s", new Color(0xc62828)));
        return colouredBars("Post-dial delay (" + Words.count(d.count(), "call") + ")", "calls", data, paints, legend);
    }

    private static String ms(long ms) {
        return ms >= 1000 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static JFreeChart bars(String title, String valueAxis, DefaultCategoryDataset data) {
        CategoryPlot plot = new CategoryPlot();
        plot.setDataset(data);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setDomainAxis(new org.jfree.chart.axis.CategoryAxis());
        NumberAxis range = new NumberAxis(valueAxis);
        range.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.setRangeAxis(range);
        plot.setRenderer(new BarRenderer());
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.6f);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 18), plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static void style(BarRenderer r, BarRenderer old) {
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDrawBarOutline(false);
        r.setMaximumBarWidth(0.08);
        r.setDefaultItemLabelGenerator(new org.jfree.chart.labels.StandardCategoryItemLabelGenerator());
        r.setDefaultItemLabelsVisible(true);
    }

    /**
     * The chart as an {@code <svg>} element to place inside an HTML page: it scales to the page's width, and its
     * definitions' ids start with {@code idPrefix} so that several charts can share one page.
     */
    public static String svgElement(JFreeChart chart, String idPrefix) {
        java.io.StringWriter w = new java.io.StringWriter();
        svg(chart, idPrefix, w, false);
        return w.toString();
    }

    /**
     * Draws {@code chart} through Batik's SVG generator into a DOM of the JDK's own, and writes the {@code <svg>}
     * element: sized to scale with its container (a viewBox, width 100%) inside a page, or at its own size as a
     * file of its own (with the XML declaration).
     */
    private static void svg(JFreeChart chart, String idPrefix, java.io.Writer out, boolean document) {
        org.w3c.dom.Document dom;
        try {
            dom = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument(org.apache.batik.util.SVGConstants.SVG_NAMESPACE_URI, "svg", null);
        } catch (javax.xml.parsers.ParserConfigurationException e) {
            throw new IllegalStateException("the JDK has no XML DOM", e);
        }
        SVGGeneratorContext context = SVGGeneratorContext.createDefault(dom);
        context.setComment(null);
        context.setEmbeddedFontsOn(false);
        context.setIDGenerator(new SVGIDGenerator() {
            @Override
            public String generateID(String prefix) {
                return idPrefix + super.generateID(prefix);
            }
        });
        SVGGraphics2D g = new SVGGraphics2D(context, false);
        g.setSVGCanvasSize(new java.awt.Dimension(WIDTH, HEIGHT));
        chart.draw(g, new Rectangle2D.Double(0, 0, WIDTH, HEIGHT));
        org.w3c.dom.Element root = g.getRoot();
        prefixIds(root, idPrefix);
        root.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
        if (!document) {
            root.setAttribute("width", "100%");
            root.removeAttribute("height");
            root.setAttribute("id", idPrefix + "chart");
        }
        // Written by the JDK's serializer: Batik's own would add an XML declaration and a DOCTYPE naming an
        // external DTD, wrong inside an HTML page and a network fetch for some XML readers.
        root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns",
                org.apache.batik.util.SVGConstants.SVG_NAMESPACE_URI);
        try {
            javax.xml.transform.Transformer t = javax.xml.transform.TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(javax.xml.transform.OutputKeys.OMIT_XML_DECLARATION, document ? "no" : "yes");
            t.setOutputProperty(javax.xml.transform.OutputKeys.ENCODING, "UTF-8");
            t.transform(new javax.xml.transform.dom.DOMSource(root), new javax.xml.transform.stream.StreamResult(out));
            out.flush();
        } catch (javax.xml.transform.TransformerException e) {
            if (e.getCause() instanceof IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
            throw new IllegalStateException("the chart could not be written as SVG: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Gives every id the page prefix, references included (Batik names some definitions itself, such as
     * "genericDefs"): two charts in one page must not share an id.
     */
    private static void prefixIds(org.w3c.dom.Element root, String prefix) {
        if (prefix.isEmpty()) {
            return;
        }
        org.w3c.dom.NodeList all = root.getElementsByTagName("*");
        java.util.Map<String, String> renamed = new java.util.HashMap<>();
        for (int i = 0; i < all.getLength(); i++) {
            org.w3c.dom.Element e = (org.w3c.dom.Element) all.item(i);
            String id = e.getAttribute("id");
            if (!id.isEmpty() && !id.startsWith(prefix)) {
                renamed.put(id, prefix + id);
                e.setAttribute("id", prefix + id);
            }
        }
        if (renamed.isEmpty()) {
            return;
        }
        for (int i = 0; i < all.getLength(); i++) {
            org.w3c.dom.NamedNodeMap attributes = all.item(i).getAttributes();
            for (int j = 0; j < attributes.getLength(); j++) {
                org.w3c.dom.Node a = attributes.item(j);
                String v = a.getNodeValue();
                if (v.contains("#")) {
                    for (var r : renamed.entrySet()) {
                        v = v.replace("url(#" + r.getKey() + ")", "url(#" + r.getValue() + ")");
                        if (v.equals("#" + r.getKey())) {
                            v = "#" + r.getValue();
                        }
                    }
                    a.setNodeValue(v);
                }
            }
        }
    }

    /** Writes {@code chart} to {@code out} as PNG or SVG. */
    public static void write(JFreeChart chart, ImageFormat format, OutputStream out) throws IOException {
        if (format == ImageFormat.PNG) {
            // ImageIO's file cache would leave a stream for a JVM shutdown hook to close, which prints a stack trace
            // when the write failed (a full disk); a chart is small, so it is cached in memory.
            javax.imageio.ImageIO.setUseCache(false);
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, HEIGHT);
            return;
        }
        java.io.Writer w = new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            svg(chart, "", w, true);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }
}
