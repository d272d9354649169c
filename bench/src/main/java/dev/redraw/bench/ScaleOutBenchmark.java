package dev.redraw.bench;

import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.generation.Execution;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.job.RunnerTiming;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.TestPostgres;
import dev.redraw.core.testing.StoredRequests;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Several instances on one PostgreSQL, each with its own connection pool, job store and runner, as
 * separate processes would have: jobs per second and queue wait with 1, 2 and 3 instances against
 * an upstream that takes {@code upstream} per image, and the time until a dead instance's job is
 * taken over. On two cores this measures what coordinating through the database costs, not CPU
 * scaling: a job's work is waiting for the upstream.
 */
public record ScaleOutBenchmark(int perInstance, int rounds, Duration upstream, Duration lease) {

    /** One run with {@code instances} instances. */
    public record Run(
            int instances,
            int jobs,
            double seconds,
            double jobsPerSecond,
            double idealPerSecond,
            double ratio,
            double queueWaitP50Ms,
            double queueWaitP99Ms,
            int ranTwice) {}

    /** The runs, then the takeover. */
    public record Result(List<Run> runs, double takeoverSeconds, double leaseSeconds) {}

    public Result run() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int instances = 1; instances <= 3; instances++) {
            runs.add(throughput(instances));
        }
        return new Result(runs, takeover().toMillis() / 1e3, lease.toMillis() / 1e3);
    }

    /** A burst of jobs from as many users, accepted round-robin by the instances, all answered. */
    private Run throughput(int instances) throws Exception {
        String url = TestPostgres.get().newDatabase();
        int jobs = instances * perInstance * rounds;
        var finished = new CountDownLatch(jobs);
        Map<Long, Long> submitted = new ConcurrentHashMap<>();
        Map<Long, Long> started = new ConcurrentHashMap<>();
        var ranTwice = new java.util.concurrent.atomic.AtomicInteger();
        List<Node> nodes = new ArrayList<>();
        try {
            var limits = new RunnerLimits(perInstance, 1000, 2, 2);
            for (int i = 0; i < instances; i++) {
                nodes.add(node(
                        url,
                        "node-" + i,
                        limits,
                        new RunnerTiming(lease, Duration.ofSeconds(1)),
                        job -> {
                            if (started.putIfAbsent(job.id(), System.nanoTime()) != null) {
                                ranTwice.incrementAndGet();
                            }
                            sleep(upstream);
                            return answer(job);
                        },
                        finished));
            }
            nodes.forEach(node -> node.runner().start());
            long begin = System.nanoTime();
            for (int i = 0; i < jobs; i++) {
                Node node = nodes.get(i % instances);
                Job job = StoredRequests.accept(node.store(), new Origin("telegram", "c" + i, "u" + i), "p");
                submitted.put(job.id(), System.nanoTime());
                node.runner().enqueue(job);
            }
            if (!finished.await(10L * rounds * upstream.toSeconds() + 120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the jobs did not finish: " + finished.getCount() + " left");
            }
            double seconds = (System.nanoTime() - begin) / 1e9;
            long[] waits = submitted.entrySet().stream()
                    .mapToLong(e -> started.get(e.getKey()) - e.getValue())
                    .sorted()
                    .toArray();
            double ideal = instances * perInstance / (upstream.toMillis() / 1e3);
            return new Run(
                    instances,
                    jobs,
                    seconds,
                    jobs / seconds,
                    ideal,
                    jobs / seconds / ideal,
                    BenchSupport.percentile(waits, 0.50) / 1e6,
                    BenchSupport.percentile(waits, 0.99) / 1e6,
                    ranTwice.get());
        } finally {
            nodes.forEach(Node::close);
        }
    }

    /** An instance dies while running a job; the time until another instance starts it. */
    private Duration takeover() throws Exception {
        String url = TestPostgres.get().newDatabase();
        var startedOnFirst = new CountDownLatch(1);
        var startedOnSecond = new CountDownLatch(1);
        var timing = new RunnerTiming(lease, Duration.ofSeconds(1));
        var limits = RunnerLimits.DEFAULTS;
        Node first = node(
                url,
                "node-a",
                limits,
                timing,
                job -> {
                    startedOnFirst.countDown();
                    sleep(Duration.ofMinutes(10));
                    return answer(job);
                },
                new CountDownLatch(1));
        Node second = node(
                url,
                "node-b",
                limits,
                timing,
                job -> {
                    startedOnSecond.countDown();
                    return answer(job);
                },
                new CountDownLatch(1));
        try {
            first.runner().start();
            second.runner().start();
            Job job = StoredRequests.accept(first.store(), new Origin("telegram", "c", "u"), "p");
            first.runner().enqueue(job);
            if (!startedOnFirst.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the first instance did not start the job");
            }
            long died = System.nanoTime();
            first.runner().halt();
            if (!startedOnSecond.await(lease.toSeconds() + 60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the job was not taken over");
            }
            return Duration.ofNanos(System.nanoTime() - died);
        } finally {
            first.close();
            second.close();
        }
    }

    private record Node(Database database, JdbcJobStore store, JobRunner runner) {
        void close() {
            runner.halt();
            database.close();
        }
    }

    private static Node node(
            String url,
            String name,
            RunnerLimits limits,
            RunnerTiming timing,
            java.util.function.Function<Job, Execution> work,
            CountDownLatch delivered) {
        var database = Database.open(new Database.Settings(url, Optional.empty(), Optional.empty(), 8));
        var clock = Clock.systemUTC();
        var store = new JdbcJobStore(
                database.dataSource(), clock, new JdbcConversationStore(database.dataSource(), clock), name);
        JobEvents events = new JobEvents() {
            @Override
            public Optional<String> deliver(Job job) {
                delivered.countDown();
                return Optional.of("m" + job.id());
            }

            @Override
            public DeliveryCheck check(Job job) {
                return DeliveryCheck.NOT_DELIVERED;
            }
        };
        var runner = new JobRunner(
                store,
                (job, context) -> work.apply(job),
                events,
                limits,
                timing,
                Executors.newVirtualThreadPerTaskExecutor());
        return new Node(database, store, runner);
    }

    private static Execution answer(Job job) {
        var turn = new NewTurn(
                OptionalLong.of(job.userTurnId()),
                Role.MODEL,
                List.of(new Part.Text("done")),
                job.origin(),
                Optional.of(job.model()),
                Optional.empty());
        return new Execution(new Outcome.TextOnly("done"), Optional.of(turn), 1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs this benchmark alone and prints its figures. */
    public static void main(String[] args) throws Exception {
        var result = new ScaleOutBenchmark(8, 5, Duration.ofSeconds(2), Duration.ofSeconds(10)).run();
        for (Run run : result.runs()) {
            System.out.println(run);
        }
        System.out.println(
                "takeover " + result.takeoverSeconds() + " s with a lease of " + result.leaseSeconds() + " s");
    }
}
