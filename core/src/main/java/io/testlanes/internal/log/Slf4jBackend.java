package io.testlanes.internal.log;

import java.lang.System.Logger.Level;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * Whether slf4j has a logging backend in this JVM, decided once, at testlanes' first log line.
 *
 * <p>slf4j drops every line (its no-operation logger) when it finds no backend it can use. On a
 * user's class path that happens without the user choosing it: Jedis 7 and the Cassandra driver
 * bring slf4j-api 1.7, which beats testlanes' 2.0 in a project without dependency management and
 * looks only for 1.7 bindings ({@code org.slf4j.impl.StaticLoggerBinder}), not for the 2.x
 * providers of logback 1.3+ or slf4j-simple 2; slf4j-api 2 in turn ignores 1.7 bindings; and a
 * project may have no binding at all. In each case testlanes' lines go to {@link System.Logger}
 * instead, after one warning that says what was found and the fix. Only slf4j-nop, a choice to
 * silence logging, is respected.
 */
final class Slf4jBackend {
  private static final String PROVIDERS = "META-INF/services/org.slf4j.spi.SLF4JServiceProvider";
  private static final String LEGACY_BINDING = "org/slf4j/impl/StaticLoggerBinder.class";

  private Slf4jBackend() {}

  /** Whether testlanes' lines go to slf4j. */
  static boolean works() {
    return Decision.WORKS;
  }

  /** Holder: decided when first asked, then fixed for the life of the JVM. */
  private static final class Decision {
    static final boolean WORKS = decide();
  }

  private static boolean decide() {
    ILoggerFactory factory;
    try {
      factory = LoggerFactory.getILoggerFactory();
    } catch (LinkageError e) {
      warn("slf4j cannot start here (" + e + ")", "use one slf4j-api version, 2.0.x or 1.7.x");
      return false;
    }
    if (!(factory instanceof NOPLoggerFactory) || silencedOnPurpose()) {
      return true;
    }
    boolean api2 = resource("org/slf4j/spi/SLF4JServiceProvider.class") != null;
    String api = "slf4j-api " + (api2 ? "2.x" : "1.7") + " (" + jarOf(LoggerFactory.class) + ")";
    if (!api2 && resource(PROVIDERS) != null) {
      warn(
          api
              + " finds no logging backend: the one on the class path is an slf4j 2 provider,"
              + " which slf4j-api 1.7 cannot see (Jedis and the Cassandra driver bring 1.7, and"
              + " it wins over testlanes' 2.0 where no dependency management says otherwise)",
          "make slf4j-api 2.0.x win: declare org.slf4j:slf4j-api 2.0.x among your test"
              + " dependencies or in dependencyManagement");
    } else if (api2 && resource(LEGACY_BINDING) != null) {
      warn(
          api
              + " finds no logging backend: the binding on the class path is for slf4j 1.7"
              + " (org.slf4j.impl.StaticLoggerBinder), which slf4j-api 2 ignores",
          "use a binding of slf4j 2 (logback 1.3+, slf4j-simple 2.x), or make slf4j-api 1.7 win");
    } else {
      warn(
          api + " finds no logging backend on the class path",
          "add one to your test dependencies, such as org.slf4j:slf4j-simple or logback-classic");
    }
    return false;
  }

  /** slf4j-nop, the binding that drops every line by design. */
  private static boolean silencedOnPurpose() {
    return resource("org/slf4j/nop/NOPServiceProvider.class") != null
        || (resource(LEGACY_BINDING) != null
            && resource("org/slf4j/spi/SLF4JServiceProvider.class") == null);
  }

  private static void warn(String found, String fix) {
    System.getLogger(Slf4jBackend.class.getPackageName())
        .log(
            Level.WARNING,
            "testlanes: "
                + found
                + ", so testlanes logs through System.Logger (java.util.logging) instead. Fix: "
                + fix
                + ".");
  }

  private static @Nullable URL resource(String name) {
    ClassLoader loader = LoggerFactory.class.getClassLoader();
    return loader == null ? ClassLoader.getSystemResource(name) : loader.getResource(name);
  }

  private static String jarOf(Class<?> c) {
    CodeSource source = c.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return "location unknown";
    }
    try {
      Path p = Path.of(source.getLocation().toURI()).getFileName();
      return p == null ? source.getLocation().toString() : p.toString();
    } catch (URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }
}
