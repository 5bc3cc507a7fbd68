package io.testlanes.spring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.testlanes.spring.app.NotesApplication;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/** The report's label of a configuration names what sets it apart, whichever class comes first. */
class ConfigurationsTest {

  @SpringBootTest(classes = NotesApplication.class)
  abstract static class BaseTestCase {}

  static class PlainTestCase extends BaseTestCase {}

  static class MockedTestCase extends BaseTestCase {
    @MockitoBean NotesApplication.Clock clock;
    @MockitoSpyBean NotesApplication.Notes notes;

    @Nested
    class InnerTestCase {}
  }

  @ActiveProfiles({"slow", "eu"})
  @SpringBootTest(classes = NotesApplication.class, properties = "notes.limit=3")
  static class ProfilesTestCase {}

  @SpringBootTest(
      classes = NotesApplication.class,
      webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
  static class RandomPortTestCase {}

  private static String describe(Class<?> testClass) {
    return Configurations.describe(Configurations.withoutLane(testClass));
  }

  @Test
  void thePlainConfigurationIsNamedAfterItsClasses() {
    assertThat(describe(PlainTestCase.class)).isEqualTo("NotesApplication");
  }

  @Test
  void beanOverridesAreNamedByAnnotationAndTypeAlsoForNestedClasses() {
    String mocked = "NotesApplication [@MockitoBean Clock, @MockitoSpyBean Notes]";
    assertThat(describe(MockedTestCase.class)).isEqualTo(mocked);
    assertThat(describe(MockedTestCase.InnerTestCase.class)).isEqualTo(mocked);
  }

  @Test
  void profilesAndInlinedPropertiesAreNamed() {
    assertThat(describe(ProfilesTestCase.class))
        .isEqualTo("NotesApplication [profiles slow, eu, notes.limit=3]");
  }

  @Test
  void aRandomPortIsNamedByItsProperty() {
    assertThat(describe(RandomPortTestCase.class)).isEqualTo("NotesApplication [server.port=0]");
  }
}
