package dev.redraw.app;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Instances of the packaged jar a test runs as child processes, each stopped when the test ends. */
final class JarProcesses {

    private final List<Process> children = new CopyOnWriteArrayList<>();

    /** A port free on this machine now. */
    static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Runs the jar on {@code config} in {@code folder}, its output (both streams) in {@code log},
     * with {@code env} added to its environment (secrets come from there, never the command line).
     */
    Process start(Path config, Path folder, Path log, Map<String, String> env) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-jar", System.getProperty("redraw.jar"), "--config", config.toString())
                .directory(folder.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        children.add(process);
        return process;
    }

    /** Stops every instance as an operator would (SIGTERM), forcibly when one has not ended in 20 s. */
    void stopAll() throws InterruptedException {
        for (Process child : children) {
            child.destroy();
        }
        for (Process child : children) {
            if (!child.waitFor(20, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
    }
}
