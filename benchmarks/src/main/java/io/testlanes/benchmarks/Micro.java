package io.testlanes.benchmarks;

import io.testlanes.benchmarks.jmh.LaneBenchmarks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH component benchmarks, short: one fork, 2 warm-up and 4 measured 1-second rounds. */
final class Micro {
  private Micro() {}

  /** One benchmark's score. */
  record Row(String benchmark, String params, double score, double error, String unit) {}

  static List<Row> run(Path jsonOut) throws RunnerException {
    Options options =
        new OptionsBuilder()
            .include(LaneBenchmarks.class.getName() + ".*")
            .forks(1)
            .warmupIterations(2)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(4)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgs("-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
            .resultFormat(ResultFormatType.JSON)
            .result(jsonOut.toString())
            .build();
    Collection<RunResult> results = new Runner(options).run();
    List<Row> rows = new ArrayList<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      name = name.substring(name.lastIndexOf('.') + 1);
      StringBuilder params = new StringBuilder();
      for (String key : r.getParams().getParamsKeys()) {
        params.append(key).append('=').append(r.getParams().getParam(key)).append(' ');
      }
      rows.add(
          new Row(
              name,
              params.toString().trim(),
              r.getPrimaryResult().getScore(),
              r.getPrimaryResult().getScoreError(),
              r.getPrimaryResult().getScoreUnit()));
    }
    return rows;
  }
}
