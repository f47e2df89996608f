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
 * class; calls by outcome. Rendered headless; labels come from the catalogue and the outcome names, never from
 * captures.
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

    private Charts() {
    }

    /** Responses by code, one bar per code, coloured by class; invalid codes in black. */
    public static JFreeChart responsesByCode(MessageStatistics t) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        Map<Integer, CodeStatistics> codes = t.byCode();
        Paint[] paints = new Paint[codes.size()];
        int i = 0;
        for (CodeStatistics c : codes.values()) {
            String label = AnalysisReport.codeLabel(c.code()) + c.lookup().entry().filter(e -> c.lookup().isKnown())
                    .map(e -> " " + e.reason()).orElse("");
            data.addValue(c.counts().count(), "responses", label);
            paints[i++] = c.lookup().responseClass().map(cls -> (Paint) CLASS_COLOURS[cls.ordinal()]).orElse(Color.BLACK);
        }
        JFreeChart chart = bars("SIP responses by code", "responses (retransmissions included)", data);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        chart.getCategoryPlot().setRenderer(new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return column < paints.length ? paints[column] : Color.GRAY;
            }
        });
        style((BarRenderer) chart.getCategoryPlot().getRenderer(), r);
        return chart;
    }

    /** Calls by outcome. */
    public static JFreeChart callsByOutcome(CallStatistics s) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map.Entry<CallOutcome, Long> e : s.byOutcome().entrySet()) {
            data.addValue(e.getValue(), "calls", e.getKey().word());
        }
        JFreeChart chart = bars("Calls by outcome (" + Words.count(s.total(), "call") + ")", "calls", data);
        BarRenderer r = (BarRenderer) chart.getCategoryPlot().getRenderer();
        chart.getCategoryPlot().setRenderer(new BarRenderer() {
            private static final long serialVersionUID = 1L;

            @Override
            public Paint getItemPaint(int row, int column) {
                return column == 0 ? CLASS_COLOURS[1] : CLASS_COLOURS[4];
            }
        });
        style((BarRenderer) chart.getCategoryPlot().getRenderer(), r);
        return chart;
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
