package io.testlanes.internal.backend.embedded;

import io.testlanes.internal.process.Privileges;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The command line of an embedded Cassandra node's JVM. */
final class CassandraCommand {
  static final String MAIN_CLASS = "org.apache.cassandra.service.CassandraDaemon";

  /**
   * What {@code SkipListMemtable} would otherwise measure at every start: the heap overhead of one
   * partition in a memtable, in bytes, used only to account memtable size (and so to decide when to
   * flush). Cassandra estimates it by filling a 100,000-entry skip list and measuring it with jamm;
   * on 2 cores that is the largest single cost of a start (+1.45 s CPU, +30 MB RSS). Running
   * Cassandra's own estimate on this backend's JVM (Java 17, 64-bit, compressed oops, 512 MB serial
   * heap) gives 181; with a 2 GB heap, or 1,000 entries instead of 100,000, it gives 180. It is an
   * average over a random skip list, so a byte either way is noise, and it only shifts when a test
   * node flushes: a constant is as good as the measurement and costs nothing.
   */
  static final int MEMTABLE_ROW_OVERHEAD_BYTES = 181;

  /** See {@link #IDLE_TUNING}. */
  static final int APPROXIMATE_TIME_PRECISION_MILLIS = 100;

  /**
   * The module options of Cassandra's {@code conf/jvm17-server.options} (branch cassandra-5.0),
   * which {@code cassandra-all} does not ship. Java 11 needs none of them.
   */
  static final List<String> JAVA17_MODULE_OPTIONS =
      List.of(
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports=java.sql/java.sql=ALL-UNNAMED",
          "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
          "--add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED");

  /**
   * Start-up tuning for a throw-away test node (each measured on 2 cores; see
   * shared/notes/cassandra-from-maven.md): a single-threaded collector and C1 only cost less CPU
   * while the node boots; {@code unsafesystem} and {@code skip_sync} skip fsyncs; schema changes
   * are not flushed at once; shutdown does not wait 2 s to announce itself to a cluster it is alone
   * in.
   */
  static final List<String> TEST_TUNING =
      List.of(
          "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1",
          "-XX:-UsePerfData",
          "-XX:+ExitOnOutOfMemoryError",
          "-Dcassandra.memtable.row_overhead_size=" + MEMTABLE_ROW_OVERHEAD_BYTES,
          "-Dcassandra.unsafesystem=true",
          "-Dcassandra.skip_sync=true",
          "-Dcassandra.test.flush_local_schema_changes=false",
          "-Dcassandra.shutdown_announce_in_ms=0");

  /**
   * Idle tuning, for the time tests think between queries (measured on 2 cores, a run attached and
   * idle for 60 s): Cassandra samples the clock behind request deadlines and message expiry on its
   * {@code ScheduledFastTasks} thread every 2 ms, 500 wake-ups a second at about 20 µs each, which
   * was most of the node's idle CPU (1.2% of a core). Every 100 ms it costs 0.1%; deadlines are
   * seconds long, and write timestamps do not come from this clock. The node's other idle threads
   * (buffer pool and reference cleaners polling every 100 ms, gossip, the commit log) are fixed in
   * code and cost about 0.3% together.
   */
  static final List<String> IDLE_TUNING =
      List.of("-Dcassandra.approximate_time_precision_ms=" + APPROXIMATE_TIME_PRECISION_MILLIS);

  /**
   * Logins need the password that replaces the default role's on the first round trip ({@link
   * CassandraConfigFiles#yaml}). The default role {@code cassandra} is made at once rather than
   * after Cassandra's 10 s delay (meant to let a node see its peers first; this one has none), so
   * that it exists by the time the CQL port opens; bcrypt with 2^4 rounds instead of 2^10 makes
   * each login (every connection of every session) cost about a millisecond instead of tens: the
   * password is 190 random bits, not a word to guess.
   */
  static final List<String> AUTHENTICATION =
      List.of(
          "-Dcassandra.superuser_setup_delay_ms=0",
          "-Dcassandra.auth_bcrypt_gensalt_log2_rounds=4");

  private CassandraCommand() {}

  /**
   * The full command: privilege prefix, {@code java}, options, main class.
   *
   * @param runAs the unprivileged user that runs the node (as root); empty: this JVM's user
   * @param root whether this JVM is root; without {@code runAs}, the node then runs as root but
   *     without the capability to lock memory
   */
  static List<String> of(
      CassandraJava java,
      List<Path> classpath,
      Path nodeDir,
      int heapMegabytes,
      CassandraClassArchive archive,
      Optional<String> runAs,
      boolean root) {
    List<String> command = new ArrayList<>();
    if (runAs.isPresent()) {
      command.addAll(Privileges.runAs(runAs.get()));
    } else if (root) {
      // As root, Cassandra's mlockall succeeds and pins the whole heap: +1.5-3 s, RSS ×3.
      command.addAll(Privileges.withoutMemoryLocking());
    }
    command.add(java.executable().toString());
    command.addAll(jvmOptions(java, nodeDir, heapMegabytes, archive));
    command.add("-cp");
    command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
    command.add(MAIN_CLASS);
    return command;
  }

  static List<String> jvmOptions(
      CassandraJava java, Path nodeDir, int heapMegabytes, CassandraClassArchive archive) {
    List<String> o = new ArrayList<>();
    o.add("-Xms" + heapMegabytes + "m");
    o.add("-Xmx" + heapMegabytes + "m");
    o.addAll(TEST_TUNING);
    o.addAll(IDLE_TUNING);
    o.addAll(AUTHENTICATION);
    o.addAll(archive.jvmOptions());
    if (java.feature() >= 17) {
      o.addAll(JAVA17_MODULE_OPTIONS);
    }
    o.add("-Djdk.attach.allowAttachSelf=true");
    o.add("-Dio.netty.tryReflectionSetAccessible=true");
    o.add("-Djava.net.preferIPv4Stack=true");
    o.add("-Dcassandra-foreground=yes");
    o.add("-Dcassandra.config=" + CassandraConfigFiles.yaml(nodeDir).toUri());
    o.add("-Dlogback.configurationFile=" + CassandraConfigFiles.logback(nodeDir));
    Path tmp = CassandraConfigFiles.tmp(nodeDir);
    o.add("-Djava.io.tmpdir=" + tmp);
    o.add("-Djna.tmpdir=" + tmp);
    return o;
  }
}
