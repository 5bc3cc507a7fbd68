package io.testlanes.internal.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What tests read of other processes: {@code /proc}, and commands run as {@code nobody}. */
public final class ProcFiles {
  private ProcFiles() {}

  /**
   * {@code <pid> <command line>} of every process but this JVM, arguments joined by spaces. Only
   * processes that can be read are listed (one that ends meanwhile is not).
   */
  public static List<String> commandLines() throws IOException {
    List<String> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (var dirs = Files.list(Path.of("/proc"))) {
      for (Path p : (Iterable<Path>) dirs::iterator) {
        String pid = p.getFileName().toString();
        if (!pid.chars().allMatch(Character::isDigit) || Long.parseLong(pid) == self) {
          continue;
        }
        try {
          byte[] raw = Files.readAllBytes(p.resolve("cmdline"));
          found.add(pid + " " + new String(raw, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException e) {
          // the process ended meanwhile
        }
      }
    }
    return found;
  }

  /** {@code command} run as the user {@code nobody} (needs root). */
  public static ProcessBuilder asNobody(List<String> command) {
    return new ProcessBuilder(Privileges.asUser(Optional.of("nobody"), command));
  }
}
