package dev.redraw.app;

/**
 * How many platform threads carry the virtual threads that serve users. A virtual thread keeps its
 * carrier until it blocks, so with the JDK's default of one carrier per core, a few CPU-bound
 * stretches (hashing an album's images, base64-encoding them into a model request) hold every
 * carrier and everybody else's light work waits until one of them blocks. With more carriers than
 * cores the operating system time-slices between them, and a text prompt gets its share of a core
 * while albums are being handled. Must run before the first virtual thread starts.
 */
public final class Carriers {

    /** The JDK's setting; an operator who sets it on the command line keeps their value. */
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private Carriers() {}

    /** Carriers for a machine of {@code processors} cores: three per core, at least four. */
    static int forProcessors(int processors) {
        return Math.max(4, 3 * Math.max(1, processors));
    }

    /** Sets the carrier count for this machine unless it was set already. */
    public static void configure() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(
                    PARALLELISM,
                    Integer.toString(forProcessors(Runtime.getRuntime().availableProcessors())));
        }
    }
}
