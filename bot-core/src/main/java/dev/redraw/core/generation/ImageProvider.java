package dev.redraw.core.generation;

import dev.redraw.core.model.ModelCapabilities;

/** One upstream API dialect. Implementations turn every answer, error or timeout into an {@link Outcome}. */
public interface ImageProvider {

    /** The configured name of this provider, used in logs and for per-provider limits. */
    String name();

    /**
     * What {@code model} can take when spoken to in this dialect: the catalog's capabilities, less
     * what the dialect's documents leave out.
     */
    default ModelCapabilities capabilities(ModelCapabilities model) {
        return model;
    }

    /** Makes the call, reporting task ids and progress to {@code context} and stopping when it is cancelled. */
    Outcome generate(GenerationRequest request, JobContext context);

    /**
     * Whether one call can ask {@code model} for several images (a count field such as {@code n});
     * when not, a request for several is made as that many calls side by side.
     */
    default boolean takesCount(String model) {
        return false;
    }

    /**
     * Picks up a task an earlier run of the bot submitted, by its id. Dialects that answer in one
     * call never have a task id, so they never get here.
     */
    default Outcome resume(String model, String taskId, JobContext context) {
        return new Outcome.Failed(false, Cause.of(Cause.Kind.CANNOT_RESUME, name()));
    }

    /**
     * Whether this provider can send input images to {@code model} now. A model that fetches its
     * images by URL cannot be given any while the bot has no public address.
     */
    default boolean canSendImages(String model) {
        return true;
    }

    /** Whether {@code model}, spoken to by this provider, makes nothing without an input image. */
    default boolean needsInputImage(String model) {
        return false;
    }
}
