package io.testlanes.minimal;

final class Classes {
  private Classes() {}

  /** Whether the test class path holds {@code name}. */
  static boolean loadable(String name) {
    try {
      Class.forName(name, false, Classes.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }
}
