package io.testlanes.spring.internal;

import io.testlanes.Lane;
import io.testlanes.config.Service;
import io.testlanes.junit.ClassLane;
import io.testlanes.junit.TestLanes;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Before each test of a {@code @TestLanes} class: checks that the test's application context talks
 * to the lane its class holds (a mismatch fails the test, naming both), reports once per class
 * whether the context was created or reused, and takes the lane's reset step for the test. Ordered
 * before Spring's transaction and {@code @Sql} listeners, so a reset never wipes a test's
 * {@code @Sql} data nor waits on its transaction. Registered in {@code META-INF/spring.factories}.
 */
final class LaneTestExecutionListener extends AbstractTestExecutionListener {
  /** Before {@code TransactionalTestExecutionListener} (4000) and {@code @Sql} (5000). */
  static final int ORDER = 3900;

  private static final String REPORTED = LaneTestExecutionListener.class.getName() + ".reported";

  /** Contexts whose DataSource was seen to reach the lane's database. */
  private static final Set<ApplicationContext> DATA_SOURCE_CHECKED =
      Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public void beforeTestMethod(TestContext testContext) {
    Class<?> testClass = testContext.getTestClass();
    if (!TestContextAnnotationUtils.hasAnnotation(testClass, TestLanes.class)) {
      return;
    }
    LaneContextCustomizer customizer = LaneContextCustomizerFactory.of(testClass);
    ClassLane classLane =
        ClassLane.held(testClass)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        testClass.getName()
                            + " holds no lane, but its application context was built for one."
                            + " Fix: run it with JUnit Jupiter and the testlanes extension"
                            + " (@TestLanes on the class or a base class)."));
    ApplicationContext context = testContext.getApplicationContext();
    if (customizer != null) {
      check(context, classLane.lane(), customizer.services(), testClass);
      if (testContext.getAttribute(REPORTED) == null) {
        testContext.setAttribute(REPORTED, Boolean.TRUE);
        classLane.reportContext(customizer.label(), customizer.createdBy(testClass));
      }
    }
    classLane.beforeTest();
  }

  /**
   * Fails unless {@code context}'s connection details (and, once per context, its {@code
   * DataSource}) point at {@code lane}.
   */
  static void check(
      ApplicationContext context, Lane lane, Set<Service> services, Class<?> testClass) {
    ClassLoader loader =
        context.getClassLoader() == null
            ? LaneTestExecutionListener.class.getClassLoader()
            : context.getClassLoader();
    Map<Service, String> expected = LaneEndpoints.of(lane, services);
    Map<Service, String> seen = BootConnectionDetails.forClasspath(loader).endpoints(context);
    StringBuilder wrong = new StringBuilder();
    for (Map.Entry<Service, String> e : seen.entrySet()) {
      String want = expected.get(e.getKey());
      if (want != null && !want.equals(e.getValue())) {
        wrong
            .append(wrong.length() == 0 ? "" : "; ")
            .append(e.getKey().id())
            .append(" at ")
            .append(e.getValue())
            .append(" instead of ")
            .append(want);
      }
    }
    String keyspace = context.getEnvironment().getProperty("spring.cassandra.keyspace-name");
    if (services.contains(Service.CASSANDRA)
        && keyspace != null
        && !keyspace.equals(lane.keyspace())) {
      wrong
          .append(wrong.length() == 0 ? "" : "; ")
          .append("cassandra keyspace ")
          .append(keyspace)
          .append(" instead of ")
          .append(lane.keyspace());
    }
    if (wrong.length() > 0) {
      throw new IllegalStateException(
          "the application context of "
              + testClass.getName()
              + " does not talk to "
              + lane.name()
              + ", the lane the class holds: "
              + wrong
              + ". Its tests would read and write another lane's data. Fix: do not define"
              + " connection-details, DataSource or client beans of your own in test"
              + " configurations of @TestLanes classes; testlanes-spring points the context at the"
              + " lane.");
    }
    if (services.contains(Service.POSTGRES) && !DATA_SOURCE_CHECKED.contains(context)) {
      checkDataSource(context, lane, testClass);
      DATA_SOURCE_CHECKED.add(context);
    }
  }

  private static void checkDataSource(ListableBeanFactory context, Lane lane, Class<?> testClass) {
    DataSource dataSource = context.getBeanProvider(DataSource.class).getIfUnique();
    if (dataSource == null) {
      return;
    }
    String url;
    try (Connection c = dataSource.getConnection()) {
      url = c.getMetaData().getURL();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "the DataSource of the application context of "
              + testClass.getName()
              + " cannot connect: "
              + e.getMessage(),
          e);
    }
    String want = LaneEndpoints.postgres(lane.jdbcUrl());
    if (url == null || !LaneEndpoints.postgres(url).equals(want)) {
      throw new IllegalStateException(
          "the DataSource of the application context of "
              + testClass.getName()
              + " is "
              + url
              + ", not the database of "
              + lane.name()
              + " ("
              + want
              + "). An embedded database replaced it, or a DataSource bean of the test's own."
              + " Fix: remove @AutoConfigureTestDatabase(replace = ...) from the test (the default"
              + " keeps the lane's database), or the test's own DataSource bean.");
    }
  }
}
