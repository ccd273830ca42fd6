package dev.zos.flistctl;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zos.testkit.CliHarness;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/** The real zos-flistctl command line for tests, with helpers for what the flist tests check again and again. */
final class Flistctl {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliHarness cli;

    Flistctl(Path home) {
        this.cli = new CliHarness(FlistctlMain.class, home);
    }

    CliHarness.CliResult run(String... args) {
        return cli.run(args);
    }

    /** Runs a command that must succeed. */
    CliHarness.CliResult ok(String... args) {
        CliHarness.CliResult r = cli.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    /** Runs a command that must fail with exit 1 and exactly one error line on stderr; returns that line. */
    String fails(String... args) {
        CliHarness.CliResult r = cli.run(args);
        assertThat(r.exitCode()).as(String.join(" ", args) + "\n" + r).isEqualTo(1);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("zos-flistctl: ").doesNotContain("\tat ");
        return r.err().strip();
    }

    JsonNode json(String... args) {
        try {
            return JSON.readTree(ok(args).out());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code cat} did: its result and the bytes it wrote to the process's standard output stream. */
    record Cat(CliHarness.CliResult result, byte[] bytes) {
    }

    /** Runs {@code cat}, which writes file content (bytes) to the process's standard output stream: capture that. */
    static synchronized Cat cat(Flistctl cli, String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CliHarness.CliResult r;
        try (PrintStream capture = new PrintStream(bytes, true)) {
            System.setOut(capture);
            r = cli.run(args);
        } finally {
            System.setOut(saved);
        }
        return new Cat(r, bytes.toByteArray());
    }

    /** A loopback port nothing listens on. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
