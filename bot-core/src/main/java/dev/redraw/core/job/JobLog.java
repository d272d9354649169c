package dev.redraw.core.job;

import java.util.List;
import org.slf4j.MDC;

/**
 * Names a job in the log lines written meanwhile on this thread: its id, user, chat, provider,
 * model and, once it has one, outcome, as the logging context (MDC), which JSON logs write as fields.
 * User and chat are platform-scoped ids ({@code telegram:42}), never names or texts.
 */
public final class JobLog implements AutoCloseable {

    static final List<String> KEYS = List.of("job", "user", "chat", "provider", "model", "outcome");

    private JobLog() {}

    /** Puts {@code job} into this thread's logging context until {@link #close}. */
    public static JobLog of(Job job) {
        update(job);
        return new JobLog();
    }

    /** The job's fields as they stand now (an outcome recorded since, for one). */
    public static void update(Job job) {
        MDC.put("job", Long.toString(job.id()));
        MDC.put("user", job.origin().platform() + ":" + job.origin().userId());
        MDC.put("chat", job.origin().platform() + ":" + job.origin().chatId());
        MDC.put("provider", job.provider());
        MDC.put("model", job.model());
        job.outcome()
                .ifPresentOrElse(
                        outcome -> MDC.put("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)),
                        () -> MDC.remove("outcome"));
    }

    @Override
    public void close() {
        KEYS.forEach(MDC::remove);
    }
}
