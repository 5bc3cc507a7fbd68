package io.testlanes.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Closes several resources, every one of them, and reports the first failure with the rest. */
final class Closing {
  private Closing() {}

  static void closeAll(Collection<? extends AutoCloseable> resources) throws Exception {
    List<Exception> failures = new ArrayList<>();
    for (AutoCloseable c : resources) {
      try {
        c.close();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      Exception first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }
}
