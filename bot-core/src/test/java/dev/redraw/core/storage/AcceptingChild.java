package dev.redraw.core.storage;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.job.NewJob;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bot-like process for {@link KillNineTest}: it opens the database as the bot does, accepts jobs
 * from several threads and prints {@code accepted N} as soon as {@link JdbcJobStore#accept} returns,
 * the moment the bot would show "job #N". Other threads update accepted jobs and are interrupted at
 * random while they do, as cancelled jobs and a shutting-down runner interrupt theirs.
 *
 * <p>Arguments: the JDBC URL, the number of accepting threads and whether updates are interrupted.
 */
public final class AcceptingChild {

    private AcceptingChild() {}

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int threads = Integer.parseInt(args[1]);
        boolean interrupts = Boolean.parseBoolean(args[2]);
        var out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        Database database = Database.open(Database.Settings.of(url));
        var clock = Clock.systemUTC();
        var conversations = new JdbcConversationStore(database.dataSource(), clock);
        var jobs = new JdbcJobStore(database.dataSource(), clock, conversations);
        synchronized (out) {
            out.println("open");
            out.flush();
        }
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String user = "user-" + t;
            workers.add(Thread.ofVirtual().start(() -> {
                var origin = new Origin("telegram", "chat-" + user, user);
                while (true) {
                    var turn = new NewTurn(
                            OptionalLong.empty(),
                            Role.USER,
                            List.of(new Part.Text(
                                    "a fox " + ThreadLocalRandom.current().nextLong())),
                            origin,
                            Optional.of("m"),
                            Optional.of("1:1"));
                    long id;
                    try {
                        id = jobs.accept(turn, new NewJob(Optional.empty(), "p", "m"))
                                .job()
                                .id();
                    } catch (StorageException e) {
                        continue; // not acknowledged: the user would see an error
                    }
                    synchronized (out) {
                        out.println("accepted " + id);
                        out.flush();
                    }
                    update(jobs, id, interrupts);
                }
            }));
        }
        for (Thread worker : workers) {
            worker.join();
        }
    }

    /** Updates a job on a thread of its own, interrupted at a random moment as a cancelled job's is. */
    private static void update(JdbcJobStore jobs, long id, boolean interrupts) {
        Thread updater = Thread.ofVirtual().start(() -> {
            try {
                jobs.markRunning(id);
                jobs.recordProgress(id, 50);
            } catch (RuntimeException e) {
                // an interrupted update may fail; the job is still queued or running
            }
        });
        if (interrupts && ThreadLocalRandom.current().nextBoolean()) {
            long pause = System.nanoTime() + ThreadLocalRandom.current().nextLong(2_000_000);
            while (System.nanoTime() < pause) {
                Thread.onSpinWait();
            }
            updater.interrupt();
        }
        try {
            updater.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
