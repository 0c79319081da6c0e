package dev.healthstreams;

import java.nio.file.Path;

/** The project's root directory, which tests resolve files beside and inside the project from. */
public final class ProjectRoot {
  private ProjectRoot() {}

  /**
   * Maven's surefire and failsafe set {@code basedir} to the project root; an IDE that does not
   * runs tests from the project root as its working directory.
   */
  public static Path path() {
    String basedir = System.getProperty("basedir");
    return Path.of(basedir != null ? basedir : System.getProperty("user.dir")).toAbsolutePath();
  }
}
