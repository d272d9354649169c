package dev.redraw.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Small helpers the benchmarks share. */
public final class BenchSupport {

    private BenchSupport() {}

    /** The {@code p} quantile (0 to 1) of sorted samples, nearest rank. */
    public static double percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Deletes a directory and everything under it; nothing when it does not exist. */
    public static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /**
     * The configuration's provider, storage and quota sections for benchmarks: one {@code contents}
     * gateway at {@code upstreamUrl} whose key is read from {@code BENCH_API_KEY}, and no quota in the
     * way.
     */
    public static String upstreamYaml(String upstreamUrl, String storageUrl) {
        return """
                providers:
                  - name: upstream
                    dialect: contents
                    base-url: %s
                    api-key: ${BENCH_API_KEY}
                    models: [gemini-2.5-flash-image]
                storage:
                  url: %s
                quotas:
                  images-per-user: 1000000
                """.formatted(upstreamUrl, storageUrl);
    }

    /**
     * The command that runs {@code main} in a JVM of its own: this JVM's {@code java} and class
     * path, the given flags, then the arguments.
     */
    public static List<String> javaCommand(List<String> flags, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /**
     * This JVM's heap and VM flags ({@code -X…}, {@code -XX:…}) without its logs and recordings,
     * whose files a second JVM would share, and its logging configuration.
     */
    public static List<String> vmFlags() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> (flag.startsWith("-X")
                                && !flag.startsWith("-Xlog")
                                && !flag.startsWith("-XX:StartFlightRecording")
                                && !flag.startsWith("-XX:HeapDumpPath")
                                && !flag.startsWith("-XX:ErrorFile"))
                        || flag.startsWith("-Dlogback.configurationFile="))
                .toList();
    }
}
