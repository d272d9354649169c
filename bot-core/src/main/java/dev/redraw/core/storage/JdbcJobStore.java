package dev.redraw.core.storage;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobStatus;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.LeaseLostException;
import dev.redraw.core.job.NewJob;
import dev.redraw.core.job.OpenRequest;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.job.RunnerLimits;
import dev.redraw.core.job.UsageCounts;
import java.sql.Connection;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.Function;
import javax.sql.DataSource;

/** Jobs and daily usage in plain SQL for H2 and PostgreSQL. */
public final class JdbcJobStore implements JobStore {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcJobStore.class);

    private final Jdbc jdbc;
    private final Clock clock;
    private final JdbcConversationStore turns;
    private final String instance;

    /** The instance name of a bot that runs alone. */
    public static final String DEFAULT_INSTANCE = "redraw";

    public JdbcJobStore(DataSource dataSource, Clock clock, JdbcConversationStore turns) {
        this(dataSource, clock, turns, DEFAULT_INSTANCE);
    }

    /**
     * @param instance the name this instance holds job leases under: unique among the instances on
     *     one database, and the same across its restarts, so a start picks up at once what its earlier
     *     run held
     */
    public JdbcJobStore(DataSource dataSource, Clock clock, JdbcConversationStore turns, String instance) {
        this.jdbc = new Jdbc(dataSource, clock);
        this.clock = clock;
        this.turns = turns;
        this.instance = instance;
    }

    @Override
    public String instance() {
        return instance;
    }

    /** This process's hold on {@link #instance}, once {@link #register}ed. */
    private final String token = java.util.UUID.randomUUID().toString();

    @Override
    public void register(Duration beat) throws InterruptedException {
        // An embedded H2 file is open in one process only: no other process can hold the name.
        boolean shared = jdbc.read(this::postgres);
        Optional<Instant> seen = shared ? otherHoldersMark() : Optional.empty();
        if (seen.isPresent() && seen.get().isAfter(clock.instant().minus(beat.multipliedBy(10)))) {
            // Recently marked: alive, or died a moment ago. A live holder marks again meanwhile.
            Thread.sleep(beat.multipliedBy(3));
            if (!otherHoldersMark().equals(seen)) {
                throw new dev.redraw.core.StartupException("jobs.instance: another running instance is named '"
                        + instance + "' on this database; give each instance its own name");
            }
        }
        jdbc.inTransaction(connection -> {
            if (Jdbc.update(
                            connection,
                            "UPDATE instances SET token = ?, seen_at = ? WHERE name = ?",
                            token,
                            jdbc.now(),
                            instance)
                    == 0) {
                Jdbc.update(
                        connection,
                        "INSERT INTO instances (name, token, seen_at) VALUES (?, ?, ?)",
                        instance,
                        token,
                        jdbc.now());
            }
            return null;
        });
    }

    /** When another process holding this instance's name last marked it; empty when none holds it. */
    private Optional<Instant> otherHoldersMark() {
        return jdbc
                .list(
                        "SELECT seen_at FROM instances WHERE name = ? AND token <> ?",
                        row -> row.getTimestamp(1).toInstant(),
                        instance,
                        token)
                .stream()
                .findFirst();
    }

    @Override
    public boolean requestCancel(long jobId) {
        return jdbc.read(connection -> Jdbc.update(
                        connection,
                        "UPDATE jobs SET cancel_requested = TRUE WHERE id = ? AND status = 'RUNNING'",
                        jobId))
                > 0;
    }

    @Override
    public List<Long> cancelRequested() {
        return jdbc.list(
                "SELECT id FROM jobs WHERE lease_owner = ? AND status = 'RUNNING' AND cancel_requested = TRUE",
                row -> row.getLong(1),
                instance);
    }

    /** The channel a PostgreSQL accepting a job notifies; every runner listens on it. */
    private static final String NEW_JOBS = "redraw_new_jobs";

    /** Whether the database is PostgreSQL (null until a connection told). */
    private volatile Boolean postgres;
    /** A connection of its own that listens for {@link #NEW_JOBS}; only the poller uses it. */
    private Connection listener;

    private boolean postgres(Connection connection) throws SQLException {
        Boolean known = postgres;
        if (known == null) {
            known = connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            postgres = known;
        }
        return known;
    }

    @Override
    public void awaitNewJobs(Duration max) throws InterruptedException {
        if (Boolean.FALSE.equals(postgres)) {
            Thread.sleep(max);
            return;
        }
        try {
            if (listener == null) {
                listener = listeningConnection();
                if (listener == null) {
                    Thread.sleep(max);
                    return;
                }
            }
            listener.unwrap(org.postgresql.PGConnection.class)
                    .getNotifications((int) Math.max(1, Math.min(Integer.MAX_VALUE, max.toMillis())));
        } catch (SQLException e) {
            // The connection broke (or the wait was interrupted, which closes it): a new one next time.
            closeListener();
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            Thread.sleep(max);
        }
    }

    /**
     * A connection outside the pool (so it never holds a pooled one for good) listening on
     * {@link #NEW_JOBS}; null when the database is not PostgreSQL.
     */
    private Connection listeningConnection() throws SQLException {
        DataSource source = jdbc.dataSource();
        Connection connection;
        if (source.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)) {
            var pool = source.unwrap(com.zaxxer.hikari.HikariDataSource.class);
            connection =
                    java.sql.DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
        } else {
            connection = source.getConnection();
        }
        if (!postgres(connection)) {
            connection.close();
            return null;
        }
        connection.setAutoCommit(true);
        try (var listen = connection.createStatement()) {
            listen.execute("LISTEN " + NEW_JOBS);
        }
        return connection;
    }

    /** A finished job whose result waits, held by an instance that stopped marking itself alive. */
    private static final String ORPHANED = "status IN ('SUCCEEDED', 'FAILED') AND delivery_state IN ('PENDING',"
            + " 'DELIVERING') AND (lease_owner = '' OR lease_owner <> ? AND lease_owner IN"
            + " (SELECT name FROM instances WHERE seen_at < ?))";

    @Override
    public List<Job> orphanedResults(Duration deadAfter) {
        return query(
                "WHERE " + ORPHANED + " ORDER BY id",
                instance,
                Timestamp.from(clock.instant().minus(deadAfter)));
    }

    @Override
    public boolean takeResult(long jobId, Duration deadAfter) {
        // The condition again in the update: of two instances taking it at once, one does.
        return jdbc.read(connection -> Jdbc.update(
                        connection,
                        "UPDATE jobs SET lease_owner = ?, lease_token = ? WHERE id = ? AND " + ORPHANED,
                        instance,
                        token,
                        jobId,
                        instance,
                        Timestamp.from(clock.instant().minus(deadAfter))))
                == 1;
    }

    @Override
    public Map<String, Instant> lastStarted(java.util.Collection<String> userKeys) {
        if (userKeys.isEmpty()) {
            return Map.of();
        }
        Map<String, Instant> last = new java.util.HashMap<>();
        // By user id in the database (the key adds the platform): only the queued users' jobs are read.
        List<String> userIds = userKeys.stream()
                .map(key -> key.substring(key.indexOf(':') + 1))
                .distinct()
                .toList();
        List<Object> values = new ArrayList<>();
        values.add(Timestamp.from(clock.instant().minus(Duration.ofHours(1))));
        values.addAll(userIds);
        for (var row : jdbc.list(
                "SELECT platform, user_id, MAX(started_at) FROM jobs WHERE started_at > ? AND user_id IN ("
                        + String.join(", ", Collections.nCopies(userIds.size(), "?"))
                        + ") GROUP BY platform, user_id",
                row -> Map.entry(
                        row.getString(1) + ":" + row.getString(2),
                        row.getTimestamp(3).toInstant()),
                values.toArray())) {
            if (userKeys.contains(row.getKey())) {
                last.put(row.getKey(), row.getValue());
            }
        }
        return last;
    }

    /** A handed-off result's owner is the empty name: no instance's, and taken by one with {@link #takeResult}. */
    @Override
    public boolean handOff(long jobId) {
        return jdbc.read(connection -> Jdbc.update(
                        connection,
                        "UPDATE jobs SET lease_owner = '', lease_token = NULL WHERE id = ? AND lease_owner = ?",
                        jobId,
                        instance))
                > 0;
    }

    /** Whether other processes may open the database (null until a connection told). */
    private volatile Boolean shared;

    @Override
    public boolean shared() {
        Boolean known = shared;
        if (known == null) {
            known = jdbc.read(connection -> {
                var metadata = connection.getMetaData();
                if (!metadata.getDatabaseProductName().equals("H2")) {
                    return true;
                }
                // The URL as configured: the driver's own leaves its settings out.
                DataSource source = jdbc.dataSource();
                String url = (source.isWrapperFor(com.zaxxer.hikari.HikariDataSource.class)
                                ? source.unwrap(com.zaxxer.hikari.HikariDataSource.class)
                                        .getJdbcUrl()
                                : metadata.getURL())
                        .toLowerCase(java.util.Locale.ROOT);
                // Embedded files are locked by the process that opened them, unless served to others.
                return url.startsWith("jdbc:h2:mem:")
                        || url.startsWith("jdbc:h2:tcp:")
                        || url.startsWith("jdbc:h2:ssl:")
                        || url.contains("auto_server=true");
            });
            shared = known;
        }
        return known;
    }

    /** How many jobs wait to start, on every instance: an operator's queue depth. */
    public long queueDepth() {
        return jdbc.read(connection -> Jdbc.list(
                        connection, "SELECT COUNT(*) FROM jobs WHERE status = 'QUEUED'", row -> row.getLong(1))
                .getFirst());
    }

    @Override
    public void stopAwaiting() {
        closeListener();
    }

    private void closeListener() {
        if (listener != null) {
            try {
                listener.close();
            } catch (SQLException ignored) {
                // It is gone either way.
            }
            listener = null;
        }
    }

    @Override
    public Optional<Job> claim(long jobId, Duration lease, RunnerLimits limits, boolean newAttempt) {
        return jdbc.inTransaction(connection -> claim(connection, jobId, lease, limits, newAttempt));
    }

    @Override
    public void unclaim(long jobId) {
        jdbc.inTransaction(connection -> {
            int given = Jdbc.update(
                    connection,
                    "UPDATE jobs SET status = 'QUEUED', attempts = attempts - 1, started_at = NULL,"
                            + " lease_owner = NULL, lease_token = NULL, lease_until = NULL"
                            + " WHERE id = ? AND status = 'RUNNING' AND lease_owner = ? AND lease_token = ?",
                    jobId,
                    instance,
                    token);
            if (given > 0 && postgres(connection)) {
                try (var wake = connection.createStatement()) {
                    wake.execute("NOTIFY " + NEW_JOBS);
                }
            }
            return null;
        });
    }

    /** {@link #claim(long, Duration, RunnerLimits, boolean)} in the caller's transaction. */
    private Optional<Job> claim(
            Connection connection, long jobId, Duration lease, RunnerLimits limits, boolean newAttempt)
            throws SQLException {
        lockClaims(connection);
        Timestamp now = jdbc.now();
        // A job row another transaction holds (a cancel, a finish, a lease renewal under way) is
        // skipped rather than waited for: this claim gives way, and the job is looked at again.
        Optional<Job> found = Jdbc.list(
                        connection,
                        "SELECT * FROM jobs WHERE id = ? AND " + CLAIMABLE + " FOR UPDATE SKIP LOCKED",
                        JdbcJobStore::job,
                        jobId,
                        now,
                        instance,
                        token)
                .stream()
                .findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Job job = found.get();
        return take(
                connection,
                jobId,
                job.origin(),
                job.provider(),
                newAttempt || job.startedAt().isEmpty()
                        ? now
                        : Timestamp.from(job.startedAt().get()),
                now,
                lease,
                limits,
                newAttempt);
    }

    /** Takes claim_lock, which claims hold until their transaction ends, one at a time across instances. */
    private static void lockClaims(Connection connection) throws SQLException {
        try (var lock = connection.prepareStatement("SELECT id FROM claim_lock WHERE id = 1 FOR UPDATE");
                var rows = lock.executeQuery()) {
            rows.next();
        }
    }

    /**
     * Claims a claimable job of {@code origin}'s user at {@code provider} for this instance, the
     * caller holding claim_lock, if the jobs running on every instance leave room under {@code
     * limits}.
     */
    private Optional<Job> take(
            Connection connection,
            long jobId,
            Origin origin,
            String provider,
            Timestamp startedAt,
            Timestamp now,
            Duration lease,
            RunnerLimits limits,
            boolean newAttempt)
            throws SQLException {
        // The other jobs running under a live lease: the user's, and the provider's, in one read.
        long[] running = Jdbc.list(
                        connection,
                        "SELECT COUNT(CASE WHEN platform = ? AND user_id = ? THEN 1 END),"
                                + " COUNT(CASE WHEN provider = ? THEN 1 END) FROM jobs"
                                + " WHERE status = 'RUNNING' AND lease_until >= ? AND id <> ?",
                        row -> new long[] {row.getLong(1), row.getLong(2)},
                        origin.platform(),
                        origin.userId(),
                        provider,
                        now,
                        jobId)
                .getFirst();
        if (running[0] >= limits.maxPerUser() || running[1] >= limits.maxPerProvider()) {
            return Optional.empty();
        }
        // The condition again: a cancel or a finish does not take claim_lock, and may have
        // committed since the read above.
        int claimed = Jdbc.update(
                connection,
                "UPDATE jobs SET status = 'RUNNING', lease_owner = ?, lease_token = ?, lease_until = ?,"
                        + " attempts = attempts + ?, started_at = ? WHERE id = ? AND " + CLAIMABLE,
                instance,
                token,
                Timestamp.from(now.toInstant().plus(lease)),
                newAttempt ? 1 : 0,
                startedAt,
                jobId,
                now,
                instance,
                token);
        return claimed == 1 ? load(connection, jobId) : Optional.<Job>empty();
    }

    @Override
    public void renewLeases(Duration lease, Collection<Long> running) {
        jdbc.inTransaction(connection -> {
            if (Jdbc.update(
                            connection,
                            "UPDATE instances SET seen_at = ? WHERE name = ? AND token = ?",
                            jdbc.now(),
                            instance,
                            token)
                    == 0) {
                LOG.error(
                        "another process took this instance's name '{}' (jobs.instance): two instances of one"
                                + " name take each other's jobs; give each its own name",
                        instance);
            }
            if (running.isEmpty()) {
                return 0;
            }
            List<Object> values = new ArrayList<>();
            values.add(Timestamp.from(clock.instant().plus(lease)));
            values.add(instance);
            values.add(token);
            values.addAll(running);
            return Jdbc.update(
                    connection,
                    "UPDATE jobs SET lease_until = ? WHERE lease_owner = ? AND lease_token = ? AND status = 'RUNNING'"
                            + " AND id IN (" + String.join(", ", Collections.nCopies(running.size(), "?")) + ")",
                    values.toArray());
        });
    }

    /**
     * Which jobs may be claimed: queued, or running under no lease, one that ran out, or one that an
     * earlier process of this instance's name held. Parameters: now, the instance, its token.
     */
    private static final String CLAIMABLE = "(status = 'QUEUED' OR (status = 'RUNNING' AND (lease_owner IS NULL"
            + " OR lease_until < ? OR (lease_owner = ? AND (lease_token IS NULL OR lease_token <> ?)))))";

    @Override
    public List<Job> claimable(boolean includeOwn) {
        Timestamp now = jdbc.now();
        return includeOwn
                ? query("WHERE " + CLAIMABLE + " ORDER BY id", now, instance, token)
                : query(
                        "WHERE status = 'QUEUED' OR (status = 'RUNNING' AND (lease_owner IS NULL OR lease_until < ?))"
                                + " ORDER BY id",
                        now);
    }

    /**
     * The job, read as it is locked, when this instance may finish it: it is unfinished, and not held
     * under another instance's lease (one that took it over); throws otherwise. Its row stays locked
     * until the transaction ends.
     */
    private Job heldJob(Connection connection, long jobId) throws SQLException {
        record Held(Job job, String owner, String holder) {}
        List<Held> rows = Jdbc.list(
                connection,
                "SELECT * FROM jobs WHERE id = ? FOR UPDATE",
                row -> new Held(job(row), row.getString("lease_owner"), row.getString("lease_token")),
                jobId);
        if (rows.isEmpty()) {
            throw new LeaseLostException(jobId, "nobody: it is gone");
        }
        Job job = rows.getFirst().job();
        String status = job.status().name();
        String owner = rows.getFirst().owner();
        String holder = rows.getFirst().holder();
        if (!status.equals("QUEUED") && !status.equals("RUNNING")) {
            throw new LeaseLostException(jobId, "nobody: it is " + status);
        }
        boolean another = owner != null && (!owner.equals(instance) || (holder != null && !holder.equals(token)));
        if (status.equals("RUNNING") && another) {
            throw new LeaseLostException(jobId, owner);
        }
        return job;
    }

    @Override
    public Accepted accept(NewTurn userTurn, NewJob job) {
        return jdbc.inTransaction(connection -> accept(connection, userTurn, job));
    }

    @Override
    public <T> T admit(Function<Admission, T> decision) {
        return jdbc.inTransaction(connection -> {
            lockAdmissions(connection);
            var counts = new Counts(connection);
            return decision.apply(new Admission() {
                @Override
                public UsageCounts usage() {
                    return counts;
                }

                @Override
                public Accepted accept(NewTurn userTurn, NewJob job) {
                    try {
                        return JdbcJobStore.this.accept(connection, userTurn, job);
                    } catch (SQLException e) {
                        throw StorageException.of(e);
                    }
                }

                @Override
                public Accepted acceptStarting(NewTurn userTurn, NewJob job, StartNow start) {
                    try {
                        Inserted inserted = insert(connection, userTurn, job);
                        // The job is this transaction's own and queued: it is taken as it is.
                        lockClaims(connection);
                        Timestamp now = jdbc.now();
                        Optional<Job> claimed = take(
                                connection,
                                inserted.jobId(),
                                userTurn.origin(),
                                job.provider(),
                                now,
                                now,
                                start.lease(),
                                start.limits(),
                                true);
                        if (claimed.isPresent()) {
                            return new Accepted(inserted.turn(), claimed.get());
                        }
                        return queued(connection, inserted);
                    } catch (SQLException e) {
                        throw StorageException.of(e);
                    }
                }

                @Override
                public Optional<Job> acceptedFor(Origin origin, String requestMessageId) {
                    try {
                        return Jdbc.list(
                                        connection,
                                        "SELECT * FROM jobs WHERE platform = ? AND chat_id = ?"
                                                + " AND request_message_id = ? ORDER BY id",
                                        JdbcJobStore::job,
                                        origin.platform(),
                                        origin.chatId(),
                                        requestMessageId)
                                .stream()
                                .findFirst();
                    } catch (SQLException e) {
                        throw StorageException.of(e);
                    }
                }
            });
        });
    }

    /**
     * Takes the lock that admissions and charges hold until their transaction ends: a row lock in
     * the database, so it holds across every instance on it.
     */
    private static void lockAdmissions(Connection connection) throws SQLException {
        try (var lock = connection.prepareStatement("SELECT id FROM admission_lock WHERE id = 1 FOR UPDATE");
                var rows = lock.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("the admission_lock row is missing");
            }
        }
    }

    private Accepted accept(Connection connection, NewTurn userTurn, NewJob job) throws SQLException {
        return queued(connection, insert(connection, userTurn, job));
    }

    /** A user turn and its job stored in a transaction, not read back yet. */
    private record Inserted(Turn turn, long jobId) {}

    /** An inserted job left queued: every listening instance is woken for it, and it is read back. */
    private Accepted queued(Connection connection, Inserted inserted) throws SQLException {
        if (postgres(connection)) {
            // Delivered to every listening instance when this transaction commits.
            try (var wake = connection.createStatement()) {
                wake.execute("NOTIFY " + NEW_JOBS);
            }
        }
        return new Accepted(inserted.turn(), load(connection, inserted.jobId()).orElseThrow());
    }

    /** Stores the user turn and its job, queued, and links the request message where the job says. */
    private Inserted insert(Connection connection, NewTurn userTurn, NewJob job) throws SQLException {
        Turn turn = turns.append(connection, userTurn);
        long id;
        try (var insert = connection.prepareStatement(
                "INSERT INTO jobs (user_turn_id, platform, chat_id, user_id, guild_id, request_message_id,"
                        + " provider, model, status, attempts, charged_images, delivery_state, created_at,"
                        + " variations) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, 0, 'PENDING', ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            Origin origin = userTurn.origin();
            insert.setLong(1, turn.id());
            insert.setString(2, origin.platform());
            insert.setString(3, origin.chatId());
            insert.setString(4, origin.userId());
            insert.setString(5, origin.guildId().orElse(null));
            insert.setString(6, job.requestMessageId().orElse(null));
            insert.setString(7, job.provider());
            insert.setString(8, job.model());
            insert.setTimestamp(9, jdbc.now());
            insert.setInt(10, job.variations());
            insert.executeUpdate();
            try (var keys = insert.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        if (job.linksRequest()) {
            Origin origin = userTurn.origin();
            JdbcConversationStore.link(
                    connection,
                    new MessageRef(
                            origin.platform(),
                            origin.chatId(),
                            job.requestMessageId().orElseThrow()),
                    turn.id(),
                    false,
                    jdbc.now());
        }
        return new Inserted(turn, id);
    }

    @Override
    public Optional<Job> find(long jobId) {
        return jdbc.read(connection -> load(connection, jobId));
    }

    @Override
    public List<Job> unfinished() {
        return query("WHERE status IN ('QUEUED', 'RUNNING') ORDER BY id");
    }

    @Override
    public List<Job> undelivered() {
        // Another instance's results are that instance's to post (it retries them itself).
        return query(
                "WHERE status IN ('SUCCEEDED', 'FAILED') AND delivery_state IN ('PENDING', 'DELIVERING')"
                        + " AND (lease_owner IS NULL OR lease_owner = ?) ORDER BY id",
                instance);
    }

    @Override
    public Job markRunning(long jobId) {
        return jdbc.inTransaction(connection -> {
            Jdbc.update(
                    connection,
                    "UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, started_at = ? WHERE id = ?",
                    jdbc.now(),
                    jobId);
            return load(connection, jobId).orElseThrow();
        });
    }

    @Override
    public void recordTaskId(long jobId, String taskId) {
        jdbc.read(connection ->
                Jdbc.update(connection, "UPDATE jobs SET upstream_task_id = ? WHERE id = ?", taskId, jobId));
    }

    @Override
    public void recordProvider(long jobId, String provider) {
        jdbc.read(connection -> Jdbc.update(connection, "UPDATE jobs SET provider = ? WHERE id = ?", provider, jobId));
    }

    @Override
    public void recordProgress(long jobId, int percent) {
        jdbc.read(connection -> Jdbc.update(connection, "UPDATE jobs SET progress = ? WHERE id = ?", percent, jobId));
    }

    @Override
    public Job finish(
            long jobId,
            List<NewTurn> modelTurns,
            OutcomeKind outcome,
            String modelText,
            OutcomeDetails details,
            int chargedImages,
            boolean delivering) {
        return jdbc.inTransaction(connection -> {
            Job job = heldJob(connection, jobId);
            Timestamp finishedAt = jdbc.now();
            Long modelTurnId = null;
            for (NewTurn modelTurn : modelTurns) {
                long stored = turns.appendId(connection, modelTurn);
                if (modelTurnId == null) {
                    modelTurnId = stored;
                }
            }
            Jdbc.update(
                    connection,
                    "UPDATE jobs SET status = ?, outcome_kind = ?, outcome_message = ?, outcome_details = ?,"
                            + " model_turn_id = ?, charged_images = ?, finished_at = ?,"
                            + (delivering ? " delivery_state = 'DELIVERING'," : "")
                            + " lease_until = NULL WHERE id = ?",
                    outcome.succeeded() ? "SUCCEEDED" : "FAILED",
                    outcome.name(),
                    modelText.isBlank() ? null : modelText,
                    details.encode(),
                    modelTurnId,
                    chargedImages,
                    finishedAt,
                    jobId);
            if (chargedImages > 0) {
                // Charges and admissions count the same images: one at a time, across instances.
                lockAdmissions(connection);
                addUsage(connection, job, chargedImages);
                charge(connection, job, chargedImages, finishedAt);
            }
            return load(connection, jobId).orElseThrow();
        });
    }

    /** The ledger entry quotas count; unlike the job, it outlives the user's forgetting. */
    private static void charge(Connection connection, Job job, int images, Timestamp at) throws SQLException {
        Jdbc.update(
                connection,
                "INSERT INTO charges (platform, user_id, charged_at, images) VALUES (?, ?, ?, ?)",
                job.origin().platform(),
                job.origin().userId(),
                at,
                images);
    }

    private void addUsage(Connection connection, Job job, int images) throws SQLException {
        Date day = Date.valueOf(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        Origin origin = job.origin();
        int updated = Jdbc.update(
                connection,
                "UPDATE usage_daily SET images = images + ?, requests = requests + 1"
                        + " WHERE platform = ? AND user_id = ? AND chat_id = ? AND model = ? AND usage_day = ?",
                images,
                origin.platform(),
                origin.userId(),
                origin.chatId(),
                job.model(),
                day);
        if (updated == 0) {
            Jdbc.update(
                    connection,
                    "INSERT INTO usage_daily (platform, user_id, chat_id, model, usage_day, images, requests)"
                            + " VALUES (?, ?, ?, ?, ?, ?, 1)",
                    origin.platform(),
                    origin.userId(),
                    origin.chatId(),
                    job.model(),
                    day,
                    images);
        }
    }

    @Override
    public void markDelivering(long jobId) {
        jdbc.read(connection ->
                Jdbc.update(connection, "UPDATE jobs SET delivery_state = 'DELIVERING' WHERE id = ?", jobId));
    }

    @Override
    public void markDelivered(long jobId, Optional<String> messageId) {
        jdbc.read(connection -> Jdbc.update(
                connection,
                "UPDATE jobs SET delivery_state = 'DELIVERED', delivered_message_id = ?, delivered_at = ?,"
                        + " status_message_id = NULL WHERE id = ?",
                messageId.orElse(null),
                jdbc.now(),
                jobId));
    }

    @Override
    public void markUndeliverable(long jobId) {
        jdbc.read(connection -> Jdbc.update(
                connection,
                "UPDATE jobs SET delivery_state = 'UNDELIVERABLE', status_message_id = NULL WHERE id = ?",
                jobId));
    }

    @Override
    public void recordStatusMessage(long jobId, Optional<String> messageId) {
        jdbc.read(connection -> Jdbc.update(
                connection, "UPDATE jobs SET status_message_id = ? WHERE id = ?", messageId.orElse(null), jobId));
    }

    @Override
    public boolean recordStatusMessageWhileUnfinished(long jobId, String messageId) {
        // The finish updates the same row: of the two, the later one waits for the other's commit and
        // reads the row again, so the finish's job carries the record, or the record is refused.
        return jdbc.read(connection -> Jdbc.update(
                        connection,
                        "UPDATE jobs SET status_message_id = ? WHERE id = ? AND status IN ('QUEUED', 'RUNNING')",
                        messageId,
                        jobId))
                == 1;
    }

    @Override
    public void openRequest(String platform, String requestId, String userId, String address) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(
                    connection, "DELETE FROM open_requests WHERE platform = ? AND request_id = ?", platform, requestId);
            return Jdbc.update(
                    connection,
                    "INSERT INTO open_requests (platform, request_id, user_id, address, opened_at)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    platform,
                    requestId,
                    userId,
                    address,
                    jdbc.now());
        });
    }

    @Override
    public void closeRequest(String platform, String requestId) {
        jdbc.read(connection -> Jdbc.update(
                connection, "DELETE FROM open_requests WHERE platform = ? AND request_id = ?", platform, requestId));
    }

    @Override
    public List<OpenRequest> openRequests(String platform) {
        return jdbc.list(
                "SELECT o.request_id, o.user_id, o.address, o.opened_at,"
                        + " (SELECT MIN(j.id) FROM jobs j WHERE j.platform = o.platform"
                        + " AND j.request_message_id = o.request_id)"
                        + " FROM open_requests o WHERE o.platform = ? ORDER BY o.opened_at, o.request_id",
                row -> {
                    long job = row.getLong(5);
                    OptionalLong made = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(job);
                    return new OpenRequest(
                            row.getString(1),
                            row.getString(2),
                            row.getString(3),
                            row.getTimestamp(4).toInstant(),
                            made);
                },
                platform);
    }

    @Override
    public List<Charge> chargesSince(String platform, String userId, Instant since) {
        return jdbc.read(connection -> new Counts(connection).chargesSince(platform, userId, since));
    }

    @Override
    public long imagesSince(String platform, String userId, Instant since) {
        return jdbc.read(connection -> new Counts(connection).imagesSince(platform, userId, since));
    }

    @Override
    public long imagesSince(Instant since) {
        return jdbc.read(connection -> new Counts(connection).imagesSince(since));
    }

    @Override
    public void recordVariationTask(long jobId, int slot, String provider, String taskId) {
        jdbc.inTransaction(connection -> {
            Jdbc.update(connection, "DELETE FROM variation_tasks WHERE job_id = ? AND slot = ?", jobId, slot);
            return Jdbc.update(
                    connection,
                    "INSERT INTO variation_tasks (job_id, slot, provider, task_id) VALUES (?, ?, ?, ?)",
                    jobId,
                    slot,
                    provider,
                    taskId);
        });
    }

    @Override
    public Map<Integer, UpstreamTask> variationTasks(long jobId) {
        Map<Integer, UpstreamTask> tasks = new TreeMap<>();
        jdbc.list(
                        "SELECT slot, provider, task_id FROM variation_tasks WHERE job_id = ? ORDER BY slot",
                        row -> Map.entry(row.getInt(1), new UpstreamTask(row.getString(2), row.getString(3))),
                        jobId)
                .forEach(entry -> tasks.put(entry.getKey(), entry.getValue()));
        return tasks;
    }

    @Override
    public List<ProviderActivity> providerActivity(Instant since) {
        Timestamp from = Timestamp.from(since);
        return jdbc.list(
                "SELECT provider,"
                        + " SUM(CASE WHEN status = 'QUEUED' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN status = 'RUNNING' THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN finished_at > ? AND outcome_kind IN ('IMAGES', 'TEXT_ONLY') THEN 1 ELSE 0 END),"
                        + " SUM(CASE WHEN finished_at > ? AND outcome_kind IN ('FAILED', 'UNAUTHORIZED', 'RATE_LIMITED',"
                        + " 'QUOTA_EXHAUSTED', 'INTERRUPTED') THEN 1 ELSE 0 END)"
                        + " FROM jobs WHERE status IN ('QUEUED', 'RUNNING') OR finished_at > ?"
                        + " GROUP BY provider ORDER BY provider",
                row -> new ProviderActivity(
                        row.getString(1), row.getInt(2), row.getInt(3), row.getInt(4), row.getInt(5)),
                from,
                from,
                from);
    }

    @Override
    public int activeJobs(String platform, String userId) {
        return jdbc.read(connection -> Counts.active(connection, "COUNT(*)", platform, userId));
    }

    @Override
    public <T> T counting(Function<UsageCounts, T> work) {
        return jdbc.read(connection -> work.apply(new Counts(connection)));
    }

    @Override
    public int activeImages(String platform, String userId) {
        return jdbc.read(connection -> new Counts(connection).activeImages(platform, userId));
    }

    @Override
    public int activeImages() {
        return jdbc.read(connection -> new Counts(connection).activeImages());
    }

    @Override
    public List<Grant> grantsSince(String platform, String userId, Instant since) {
        return jdbc.read(connection -> new Counts(connection).grantsSince(platform, userId, since));
    }

    /** The counts quotas read, on one connection: inside an admission, or a read of their own. */
    private static final class Counts implements UsageCounts {
        private final Connection connection;

        Counts(Connection connection) {
            this.connection = connection;
        }

        @Override
        public List<Charge> chargesSince(String platform, String userId, Instant since) {
            return list(
                    "SELECT charged_at, images FROM charges WHERE platform = ? AND user_id = ? AND charged_at > ?"
                            + " ORDER BY charged_at, id",
                    row -> new Charge(row.getTimestamp(1).toInstant(), row.getInt(2)),
                    platform,
                    userId,
                    Timestamp.from(since));
        }

        @Override
        public long imagesSince(String platform, String userId, Instant since) {
            return number(
                    "SELECT COALESCE(SUM(images), 0) FROM charges WHERE platform = ? AND user_id = ? AND charged_at > ?",
                    platform,
                    userId,
                    Timestamp.from(since));
        }

        @Override
        public long imagesSince(Instant since) {
            return number("SELECT COALESCE(SUM(images), 0) FROM charges WHERE charged_at > ?", Timestamp.from(since));
        }

        @Override
        public int activeImages(String platform, String userId) {
            try {
                return active(connection, "COALESCE(SUM(variations), 0)", platform, userId);
            } catch (SQLException e) {
                throw StorageException.of(e);
            }
        }

        @Override
        public int activeImages() {
            return (int) number("SELECT COALESCE(SUM(variations), 0) FROM jobs WHERE status IN ('QUEUED', 'RUNNING')");
        }

        @Override
        public List<Grant> grantsSince(String platform, String userId, Instant since) {
            return list(
                    "SELECT granted_at, images FROM image_grants WHERE user_key = ? AND granted_at > ?"
                            + " ORDER BY granted_at, id",
                    row -> new Grant(row.getTimestamp(1).toInstant(), row.getInt(2)),
                    platform + ":" + userId,
                    Timestamp.from(since));
        }

        private long number(String sql, Object... values) {
            return list(sql, row -> row.getLong(1), values).getFirst();
        }

        /** The rows of a query on this connection, mapped. */
        private <T> List<T> list(String sql, Jdbc.SqlFunction<java.sql.ResultSet, T> row, Object... values) {
            try {
                return Jdbc.list(connection, sql, row, values);
            } catch (SQLException e) {
                throw StorageException.of(e);
            }
        }

        static int active(Connection connection, String measure, String platform, String userId) throws SQLException {
            return Jdbc.list(
                            connection,
                            "SELECT " + measure + " FROM jobs"
                                    + " WHERE platform = ? AND user_id = ? AND status IN ('QUEUED', 'RUNNING')",
                            row -> row.getInt(1),
                            platform,
                            userId)
                    .getFirst();
        }
    }

    @Override
    public List<Job> activeIn(Origin origin) {
        return jdbc.list(
                "SELECT * FROM jobs WHERE platform = ? AND user_id = ? AND chat_id = ?"
                        + " AND status IN ('QUEUED', 'RUNNING') ORDER BY id",
                JdbcJobStore::job,
                origin.platform(),
                origin.userId(),
                origin.chatId());
    }

    @Override
    public List<UsageRow> usage(LocalDate from, Optional<UserRef> user) {
        String sql = "SELECT platform, user_id, chat_id, model, usage_day, images, requests FROM usage_daily"
                + " WHERE usage_day >= ?" + (user.isPresent() ? " AND platform = ? AND user_id = ?" : "")
                + " ORDER BY usage_day, platform, user_id, chat_id, model";
        Object[] values = user.map(u -> new Object[] {Date.valueOf(from), u.platform(), u.userId()})
                .orElseGet(() -> new Object[] {Date.valueOf(from)});
        return jdbc.list(
                sql,
                row -> new UsageRow(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getDate(5).toLocalDate(),
                        row.getInt(6),
                        row.getInt(7)),
                values);
    }

    private List<Job> query(String tail, Object... values) {
        return jdbc.list("SELECT * FROM jobs " + tail, JdbcJobStore::job, values);
    }

    private static Optional<Job> load(Connection connection, long jobId) throws SQLException {
        return Jdbc.list(connection, "SELECT * FROM jobs WHERE id = ?", JdbcJobStore::job, jobId).stream()
                .findFirst();
    }

    private static Job job(ResultSet row) throws SQLException {
        int progress = row.getInt("progress");
        OptionalInt progressValue = row.wasNull() ? OptionalInt.empty() : OptionalInt.of(progress);
        long modelTurn = row.getLong("model_turn_id");
        OptionalLong modelTurnId = row.wasNull() ? OptionalLong.empty() : OptionalLong.of(modelTurn);
        return new Job(
                row.getLong("id"),
                row.getLong("user_turn_id"),
                Jdbc.origin(row),
                Optional.ofNullable(row.getString("request_message_id")),
                row.getString("provider"),
                row.getString("model"),
                JobStatus.valueOf(row.getString("status")),
                row.getInt("attempts"),
                Optional.ofNullable(row.getString("upstream_task_id")),
                progressValue,
                Optional.ofNullable(row.getString("outcome_kind")).map(OutcomeKind::valueOf),
                Optional.ofNullable(row.getString("outcome_message")),
                Optional.ofNullable(row.getString("outcome_details")).map(OutcomeDetails::decode),
                modelTurnId,
                row.getInt("charged_images"),
                DeliveryState.valueOf(row.getString("delivery_state")),
                Optional.ofNullable(row.getString("delivered_message_id")),
                Optional.ofNullable(row.getString("status_message_id")),
                row.getTimestamp("created_at").toInstant(),
                instant(row, "started_at"),
                instant(row, "finished_at"),
                row.getInt("variations"));
    }

    private static Optional<Instant> instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? Optional.empty() : Optional.of(value.toInstant());
    }
}
