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

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Readiness.class);

    private final Database database;
    private final List<Check> platforms = new CopyOnWriteArrayList<>();
    private volatile boolean started;
    private volatile boolean stopping;

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

    /** The instance is stopping: it takes no new work, whatever the checks say. */
    public void stopping() {
        stopping = true;
    }

    /**
     * Why the instance cannot serve now, each reason naming what fails (never how: no host, user or
     * file of the database, which the log has at debug level); empty when it can.
     */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (stopping) {
            problems.add("stopping");
        } else if (!started) {
            problems.add("starting");
        }
        databaseProblem().ifPresent(problems::add);
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

    /** The database's answer within {@link #DATABASE_SECONDS}, however long the pool would wait. */
    private Optional<String> databaseProblem() {
        var check = java.util.concurrent.CompletableFuture.supplyAsync(
                () -> database.unavailable(DATABASE_SECONDS),
                command -> Thread.ofVirtual().name("readiness").start(command));
        try {
            Optional<String> problem = check.get(DATABASE_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            problem.ifPresent(why -> LOG.debug("not ready: {}", why));
            return problem.map(why -> "the database cannot be reached");
        } catch (java.util.concurrent.TimeoutException e) {
            return Optional.of("the database does not answer within " + DATABASE_SECONDS + " s");
        } catch (java.util.concurrent.ExecutionException e) {
            return Optional.of("the database cannot be reached");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
