package dev.redraw.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
}
