package io.testlanes.junit.internal;

import io.testlanes.config.Reset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a test class asks of its lane with {@code @TestLanes}.
 *
 * @param reset the reset mode of the innermost class that sets one, or null: {@code
 *     testlanes.reset} decides
 * @param data classpath locations of the data scripts of the lane's holder (the outermost class),
 *     resolved against the package of the class that declares them
 * @param dataClass the class that declares {@code data}, for error messages (empty without data)
 */
public record LaneOptions(@Nullable Reset reset, List<String> data, String dataClass) {
  /** Nothing asked: the configured reset mode, no data. */
  public static final LaneOptions DEFAULT = new LaneOptions(null, List.of(), "");

  public LaneOptions {
    data = List.copyOf(data);
  }
}
