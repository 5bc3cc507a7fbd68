package io.testlanes.benchmarks;

import java.util.List;
import java.util.Locale;

/**
 * A self-contained SVG: one horizontal bar per scenario, its wall time split by phase (start
 * services, prepare lanes, run tests, stop services), the total and the ratio to the first; with
 * several runs, a whisker from the fastest run's wall to the slowest one's.
 */
final class Chart {
  static final String[] PHASES = {"start services", "prepare lanes", "run tests", "stop services"};
  static final String[] COLOURS = {"#e8833a", "#6a9fd4", "#5aae61", "#b0b0b0"};

  private static final int LEFT = 300;
  private static final int BAR_WIDTH = 520;
  private static final int ROW = 30;
  private static final int TOP = 50;

  private Chart() {}

  static String svg(String title, List<ScenarioResult> results) {
    if (results.isEmpty()) {
      throw new IllegalArgumentException("no scenario results to draw");
    }
    double max = 0;
    for (ScenarioResult r : results) {
      max = Math.max(max, r.wallS());
    }
    double scaleMax = niceCeiling(max);
    int height = TOP + results.size() * ROW + 70;
    int width = LEFT + BAR_WIDTH + 140;
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">%n",
            width,
            height,
            width,
            height));
    s.append(
        String.format(
            Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">%s</text>%n",
            escape(title)));
    // axis ticks
    int ticks = 5;
    for (int i = 0; i <= ticks; i++) {
      double v = scaleMax * i / ticks;
      double x = LEFT + BAR_WIDTH * v / scaleMax;
      int yEnd = TOP + results.size() * ROW;
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n"
                  + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s s</text>%n",
              x,
              TOP - 6,
              x,
              yEnd,
              x,
              yEnd + 16,
              format(v)));
    }
    double first = results.get(0).wallS();
    for (int i = 0; i < results.size(); i++) {
      ScenarioResult r = results.get(i);
      int y = TOP + i * ROW;
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
              LEFT - 8,
              y + 19,
              escape(r.title())));
      double[] parts = {r.startServicesS(), r.prepareLanesS(), r.runTestsS(), r.stopServicesS()};
      double x = LEFT;
      for (int p = 0; p < parts.length; p++) {
        double w = BAR_WIDTH * Math.max(0, parts[p]) / scaleMax;
        if (w <= 0) {
          continue;
        }
        s.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"20\" fill=\"%s\"><title>%s: %s"
                    + " s</title></rect>%n",
                x,
                y + 5,
                w,
                COLOURS[p],
                PHASES[p],
                format(parts[p])));
        x += w;
      }
      if (r.maxWallS() > r.minWallS()) {
        // the spread of the runs: a whisker from the fastest to the slowest
        double x0 = LEFT + BAR_WIDTH * r.minWallS() / scaleMax;
        double x1 = LEFT + BAR_WIDTH * r.maxWallS() / scaleMax;
        s.append(
            String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#333\"><title>runs"
                    + " %s–%s s</title></line>%n",
                x0,
                y + 15,
                x1,
                y + 15,
                format(r.minWallS()),
                format(r.maxWallS())));
        x = Math.max(x, x1);
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\">%s s%s</text>%n",
              x + 6,
              y + 19,
              format(r.wallS()),
              i == 0 ? "" : String.format(Locale.ROOT, "  (%.1fx)", first / r.wallS())));
    }
    int ly = TOP + results.size() * ROW + 36;
    int lx = LEFT;
    for (int p = 0; p < PHASES.length; p++) {
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\">%s</text>%n",
              lx,
              ly,
              COLOURS[p],
              lx + 16,
              ly + 10,
              PHASES[p]));
      lx += 130;
    }
    s.append("</svg>\n");
    return s.toString();
  }

  /** The smallest of 1, 2, 5 times a power of ten that is at least {@code v}. */
  static double niceCeiling(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  static String format(double v) {
    return v >= 100 || v == Math.rint(v)
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.1f", v);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
