package io.testlanes.internal.backend;

import io.testlanes.config.Settings;
import io.testlanes.internal.process.Watchdog;
import java.nio.file.Path;

/**
 * What a backend needs to start a service.
 *
 * @param settings the run's configuration
 * @param dataRoot a directory of this run for data and logs (on tmpfs where possible); a backend
 *     makes its own subdirectory in it and removes it on close
 * @param cacheDir a directory kept across runs for extracted binaries and class-data archives
 * @param watchdog registers processes and directories so that they are killed and removed even if
 *     this JVM dies without stopping them
 * @param lanes how many lanes the run may use at most (Redis needs one database per lane)
 */
public record StartContext(
    Settings settings, Path dataRoot, Path cacheDir, Watchdog watchdog, int lanes) {}
