package dev.contrastive4j.compare;

import java.util.List;
import java.util.Locale;

/**
 * Draws the comparison's charts as inline SVG: learning curves (one line per configuration) and bar charts
 * (one bar per configuration). Plain SVG 1.1 with no script, font or style sheet from outside, so the page
 * that holds it works offline; well-formed XML, so tests can parse it.
 */
final class SvgChart {

    /** Colours for the configurations, in order (Tableau 10); the base model is grey. */
    private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
        "#b07aa1", "#ff9da7", "#9c755f", "#17becf"};
    /** The base model's colour. */
    static final String BASE_COLOUR = "#8c8c8c";

    private static final int WIDTH = 540;
    private static final int LEFT = 58;
    private static final int TOP = 36;

    /**
     * One line of a learning curve.
     *
     * @param name the legend's label
     * @param colour a CSS colour
     * @param steps x values, ascending
     * @param values y values, one per step (NaN: no point)
     */
    record Series(String name, String colour, long[] steps, double[] values) {
    }

    /**
     * One bar.
     *
     * @param label the configuration
     * @param value the bar's length (NaN: no bar, "no result" instead)
     * @param error ± this much as an error bar (NaN: none)
     * @param colour a CSS colour
     */
    record Bar(String label, double value, double error, String colour) {
    }

    private SvgChart() {
    }

    /** The colour of the {@code index}-th configuration. */
    static String colour(int index) {
        return PALETTE[index % PALETTE.length];
    }

    /**
     * A line chart of learning curves with a dashed reference line (the base model), legend on the right.
     *
     * @param title the chart's title
     * @param yTitle what the y axis measures
     * @param reference the base model's value, drawn across the chart (NaN: none)
     * @param series one line per configuration
     */
    static String lines(String title, String yTitle, double reference, List<Series> series) {
        int height = 320;
        int right = WIDTH - 150;
        int bottom = height - 48;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long lastStep = 1;
        for (Series s : series) {
            for (int i = 0; i < s.steps().length; i++) {
                if (Double.isFinite(s.values()[i])) {
                    lo = Math.min(lo, s.values()[i]);
                    hi = Math.max(hi, s.values()[i]);
                }
                lastStep = Math.max(lastStep, s.steps()[i]);
            }
        }
        if (Double.isFinite(reference)) {
            lo = Math.min(lo, reference);
            hi = Math.max(hi, reference);
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        }
        Axis y = Axis.around(lo, hi);
        Axis x = Axis.around(0, lastStep).startingAtZero().integral();
        StringBuilder svg = open(title, height);
        grid(svg, y, x, right, bottom);
        text(svg, (LEFT + right) / 2.0, height - 10, "middle", "axis-title", "step");
        svg.append(String.format(Locale.ROOT, "<text class=\"axis-title\" transform=\"translate(16,%.1f) rotate(-90)\""
                + " text-anchor=\"middle\">%s</text>%n", (TOP + bottom) / 2.0, escape(yTitle)));
        if (Double.isFinite(reference)) {
            double ry = scale(reference, y, bottom, TOP);
            svg.append(String.format(Locale.ROOT, "<line class=\"reference\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\""
                    + " stroke=\"%s\" stroke-dasharray=\"6 4\" stroke-width=\"1.5\"/>%n", LEFT, ry, right, ry,
                    BASE_COLOUR));
        }
        for (Series s : series) {
            StringBuilder d = new StringBuilder();
            StringBuilder points = new StringBuilder();
            int drawn = 0;
            for (int i = 0; i < s.steps().length; i++) {
                if (!Double.isFinite(s.values()[i])) {
                    continue;
                }
                double px = scale(s.steps()[i], x, LEFT, right);
                double py = scale(s.values()[i], y, bottom, TOP);
                d.append(d.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                drawn++;
                points.append(String.format(Locale.ROOT, "<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\""
                        + " fill=\"%s\"><title>%s, step %d: %.4f</title></circle>%n", px, py, s.colour(),
                        escape(s.name()), s.steps()[i], s.values()[i]));
            }
            if (drawn > 1) {
                svg.append(String.format(Locale.ROOT, "<path class=\"curve\" d=\"%s\" fill=\"none\" stroke=\"%s\""
                        + " stroke-width=\"2\"><title>%s</title></path>%n", d, s.colour(), escape(s.name())));
            }
            svg.append(points);
        }
        int row = 0;
        if (Double.isFinite(reference)) {
            legend(svg, right + 16, TOP + 8 + 18 * row++, BASE_COLOUR, "base (untrained)", true);
        }
        for (Series s : series) {
            legend(svg, right + 16, TOP + 8 + 18 * row++, s.colour(), s.name(), false);
        }
        return svg.append("</svg>\n").toString();
    }

    /**
     * A horizontal bar chart with the value at the end of each bar. The axis starts at 0 unless every value is
     * far from 0 (then the differences would not show); a note says where it starts.
     */
    static String bars(String title, List<Bar> bars) {
        int labelWidth = 130;
        int barHeight = 22;
        int gap = 8;
        int height = TOP + bars.size() * (barHeight + gap) + 52;
        int left = labelWidth;
        int right = WIDTH - 70;
        int bottom = height - 40;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (Bar bar : bars) {
            if (Double.isFinite(bar.value())) {
                double error = Double.isFinite(bar.error()) ? bar.error() : 0;
                lo = Math.min(lo, bar.value() - error);
                hi = Math.max(hi, bar.value() + error);
            }
        }
        if (!Double.isFinite(lo)) {
            lo = 0;
            hi = 1;
        }
        boolean fromZero = lo <= 0 || lo < 0.5 * hi;
        Axis x = fromZero ? Axis.around(Math.min(0, lo), hi).startingAtZero() : Axis.around(lo - 0.25 * (hi - lo), hi);
        StringBuilder svg = open(title, height);
        for (double tick : x.ticks()) {
            double px = scale(tick, x, left, right);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>%n",
                    px, TOP, px, bottom));
            text(svg, px, bottom + 16, "middle", "tick", x.label(tick));
        }
        if (!fromZero) {
            text(svg, right, height - 8, "end", "note", "axis starts at " + x.label(x.min()) + ", not 0");
        }
        double zero = scale(Math.max(x.min(), 0), x, left, right);
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double top = TOP + i * (barHeight + gap) + gap / 2.0;
            double middle = top + barHeight / 2.0 + 4;
            text(svg, left - 8, middle, "end", "label", bar.label());
            if (!Double.isFinite(bar.value())) {
                text(svg, left + 6, middle, "start", "note", "no result");
                continue;
            }
            double end = scale(bar.value(), x, left, right);
            svg.append(String.format(Locale.ROOT, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\""
                    + " height=\"%d\" fill=\"%s\"><title>%s: %.4f</title></rect>%n", Math.min(zero, end), top,
                    Math.max(1, Math.abs(end - zero)), barHeight, bar.colour(), escape(bar.label()), bar.value()));
            double labelAt = end;
            if (Double.isFinite(bar.error()) && bar.error() > 0) {
                double a = scale(bar.value() - bar.error(), x, left, right);
                double b = scale(bar.value() + bar.error(), x, left, right);
                double mid = top + barHeight / 2.0;
                svg.append(String.format(Locale.ROOT, "<path class=\"error\" d=\"M%.1f %.1f L%.1f %.1f M%.1f %.1f"
                        + " L%.1f %.1f M%.1f %.1f L%.1f %.1f\" stroke=\"#333\" stroke-width=\"1.2\"/>%n", a, mid, b,
                        mid, a, mid - 5, a, mid + 5, b, mid - 5, b, mid + 5));
                labelAt = b;
            }
            text(svg, labelAt + 6, middle, "start", "value", String.format(Locale.ROOT, "%.4f", bar.value()));
        }
        svg.append(String.format(Locale.ROOT, "<line class=\"axis\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\"/>%n",
                zero, TOP, zero, bottom));
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"%d\""
                + " height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">%n", WIDTH, height, WIDTH,
                height, escape(title)));
        text(svg, LEFT, 20, "start", "chart-title", title);
        return svg;
    }

    private static void grid(StringBuilder svg, Axis y, Axis x, int right, int bottom) {
        for (double tick : y.ticks()) {
            double py = scale(tick, y, bottom, TOP);
            svg.append(String.format(Locale.ROOT, "<line class=\"grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>%n",
                    LEFT, py, right, py));
            text(svg, LEFT - 6, py + 4, "end", "tick", y.label(tick));
        }
        for (double tick : x.ticks()) {
            double px = scale(tick, x, LEFT, right);
            text(svg, px, bottom + 16, "middle", "tick", x.label(tick));
        }
        svg.append(String.format(Locale.ROOT, "<path class=\"axis\" d=\"M%d %d L%d %d L%d %d\" fill=\"none\"/>%n",
                LEFT, TOP, LEFT, bottom, right, bottom));
    }

    private static void legend(StringBuilder svg, int x, int y, String colour, String name, boolean dashed) {
        if (dashed) {
            svg.append(String.format(Locale.ROOT, "<line class=\"swatch\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\""
                    + " stroke=\"%s\" stroke-dasharray=\"6 4\" stroke-width=\"2\"/>%n", x, y - 4, x + 14, y - 4, colour));
        } else {
            svg.append(String.format(Locale.ROOT, "<rect class=\"swatch\" x=\"%d\" y=\"%d\" width=\"14\" height=\"10\""
                    + " fill=\"%s\"/>%n", x, y - 9, colour));
        }
        text(svg, x + 20, y, "start", "legend", name);
    }

    private static void text(StringBuilder svg, double x, double y, String anchor, String cssClass, String text) {
        svg.append(String.format(Locale.ROOT, "<text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>%n",
                cssClass, x, y, anchor, escape(text)));
    }

    /** Maps {@code value} on the axis to pixels between {@code from} (axis minimum) and {@code to} (maximum). */
    private static double scale(double value, Axis axis, double from, double to) {
        return from + (value - axis.min()) / (axis.max() - axis.min()) * (to - from);
    }

    /** Escapes text for XML content and attribute values. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * An axis with "nice" ticks (1, 2 or 5 times a power of ten) covering a range.
     *
     * @param min the axis minimum, a tick
     * @param max the axis maximum, a tick
     * @param step the distance between ticks
     */
    record Axis(double min, double max, double step) {

        /** About five ticks, covering [lo, hi] (widened a little when lo = hi). */
        static Axis around(double lo, double hi) {
            if (hi - lo < 1e-9) {
                double pad = Math.max(Math.abs(hi) * 0.01, 1e-3);
                lo -= pad;
                hi += pad;
            }
            double rough = (hi - lo) / 5;
            double power = Math.pow(10, Math.floor(Math.log10(rough)));
            double step = rough / power < 1.5 ? power : rough / power < 3.5 ? 2 * power : rough / power < 7.5
                    ? 5 * power : 10 * power;
            return new Axis(Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step, step);
        }

        /** The same axis stretched down to 0 when it starts above it. */
        Axis startingAtZero() {
            return min > 0 ? around(0, max) : this;
        }

        /** The same axis with a step of at least 1, for counts such as steps. */
        Axis integral() {
            return step >= 1 ? this : new Axis(Math.floor(min), Math.ceil(max), 1);
        }

        List<Double> ticks() {
            List<Double> ticks = new java.util.ArrayList<>();
            for (double tick = min; tick <= max + step / 2; tick += step) {
                ticks.add(Math.abs(tick) < step * 1e-9 ? 0 : tick);
            }
            return ticks;
        }

        /** A tick's label, with as many decimals as the step needs. */
        String label(double tick) {
            int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
            return String.format(Locale.ROOT, "%." + decimals + "f", tick);
        }
    }
}
