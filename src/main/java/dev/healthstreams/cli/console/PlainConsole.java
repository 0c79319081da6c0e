package dev.healthstreams.cli.console;

import java.io.PrintWriter;
import java.util.List;

/**
 * The summary as plain lines, for a pipe, a file or a dumb terminal: every output and dead letter
 * as a line when it arrives; the topologies' figures (and, separately, the endpoints to try) when
 * they changed since last printed, at each refresh; and the whole summary when the demo stops.
 */
public final class PlainConsole extends DemoConsole {
  private List<String> printedFigures = List.of();
  private List<String> printedLinks = List.of();

  public PlainConsole(PrintWriter out, Frames frames) {
    super(out, frames);
  }

  @Override
  public synchronized void record(String line) {
    out.println(line);
    out.flush();
  }

  @Override
  protected synchronized void refresh() {
    List<String> frame = frames.frame(0, false);
    int links = frame.indexOf("try:");
    List<String> figures = frame.subList(1, links < 0 ? frame.size() : links);
    List<String> tries = links < 0 ? List.of() : frame.subList(links, frame.size());
    if (!figures.equals(printedFigures)) {
      out.println(frame.get(0));
      figures.forEach(out::println);
      printedFigures = List.copyOf(figures);
    }
    if (!tries.equals(printedLinks)) {
      tries.forEach(out::println);
      printedLinks = List.copyOf(tries);
    }
    out.flush();
  }

  @Override
  protected synchronized void finish() {
    frames.frame(LAST_OUTPUTS, true).forEach(out::println);
  }
}
