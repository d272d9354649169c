package dev.redraw.app.ops;

import dev.redraw.core.storage.Database;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Whether this instance can serve: the database answers and every enabled platform is connected.
 * Platforms are added as they are built; until the start has finished, the instance says it is
 * still starting.
 */
public final class Readiness {

    /** How long the database may take to answer a readiness check. */
    static final int DATABASE_SECONDS = 2;

    private record Check(String name, Supplier<Optional<String>> problem) {}

    private final Database database;
    private final List<Check> platforms = new CopyOnWriteArrayList<>();
    private volatile boolean started;

    public Readiness(Database database) {
        this.database = database;
    }

    /** {@code problem} says why platform {@code name} is not connected now, empty while it is. */
    public void platform(String name, Supplier<Optional<String>> problem) {
        platforms.add(new Check(name, problem));
    }

    /** The start has finished: from now on only the checks decide. */
    public void started() {
        started = true;
    }

    /** Why the instance cannot serve now, each reason naming what fails; empty when it can. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!started) {
            problems.add("starting");
        }
        database.unavailable(DATABASE_SECONDS).ifPresent(problems::add);
        for (Check check : platforms) {
            try {
                check.problem().get().ifPresent(why -> problems.add(check.name() + ": " + why));
            } catch (RuntimeException e) {
                problems.add(check.name() + ": its state cannot be read ("
                        + e.getClass().getSimpleName() + ")");
            }
        }
        return problems;
    }
}
