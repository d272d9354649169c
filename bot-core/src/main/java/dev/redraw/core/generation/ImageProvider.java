package dev.redraw.core.generation;

/** One upstream API dialect. Implementations turn every answer, error or timeout into an {@link Outcome}. */
public interface ImageProvider {

    /** The configured name of this provider, used in logs. */
    String name();

    Outcome generate(GenerationRequest request);
}
