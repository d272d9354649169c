package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a bot-like process with SIGKILL while it accepts jobs, over and over, and checks after each
 * restart that every job whose number it had shown is still there. The child also interrupts
 * threads while they write, as cancelled jobs do; {@code -Dredraw.killNine.interrupts=false} leaves
 * that out, and {@code -Dredraw.killNine.kills} and {@code -Dredraw.killNine.threads} set the
 * number of kills and of accepting threads.
 */
class KillNineTest {

    private static final int KILLS = Integer.getInteger("redraw.killNine.kills", 10);
    private static final boolean INTERRUPTS =
            Boolean.parseBoolean(System.getProperty("redraw.killNine.interrupts", "true"));

    @TempDir
    private Path dir;

    @Test
    void everyJobWhoseNumberWasShownSurvivesAKill() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("redraw").toAbsolutePath();
        var random = new Random();
        Set<Long> shown = new HashSet<>();
        List<String> losses = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            int more = 1 + random.nextInt(kill % 2 == 0 ? 30 : 200);
            shown.addAll(runAndKill(url, more));
            Set<Long> stored = storedJobIds(url);
            Set<Long> lost = new HashSet<>(shown);
            lost.removeAll(stored);
            if (!lost.isEmpty()) {
                losses.add("kill " + kill + " after " + more + " more: lost " + lost.size() + " " + lost);
            }
        }
        assertThat(losses).isEmpty();
    }

    /** Starts the child, waits until it has shown {@code count} more job numbers, then SIGKILLs it. */
    private List<Long> runAndKill(String url, int count) throws Exception {
        var command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                AcceptingChild.class.getName(),
                url,
                System.getProperty("redraw.killNine.threads", "4"),
                String.valueOf(INTERRUPTS));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        var ids = new ConcurrentLinkedQueue<Long>();
        var accepted = new AtomicInteger();
        var enough = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().daemon().start(() -> {
            try (var lines =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (line.startsWith("accepted ")) {
                        ids.add(Long.parseLong(line.substring("accepted ".length())));
                        if (accepted.incrementAndGet() >= count) {
                            enough.countDown();
                        }
                    }
                }
            } catch (IOException e) {
                // the pipe breaks when the child is killed
            }
            enough.countDown();
        });
        try {
            // A child whose database closed under it (an interrupted write) stops accepting: that fails too.
            assertThat(enough.await(30, TimeUnit.SECONDS))
                    .as("the child accepted %d jobs", count)
                    .isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        reader.join(Duration.ofSeconds(10));
        return List.copyOf(ids);
    }

    private static Set<Long> storedJobIds(String url) throws Exception {
        try (var database = Database.open(Database.Settings.of(url));
                var connection = database.dataSource().getConnection();
                var rows = connection.createStatement().executeQuery("SELECT id FROM jobs")) {
            Set<Long> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids;
        }
    }
}
