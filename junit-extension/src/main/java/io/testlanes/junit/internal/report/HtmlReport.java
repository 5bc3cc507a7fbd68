package io.testlanes.junit.internal.report;

import static io.testlanes.junit.internal.report.ConsoleSummary.percent;
import static io.testlanes.junit.internal.report.ConsoleSummary.seconds;
import static io.testlanes.junit.internal.report.ConsoleSummary.simpleName;

import io.testlanes.json.Json;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The run report page: one self-contained HTML file (inline CSS, SVG drawn by inline script, no
 * network). The figures are plain HTML; the timeline is drawn from the run's data, embedded as JSON
 * in a {@code <script type="application/json" id="testlanes-data">} element.
 *
 * <p>The drawn timeline has one {@code <g class="row lane-row" data-lane="...">} per row and one
 * {@code <rect class="bar class-bar <outcome>" data-class="...">} per bar.
 */
final class HtmlReport {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  private HtmlReport() {}

  /** The page of {@code run}, with its CPU use where it was measured. */
  static String render(RunData run, Optional<CpuUse.Figures> cpu) {
    StringBuilder h = new StringBuilder(32_768);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>testlanes run report</title>\n<style>\n")
        .append(CSS)
        .append(
            "</style>\n</head>\n<body>\n<header>\n<h1>testlanes run report</h1>\n<p class=\"meta\">")
        .append(esc(when(run.start())))
        .append(" &ndash; ")
        .append(esc(when(run.end())))
        .append(" &middot; run ")
        .append(esc(run.runId()))
        .append("</p>\n</header>\n");

    h.append("<section class=\"figures\">\n");
    figure(h, "wall-time", "Wall time", seconds(run.wallMillis()));
    figure(h, "test-time", "Test time (sum of classes)", seconds(run.testMillis()));
    if (run.laneCount() > 0) {
      figure(
          h,
          "busy-lanes",
          "Busy lanes on average",
          String.format(Locale.ROOT, "%.2f of %d", run.busyLanes(), run.laneCount()));
    } else {
      figure(
          h,
          "classes-at-once",
          "Test classes at once on average",
          String.format(Locale.ROOT, "%.2f", run.classesAtOnce()));
    }
    figure(
        h,
        "tests",
        "Tests",
        run.tests().size()
            + " ("
            + run.testCount(Outcome.PASSED)
            + " passed, "
            + run.testCount(Outcome.FAILED)
            + " failed, "
            + (run.testCount(Outcome.SKIPPED) + run.testCount(Outcome.ABORTED))
            + " skipped)");
    figure(h, "classes", "Test classes", Integer.toString(run.classes().size()));
    figure(h, "jvms", "JVMs", Integer.toString(run.jvms()));
    List<RunData.Row> laneRows = run.rows().stream().filter(RunData.Row::lane).toList();
    if (!laneRows.isEmpty()) {
      figure(
          h,
          "utilisation",
          "Mean lane utilisation",
          percent(laneRows.stream().mapToDouble(RunData.Row::utilisation).average().orElse(0)));
    }
    cpu.ifPresent(
        c ->
            figure(
                h,
                "cpu",
                "CPU busy on average",
                String.format(Locale.ROOT, "%.2f of %d cores", c.busyCores(), c.cores())));
    h.append("</section>\n");

    cpu.ifPresent(
        c ->
            h.append("<section class=\"cpu\">\n<h2>CPU</h2>\n<p id=\"cpu-line\">")
                .append(esc(ConsoleSummary.cpu(c)))
                .append("</p>\n</section>\n"));

    h.append("<section class=\"setup\">\n<h2>Setup</h2>\n<ul>\n");
    if (run.services().isEmpty()) {
      h.append("<li>Services: none reported</li>\n");
    }
    for (Phase p : run.services()) {
      h.append("<li class=\"service\">")
          .append(esc(p.name()))
          .append(" ready in ")
          .append(seconds(p.millis()))
          .append("</li>\n");
    }
    if (!run.lanePhases().isEmpty()) {
      h.append("<li>Lanes prepared: ")
          .append(run.lanePhases().size())
          .append(", slowest ")
          .append(seconds(run.lanePhases().stream().mapToLong(Phase::millis).max().orElse(0)))
          .append("</li>\n");
    }
    h.append("</ul>\n</section>\n");

    h.append("<section>\n<h2>Timeline</h2>\n")
        .append("<p class=\"legend\"><span class=\"key passed\"></span>passed ")
        .append("<span class=\"key failed\"></span>failed ")
        .append("<span class=\"key aborted\"></span>aborted ")
        .append("<span class=\"key skipped\"></span>skipped ")
        .append("<span class=\"key service\"></span>service start ")
        .append("<span class=\"key prepare\"></span>lane prepare</p>\n")
        .append("<div id=\"timeline\"></div>\n")
        .append("<noscript>The timeline needs JavaScript; the figures above do not.</noscript>\n")
        .append("</section>\n");

    h.append("<section>\n<h2>Slowest classes</h2>\n");
    classTable(h, "slowest", run.slowest(5), run);
    h.append("<details><summary>All ").append(run.classes().size()).append(" classes</summary>\n");
    classTable(h, "all-classes", run.slowest(Integer.MAX_VALUE), run);
    h.append("</details>\n</section>\n");

    h.append("<script type=\"application/json\" id=\"testlanes-data\">")
        .append(Json.write(data(run, cpu)))
        .append("</script>\n<script>\n")
        .append(SCRIPT)
        .append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void figure(StringBuilder h, String id, String label, String value) {
    h.append("<div class=\"figure\" id=\"figure-")
        .append(id)
        .append("\"><div class=\"value\">")
        .append(esc(value))
        .append("</div><div class=\"label\">")
        .append(esc(label))
        .append("</div></div>\n");
  }

  private static void classTable(
      StringBuilder h, String id, List<ClassRecord> classes, RunData run) {
    Map<String, int[]> counts = new LinkedHashMap<>();
    for (TestRecord t : run.tests()) {
      int[] c = counts.computeIfAbsent(t.className(), k -> new int[2]);
      c[0]++;
      if (t.outcome() == Outcome.FAILED) {
        c[1]++;
      }
    }
    h.append("<table id=\"")
        .append(id)
        .append("\">\n<thead><tr><th>Class</th><th>Time</th><th>Tests</th><th>Outcome</th>")
        .append("<th>Lane</th><th>JVM</th></tr></thead>\n<tbody>\n");
    for (ClassRecord c : classes) {
      int[] n = counts.getOrDefault(c.className(), new int[2]);
      h.append("<tr><td title=\"")
          .append(esc(c.className()))
          .append("\">")
          .append(esc(simpleName(c.className())))
          .append("</td><td class=\"num\">")
          .append(seconds(c.millis()))
          .append("</td><td class=\"num\">")
          .append(n[0])
          .append(n[1] > 0 ? " (" + n[1] + " failed)" : "")
          .append("</td><td><span class=\"key ")
          .append(c.outcome().id())
          .append("\"></span>")
          .append(c.outcome().id())
          .append("</td><td>")
          .append(esc(laneOf(c, run)))
          .append("</td><td class=\"num\">")
          .append(c.pid())
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table>\n");
  }

  private static String laneOf(ClassRecord c, RunData run) {
    List<String> lanes = new ArrayList<>();
    for (RunData.Row r : run.rows()) {
      for (RunData.Bar b : r.bars()) {
        if (b.className().equals(c.className()) && b.lane() != null && !lanes.contains(b.lane())) {
          lanes.add(b.lane());
        }
      }
    }
    return lanes.isEmpty() ? "-" : String.join(", ", lanes);
  }

  /** The timeline's data, times in milliseconds from the run's start. */
  private static Map<String, Object> data(RunData run, Optional<CpuUse.Figures> cpu) {
    long t0 = run.start();
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("end", run.wallMillis());
    cpu.ifPresent(c -> root.put("cpu", cpu(c)));
    List<Object> setup = new ArrayList<>();
    for (Phase p : run.services()) {
      setup.add(span(p.name(), p.start() - t0, p.end() - t0));
    }
    root.put("setup", setup);
    List<Object> rows = new ArrayList<>();
    for (RunData.Row r : run.rows()) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("label", r.label());
      row.put("lane", r.lane());
      row.put("utilisation", r.utilisation());
      List<Object> prepare = new ArrayList<>();
      for (Phase p : r.prepare()) {
        prepare.add(span(p.name(), p.start() - t0, p.end() - t0));
      }
      row.put("prepare", prepare);
      List<Object> bars = new ArrayList<>();
      for (RunData.Bar b :
          r.bars().stream().sorted(Comparator.comparingLong(RunData.Bar::start)).toList()) {
        Map<String, @Nullable Object> bar = span(b.className(), b.start() - t0, b.end() - t0);
        bar.put("label", simpleName(b.className()));
        bar.put("outcome", b.outcome().id());
        bar.put("tests", b.tests());
        bar.put("failed", b.failed());
        bar.put("pid", b.pid());
        bars.add(bar);
      }
      row.put("bars", bars);
      rows.add(row);
    }
    root.put("rows", rows);
    return root;
  }

  /** CPU times in milliseconds; only the embedded services are the host's children. */
  private static Map<String, Object> cpu(CpuUse.Figures c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("windowMs", c.windowMillis());
    m.put("cores", c.cores());
    m.put("backend", c.backend().id());
    m.put("testJvmsMs", c.jvmMillis());
    m.put("serviceHostMs", c.host().hostMillis());
    Map<String, Object> services = new LinkedHashMap<>();
    c.host().serviceMillis().forEach((service, ms) -> services.put(service.id(), ms));
    m.put("servicesMs", services);
    c.machineBusy().ifPresent(b -> m.put("machineBusy", b));
    return m;
  }

  private static Map<String, @Nullable Object> span(String name, long start, long end) {
    Map<String, @Nullable Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("start", start);
    m.put("end", Math.max(start, end));
    return m;
  }

  private static String when(long epochMillis) {
    return TIME.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
  }

  static String esc(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static final String CSS =
      """
      :root { --passed:#2f9e5f; --failed:#d64545; --aborted:#e0a030; --skipped:#a0a6ad;
        --service:#3b7dd8; --prepare:#8a6bd1; --ink:#1f2328; --muted:#656d76; --line:#d8dee4; }
      * { box-sizing: border-box; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
        color: var(--ink); margin: 0 auto; padding: 20px 28px 40px; max-width: 1600px; }
      h1 { font-size: 22px; margin: 0 0 2px; }
      h2 { font-size: 16px; margin: 26px 0 8px; }
      .meta { color: var(--muted); margin: 0; }
      .figures { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
      .figure { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px;
        min-width: 150px; }
      .figure .value { font-size: 22px; font-weight: 600; }
      .figure .label { color: var(--muted); font-size: 12px; }
      .setup ul { margin: 0; padding-left: 20px; }
      .legend { color: var(--muted); font-size: 12px; }
      .key { display: inline-block; width: 11px; height: 11px; border-radius: 2px;
        margin: 0 4px 0 10px; vertical-align: -1px; }
      td .key { margin-left: 0; }
      .key.passed, rect.passed { background: var(--passed); fill: var(--passed); }
      .key.failed, rect.failed { background: var(--failed); fill: var(--failed); }
      .key.aborted, rect.aborted { background: var(--aborted); fill: var(--aborted); }
      .key.skipped, rect.skipped { background: var(--skipped); fill: var(--skipped); }
      .key.service, rect.service-bar { background: var(--service); fill: var(--service); }
      .key.prepare, rect.prepare-bar { background: var(--prepare); fill: var(--prepare); }
      #timeline { border: 1px solid var(--line); border-radius: 8px; overflow-x: auto; }
      #timeline svg { display: block; }
      rect.bar { stroke: #fff; stroke-width: 1; }
      rect.bar:hover { stroke: var(--ink); }
      .row-label { font-size: 12px; fill: var(--ink); }
      .row-sub { font-size: 10px; fill: var(--muted); }
      .bar-label { font-size: 10px; fill: #fff; pointer-events: none; }
      .tick { stroke: #8c959f; stroke-opacity: .35; pointer-events: none; }
      .tick-label { font-size: 10px; fill: var(--muted); }
      .row-bg { fill: #f6f8fa; }
      table { border-collapse: collapse; margin: 4px 0 12px; }
      th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid var(--line); }
      th { font-size: 12px; color: var(--muted); font-weight: 600; }
      td.num { text-align: right; font-variant-numeric: tabular-nums; }
      details summary { cursor: pointer; color: var(--muted); }
      """;

  private static final String SCRIPT =
      """
      (function () {
        'use strict';
        var data = JSON.parse(document.getElementById('testlanes-data').textContent);
        var host = document.getElementById('timeline');
        var NS = 'http://www.w3.org/2000/svg';
        var LABEL = 150, RIGHT = 24, AXIS = 24, TRACK = 18, PAD = 5;
        var width = Math.max(900, host.clientWidth || 1200);
        var span = Math.max(1, data.end);
        var scale = (width - LABEL - RIGHT) / span;
        function x(t) { return LABEL + t * scale; }
        function el(name, attrs, parent, text) {
          var e = document.createElementNS(NS, name);
          for (var k in attrs) { e.setAttribute(k, attrs[k]); }
          if (text !== undefined) { e.textContent = text; }
          if (parent) { parent.appendChild(e); }
          return e;
        }
        function secs(ms) {
          return ms >= 120000
            ? Math.floor(ms / 60000) + ' m ' + String(Math.round(ms / 1000) % 60).padStart(2, '0') + ' s'
            : (ms / 1000).toFixed(1) + ' s';
        }
        function stack(items) {
          var ends = [];
          items.slice().sort(function (a, b) { return a.start - b.start; }).forEach(function (it) {
            var t = 0;
            while (t < ends.length && ends[t] > it.start) { t++; }
            ends[t] = it.end;
            it.track = t;
          });
          return Math.max(1, ends.length);
        }
        function fit(text, w) {
          var n = Math.floor((w - 6) / 6);
          if (n < 3) { return ''; }
          return text.length <= n ? text : text.slice(0, n - 1) + '\\u2026';
        }
        var svg = el('svg', { xmlns: NS, width: width, 'class': 'timeline' }, host);
        var steps = [100, 200, 500, 1000, 2000, 5000, 10000, 15000, 30000, 60000, 120000,
          300000, 600000, 900000, 1800000, 3600000];
        var step = steps[steps.length - 1];
        for (var i = 0; i < steps.length; i++) { if (span / steps[i] <= 12) { step = steps[i]; break; } }
        var axis = el('g', { 'class': 'axis' }, svg);
        var ticks = [];
        for (var t = 0; t <= span; t += step) { ticks.push(t); }
        ticks.forEach(function (t) {
          el('text', { x: x(t), y: 14, 'text-anchor': 'middle', 'class': 'tick-label' }, axis, secs(t));
        });
        var y = AXIS;
        var rowsGroup = el('g', { 'class': 'rows' }, svg);
        function row(cls, label, sub, items, draw) {
          var tracks = stack(items);
          var h = tracks * TRACK + 2 * PAD;
          var g = el('g', { 'class': 'row ' + cls, transform: 'translate(0,' + y + ')' }, rowsGroup);
          el('rect', { x: 0, y: 0, width: width, height: h, 'class': 'row-bg' }, g);
          el('text', { x: 8, y: PAD + 13, 'class': 'row-label' }, g, label);
          if (sub) { el('text', { x: 8, y: PAD + 25, 'class': 'row-sub' }, g, sub); }
          items.forEach(function (it) { draw(g, it, PAD + it.track * TRACK); });
          y += h + 3;
          return g;
        }
        function bar(g, it, top, cls, title, label) {
          var w = Math.max(1.5, (it.end - it.start) * scale);
          var r = el('rect', { x: x(it.start), y: top + 1, width: w, height: TRACK - 2, rx: 2,
            'class': 'bar ' + cls }, g);
          el('title', {}, r, title);
          var text = fit(label, w);
          if (text) { el('text', { x: x(it.start) + 4, y: top + 13, 'class': 'bar-label' }, g, text); }
          return r;
        }
        if (data.setup.length) {
          row('setup-row', 'services', 'start & ready', data.setup, function (g, it, top) {
            var r = bar(g, it, top, 'service-bar', it.name + ' ready in ' + secs(it.end - it.start), it.name);
            r.setAttribute('data-service', it.name);
          });
        }
        data.rows.forEach(function (rw) {
          var items = rw.prepare.map(function (p) { p.kind = 'prepare'; return p; }).concat(rw.bars);
          var sub = Math.round(rw.utilisation * 100) + '% busy';
          var g = row('lane-row', rw.label, sub, items, function (g, it, top) {
            if (it.kind === 'prepare') {
              bar(g, it, top, 'prepare-bar', rw.label + ' prepared in ' + secs(it.end - it.start), 'prepare');
              return;
            }
            var title = it.name + '\\n' + secs(it.end - it.start) + ', ' + it.tests + ' test'
              + (it.tests === 1 ? '' : 's') + (it.failed ? ', ' + it.failed + ' failed' : '')
              + ', ' + it.outcome + '\\n' + rw.label + ', JVM ' + it.pid;
            var r = bar(g, it, top, 'class-bar ' + it.outcome, title, it.label);
            r.setAttribute('data-class', it.name);
          });
          g.setAttribute('data-lane', rw.label);
        });
        var grid = el('g', { 'class': 'grid' }, svg);
        ticks.forEach(function (t) {
          el('line', { x1: x(t), x2: x(t), y1: AXIS - 4, y2: y, 'class': 'tick' }, grid);
        });
        svg.setAttribute('height', y + 4);
        document.body.setAttribute('data-timeline', 'drawn');
      }());
      """;
}
