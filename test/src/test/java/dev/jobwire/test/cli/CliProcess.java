package dev.jobwire.test.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The {@code jobwire} command run as a separate JVM, as a user runs it: its output collected line
 * by line while it runs, its exit code awaited with a timeout. The environment is cleared of the
 * CLI's variables so that only the given flags count.
 */
final class CliProcess {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    final List<String> stdout = new CopyOnWriteArrayList<>();
    final List<String> stderr = new CopyOnWriteArrayList<>();
    private final Process process;
    private final List<String> command;
    private final List<Thread> readers = new ArrayList<>();

    private CliProcess(List<String> command) throws IOException {
        this.command = command;
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("JOBWIRE_"));
        builder.environment().put("USER", "cli-test-default-user");
        this.process = builder.start();
        readers.add(drain(process.getInputStream(), stdout));
        readers.add(drain(process.getErrorStream(), stderr));
        process.getOutputStream().close();
    }

    /** {@code java -cp <this test's class path> dev.jobwire.cli.Main args…}: the CLI as just compiled. */
    static CliProcess start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", classPath(), "dev.jobwire.cli.Main"));
        command.addAll(List.of(args));
        return new CliProcess(command);
    }

    /**
     * The CLI on a pseudo-terminal made by util-linux {@code script}, as a person at a terminal runs
     * it; what it writes to the terminal arrives on {@link #stdout}.
     */
    static CliProcess onTerminal(String... args) throws IOException {
        assertThat(Path.of("/usr/bin/script")).as("util-linux script(1), which gives the CLI a terminal; "
                + "install it with apt-get install bsdutils").exists();
        List<String> inner = new ArrayList<>(List.of(java(), "-cp", classPath(), "dev.jobwire.cli.Main"));
        inner.addAll(List.of(args));
        String shellCommand = String.join(" ", inner.stream().map(CliProcess::quote).toList());
        return new CliProcess(List.of("/usr/bin/script", "-qefc", shellCommand, "/dev/null"));
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    /** {@code ./jobwire args…} from the repository root: the launcher script and the packaged jar. */
    static CliProcess launcher(String... args) throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        Path jar = root.resolve("cli/target/jobwire-cli.jar");
        assertThat(jar).as("the packaged CLI %s; build it with mvn -pl test -am verify (package runs before "
                + "the tests)", jar).exists();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("jobwire").toString()));
        command.addAll(List.of(args));
        return new CliProcess(command);
    }

    static CliProcess run(String... args) throws Exception {
        CliProcess process = start(args);
        process.awaitExit();
        return process;
    }

    /** Waits for the process to end and for all its output to be read; returns the exit code. */
    int awaitExit() throws InterruptedException {
        return awaitExit(DEFAULT_TIMEOUT);
    }

    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("jobwire did not finish within " + timeout + ": " + describe());
        }
        for (Thread reader : readers) {
            reader.join(timeout.toMillis());
        }
        return process.exitValue();
    }

    int exitCode() {
        return process.exitValue();
    }

    void kill() {
        process.destroyForcibly();
    }

    String describe() {
        String line = String.join(" ", command).replaceAll("-cp'? '?[^ ]+", "-cp …");
        return line + "\n--- stdout:\n" + String.join("\n", stdout) + "\n--- stderr:\n" + String.join("\n", stderr);
    }

    private static Thread drain(InputStream stream, List<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("<read failed: " + e + ">");
            }
        }, "cli-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String classPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        boolean hasCli = List.of(classPath.split(File.pathSeparator)).stream()
                .anyMatch(entry -> entry.contains("cli") && Files.exists(Path.of(entry)));
        assertThat(hasCli).as("jobwire-cli on the test class path: %s", classPath).isTrue();
        return classPath;
    }
}
