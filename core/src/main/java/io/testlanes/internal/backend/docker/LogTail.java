package io.testlanes.internal.backend.docker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.testcontainers.containers.output.OutputFrame;

/** Keeps the last lines a container wrote to stdout and stderr, for error messages. */
final class LogTail implements Consumer<OutputFrame> {
  private final int capacity;
  private final ArrayDeque<String> lines;

  LogTail(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
    this.lines = new ArrayDeque<>(capacity);
  }

  @Override
  public synchronized void accept(OutputFrame frame) {
    if (frame.getType() == OutputFrame.OutputType.END) {
      return;
    }
    for (String line : frame.getUtf8StringWithoutLineEnding().split("\n", -1)) {
      if (lines.size() == capacity) {
        lines.removeFirst();
      }
      lines.addLast(line);
    }
  }

  /** The last {@code n} lines, joined with newlines; empty if the container wrote nothing. */
  synchronized String last(int n) {
    List<String> all = new ArrayList<>(lines);
    return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
  }
}
