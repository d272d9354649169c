package dev.redraw.core.testing;

import dev.redraw.core.admin.ConfigReloader;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A reload that reads no file: it records each request's generation and answers {@link #next}. */
public final class RecordingReloads implements ConfigReloader {

    public final List<Long> generations = new CopyOnWriteArrayList<>();
    public volatile Outcome next = new Applied(List.of("access", "quotas"), List.of());

    @Override
    public Outcome reload(long generation) {
        generations.add(generation);
        return next;
    }
}
