package dev.redraw.core.generation;

/**
 * What a provider may tell the runner while it works, and how the runner tells it to stop.
 * Asynchronous dialects report their task id as soon as they have it, so a restart resumes
 * polling instead of paying for the request again.
 */
public interface JobContext {

    /** A context that records nothing and is never cancelled, for direct calls. */
    JobContext NONE = new JobContext() {
        @Override
        public void taskAccepted(String taskId) {}

        @Override
        public void progress(int percent) {}

        @Override
        public boolean cancelled() {
            return false;
        }

        @Override
        public Registration onCancel(Runnable action) {
            return () -> {};
        }
    };

    /**
     * The provider about to be called; with fail-over it may change during a job, and a task id
     * reported after it belongs to that provider.
     */
    default void providerChosen(String provider) {}

    void taskAccepted(String taskId);

    void progress(int percent);

    boolean cancelled();

    /**
     * Runs {@code action} when the job is cancelled (at once if it already is), e.g. to abort an HTTP
     * call, until the registration is closed; closing it lets go of the action and what it holds (a
     * call's request and its images) once the call is over.
     */
    Registration onCancel(Runnable action);

    /** An action registered with {@link #onCancel}; closing it unregisters it. */
    @FunctionalInterface
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
