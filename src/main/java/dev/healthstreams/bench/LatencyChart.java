package dev.healthstreams.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The latency curve as a PNG: p99 against offered load (percent of the rate each topology sustained
 * with the loader running), one line per topology, the p99 target as a horizontal line. Log scale:
 * the topologies' p99s lie an order of magnitude apart.
 */
final class LatencyChart {
  static final String FILE = "latency-curve.png";
  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;

  private LatencyChart() {}

  static void write(Path file, List<BenchResult> results) {
    // No display on a build machine or in a container: draw off-screen.
    System.setProperty("java.awt.headless", "true");
    XYSeriesCollection lines = new XYSeriesCollection();
    long target = 0;
    for (BenchResult result : results) {
      XYSeries line = new XYSeries(result.topology());
      for (LoadPoint point : result.latencyCurve()) {
        if (point.samples() > 0) {
          line.add(point.share() * 100, Math.max(1, point.p99Ms()));
        }
      }
      if (!line.isEmpty()) {
        lines.addSeries(line);
      }
      target = Math.max(target, result.latencyTargetMs());
    }
    JFreeChart chart =
        ChartFactory.createXYLineChart(
            "p99 end-to-end latency against offered load",
            "offered load, % of the rate sustained with the loader running",
            "p99 ms",
            lines,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    LogarithmicAxis millis = new LogarithmicAxis("p99 ms (log scale)");
    millis.setAllowNegativesFlag(false);
    plot.setRangeAxis(millis);
    if (target > 0) {
      plot.addRangeMarker(new ValueMarker(target));
    }
    try {
      ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
