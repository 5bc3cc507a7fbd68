package io.testlanes.internal.backend.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code cassandra.yaml} and {@code logback.xml} of one embedded Cassandra node, and the
 * directories they name. {@code cassandra-all} ships neither file.
 *
 * <p>Layout of the node directory: {@code conf/}, {@code data/}, {@code commitlog/}, {@code
 * saved_caches/}, {@code hints/}, {@code cdc_raw/}, {@code tmp/} and {@code cassandra.log}.
 */
final class CassandraConfigFiles {
  static final String HOST = "127.0.0.1";
  static final String DATACENTER = "datacenter1";

  private CassandraConfigFiles() {}

  /**
   * Writes both files (mode 600) into {@code nodeDir/conf} and makes the directories that they name
   * (mode 700). The caller hands the whole node directory to the user that runs the node.
   */
  static void write(Path nodeDir, int storagePort, int nativePort) throws IOException {
    for (String dir :
        new String[] {"conf", "data", "commitlog", "saved_caches", "hints", "cdc_raw", "tmp"}) {
      Files.createDirectories(nodeDir.resolve(dir), PRIVATE_DIRECTORY);
    }
    EmbeddedServer.writePrivateFile(
        yaml(nodeDir), yaml(nodeDir, storagePort, nativePort), Optional.empty());
    EmbeddedServer.writePrivateFile(logback(nodeDir), logback(), Optional.empty());
  }

  private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  /**
   * The node's cluster name, unique per node directory: readiness checks it, so that a node of
   * another run that happens to listen on the same port is never taken for this one.
   */
  static String clusterName(Path nodeDir) {
    return "testlanes " + nodeDir.getFileName();
  }

  static Path yaml(Path nodeDir) {
    return nodeDir.resolve("conf").resolve("cassandra.yaml");
  }

  static Path logback(Path nodeDir) {
    return nodeDir.resolve("conf").resolve("logback.xml");
  }

  static Path tmp(Path nodeDir) {
    return nodeDir.resolve("tmp");
  }

  /**
   * A single node for tests: loopback only, its own ports, every directory under {@code nodeDir},
   * no snapshots before TRUNCATE and DROP, no hints, commit log synced rarely.
   *
   * <p>Logins need a password ({@code PasswordAuthenticator}): the node starts with Cassandra's
   * default role {@code cassandra}/{@code cassandra}, whose password {@link CassandraCqlProbe}
   * replaces with the run's on its first round trip. Credentials are not cached, so the old
   * password stops working at once. Authorization stays {@code AllowAllAuthorizer}: the one role is
   * a superuser, for which CassandraAuthorizer would check nothing but cost a lookup per statement.
   */
  static String yaml(Path nodeDir, int storagePort, int nativePort) {
    String d = nodeDir.toAbsolutePath().toString();
    return String.join(
        "\n",
        "# Written by testlanes for one embedded test node; removed when the node stops.",
        "cluster_name: " + quoted(clusterName(nodeDir)),
        "num_tokens: 1",
        "partitioner: org.apache.cassandra.dht.Murmur3Partitioner",
        "endpoint_snitch: SimpleSnitch",
        "seed_provider:",
        "  - class_name: org.apache.cassandra.locator.SimpleSeedProvider",
        "    parameters:",
        "      - seeds: \"" + HOST + ":" + storagePort + "\"",
        "listen_address: " + HOST,
        "rpc_address: " + HOST,
        "storage_port: " + storagePort,
        "native_transport_port: " + nativePort,
        "start_native_transport: true",
        "data_file_directories:",
        "  - " + quoted(d + "/data"),
        "commitlog_directory: " + quoted(d + "/commitlog"),
        "saved_caches_directory: " + quoted(d + "/saved_caches"),
        "hints_directory: " + quoted(d + "/hints"),
        "cdc_raw_directory: " + quoted(d + "/cdc_raw"),
        "commitlog_sync: periodic",
        "commitlog_sync_period: 10000ms",
        "authenticator: PasswordAuthenticator",
        "authorizer: AllowAllAuthorizer",
        "role_manager: CassandraRoleManager",
        "credentials_validity: 0ms",
        // TRUNCATE and DROP would otherwise snapshot first: slow, and it fills the disk.
        "auto_snapshot: false",
        "snapshot_before_compaction: false",
        "hinted_handoff_enabled: false",
        "dynamic_snitch: false",
        "disk_failure_policy: stop",
        "commit_failure_policy: stop",
        "");
  }

  /** Single-quoted YAML scalar. */
  private static String quoted(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  /**
   * Warnings and errors to standard output (which {@code ServiceProcess} appends to {@code
   * cassandra.log}), plus the line that says CQL clients can connect.
   */
  static String logback() {
    return String.join(
        "\n",
        "<configuration scan=\"false\">",
        "  <appender name=\"STDOUT\" class=\"ch.qos.logback.core.ConsoleAppender\">",
        "    <encoder>",
        "      <pattern>%-5level [%thread] %date{HH:mm:ss.SSS} %logger{0}: %msg%n</pattern>",
        "    </encoder>",
        "  </appender>",
        "  <logger name=\"org.apache.cassandra.transport.PipelineConfigurator\" level=\"INFO\"/>",
        "  <root level=\"WARN\">",
        "    <appender-ref ref=\"STDOUT\"/>",
        "  </root>",
        "</configuration>",
        "");
  }
}
