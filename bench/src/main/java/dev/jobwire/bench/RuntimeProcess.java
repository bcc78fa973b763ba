package dev.jobwire.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The local runtime in a process of its own ({@code dev.jobwire.local.Main}, with the JVM flags
 * {@code bin/run} uses), so that its heap and resident memory are measured apart from the clients.
 * Its output goes to a log file; {@link #close} stops it the way Ctrl-C does.
 */
final class RuntimeProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;
    private final Path log;
    private final URI webSocketUrl;
    private final URI managementEndpoint;

    private RuntimeProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.webSocketUrl = URI.create("ws://127.0.0.1:" + port + "/local");
        this.managementEndpoint = URI.create("http://127.0.0.1:" + port + "/local");
    }

    /**
     * Starts {@code java -cp <classPath> dev.jobwire.local.Main --port P --template <template>} in
     * {@code root} and waits until it prints that it is ready.
     */
    static RuntimeProcess start(Path root, String classPath, Path template, String jwtSecret, Path log,
                                List<String> jvmOptions) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "dev.jobwire.local.Main", "--port", Integer.toString(port),
                "--template", template.toString(), "--jwt-secret", jwtSecret));
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        RuntimeProcess runtime = new RuntimeProcess(process, log, port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!runtime.logText().contains("jobwire local runtime ready")) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the local runtime exited with " + process.exitValue()
                        + " before it was ready; its output (" + log + "):\n" + runtime.logText());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("the local runtime was not ready within " + START_TIMEOUT + "; see " + log);
            }
            Thread.sleep(100);
        }
        return runtime;
    }

    private String logText() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    URI webSocketUrl() {
        return webSocketUrl;
    }

    URI managementEndpoint() {
        return managementEndpoint;
    }

    long pid() {
        return process.pid();
    }

    /** Resident set size in bytes ({@code VmRSS} of {@code /proc/PID/status}). */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid() + "/status: " + e, e);
        }
        throw new IllegalStateException("/proc/" + pid() + "/status has no VmRSS");
    }

    /**
     * Heap in use after a full collection, in bytes: {@code jcmd PID GC.run}, then the used columns
     * (survivors, eden, old) of {@code jstat -gc PID}.
     */
    long heapAfterGcBytes() {
        tool("jcmd", Long.toString(pid()), "GC.run");
        String[] lines = tool("jstat", "-gc", Long.toString(pid())).strip().split("\n");
        String[] names = lines[0].trim().split("\\s+");
        String[] values = lines[lines.length - 1].trim().split("\\s+");
        double kilobytes = 0;
        for (int i = 0; i < names.length; i++) {
            if (List.of("S0U", "S1U", "EU", "OU").contains(names[i])) {
                kilobytes += Double.parseDouble(values[i]);
            }
        }
        return (long) (kilobytes * 1024);
    }

    /** How many threads the runtime runs now. */
    long threads() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** Runs {@code jcmd PID <command…>}, for profiling while a scenario runs. */
    String jcmd(String... command) {
        List<String> args = new ArrayList<>(List.of("jcmd", Long.toString(pid())));
        args.addAll(List.of(command));
        return tool(args.toArray(String[]::new));
    }

    private static String tool(String... command) {
        Path java = Path.of(System.getProperty("java.home"), "bin", command[0]);
        List<String> args = new ArrayList<>(List.of(command));
        if (Files.isExecutable(java)) {
            args.set(0, java.toString());
        }
        try {
            Process tool = new ProcessBuilder(args).redirectErrorStream(true).start();
            byte[] out = tool.getInputStream().readAllBytes();
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: "
                        + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " could not run (it comes with the JDK): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** SIGTERM (the runtime's shutdown hook closes it cleanly), then a kill after 40 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
