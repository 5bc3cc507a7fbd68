package io.testlanes.internal.backend.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code docker} command for tests: what the engine says, not what Testcontainers says.
 */
final class Docker {
  private Docker() {}

  /** Standard output of {@code docker args...}; fails the test if docker exits non-zero. */
  static String run(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("docker");
    cmd.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Ids of all containers, running or not, whose id starts with {@code id}. */
  static String psAll(String id) {
    return run("ps", "-a", "-q", "--no-trunc", "--filter", "id=" + id);
  }

  /** The container's published ports as "HostIp:HostPort" lines, one per binding. */
  static String hostBindings(String id) {
    return run(
        "inspect",
        "--format",
        "{{range $p, $b := .NetworkSettings.Ports}}{{range $b}}{{.HostIp}}:{{.HostPort}}\n"
            + "{{end}}{{end}}",
        id);
  }

  /** Everything the engine tells about the container: its environment and command included. */
  static String inspect(String id) {
    return run("inspect", id);
  }

  /** The value of {@code name} in the container's environment, or empty. */
  static String env(String id, String name) {
    for (String line :
        run("inspect", "--format", "{{range .Config.Env}}{{println .}}{{end}}", id).split("\n")) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1);
      }
    }
    return "";
  }

  /** The container's tmpfs mounts as "path" lines. */
  static String tmpfsMounts(String id) {
    return run("inspect", "--format", "{{range $k, $v := .HostConfig.Tmpfs}}{{$k}}\n{{end}}", id);
  }
}
