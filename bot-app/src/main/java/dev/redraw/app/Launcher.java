package dev.redraw.app;

import dev.redraw.app.config.ConfigException;
import dev.redraw.app.config.ConfigLoader;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.app.console.ConsoleMode;
import dev.redraw.app.ops.LogSetup;
import dev.redraw.app.ops.RetentionSchedule;
import dev.redraw.core.StartupException;
import dev.redraw.core.conversation.Retention;
import dev.redraw.core.provider.Sleeper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses the command line, loads the configuration and starts the chosen mode. Returns the exit
 * status instead of exiting, so tests can run it in-process.
 */
public final class Launcher {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    /** How long the bot waits without jobs before it gives memory back. */
    static final Duration TRIM_AFTER_IDLE = Duration.ofSeconds(10);

    private static final String USAGE_TEXT =
            "usage: java -jar redraw.jar [console | backup FILE] [--config PATH] [--version]"
                    + "   (default config: config/redraw.yml)";

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public Launcher(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
    }

    public int run(String... args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println(USAGE_TEXT);
            return USAGE;
        }
        if (arguments.help()) {
            out.println(USAGE_TEXT);
            return OK;
        }
        if (arguments.version()) {
            out.println("redraw " + Version.current());
            return OK;
        }
        RedrawConfig config;
        try {
            config = new ConfigLoader(env).load(arguments.config());
        } catch (ConfigException e) {
            // A backup reads the bot's own configuration, whose references need the bot's variables.
            err.println("config error: " + e.getMessage()
                    + (arguments.backup().isPresent()
                            ? " (backup reads the bot's configuration: run it with the bot's environment variables set)"
                            : ""));
            return USAGE;
        }
        LogSetup.apply(config.logging());
        if (arguments.backup().isPresent()) {
            return new BackupCommand(out, err).run(config, arguments.backup().get());
        }
        try {
            return arguments.console() ? runConsole(config) : runBots(config, arguments.config());
        } catch (ConfigException e) {
            err.println("config error: " + e.getMessage());
            return USAGE;
        } catch (StartupException e) {
            // A start-up check that failed, with a message naming the setting: no stack trace needed.
            err.println("startup error: " + e.getMessage());
            return FAILED;
        } catch (Exception e) {
            LOG.error("Redraw stopped on an unexpected error", e);
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    private int runConsole(RedrawConfig config) throws Exception {
        try (var app = Application.start(config)) {
            var console = new ConsoleMode(
                    app.desk(),
                    app.runner(),
                    app.generation(),
                    app.conversations(),
                    app.images(),
                    app.intake(),
                    app.trees(),
                    config.console().outputDir(),
                    out,
                    app.clock());
            app.events().register(ConsoleMode.platform(), console.events());
            Thread onSigterm = Thread.ofPlatform().unstarted(app::close);
            Runtime.getRuntime().addShutdownHook(onSigterm);
            app.runner().start();
            app.readiness().started();
            app.metrics().start();
            console.run(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
            Runtime.getRuntime().removeShutdownHook(onSigterm);
            return OK;
        }
    }

    private int runBots(RedrawConfig config, Path file) throws Exception {
        if (config.enabledPlatforms().isEmpty()) {
            err.println("No platform is enabled, so there is nothing to run.");
            err.println(RedrawConfig.platformHelp());
            err.println(
                    "To try prompts without a platform: ./redraw console (or java -jar bot-app/target/redraw.jar console)");
            return USAGE;
        }
        LOG.info(
                "Redraw {} starting ({}) on Java {}, instance {}",
                Version.current(),
                platformNames(config),
                Runtime.version(),
                config.jobs().instance());
        try (var app = Application.start(config);
                var reload = new ConfigReload(file, env, config, app);
                var telegram = config.telegram().enabled() ? Platforms.telegram(config, app, reload) : null;
                var discord = config.discord().enabled() ? Platforms.discord(config, app, reload) : null) {
            var stopped = new java.util.concurrent.CountDownLatch(1);
            Thread onSigterm = Thread.ofPlatform().unstarted(() -> {
                LOG.info(
                        "Redraw stopping: running jobs have {} to finish",
                        config.jobs().shutdownGrace());
                app.readiness().stopping();
                // Telegram stops taking updates first: those it has not confirmed come again after
                // the restart, instead of meeting a closed database. Its API client stays open, so
                // results of jobs finishing in the grace period are still posted.
                if (telegram != null) {
                    try {
                        telegram.close();
                    } catch (Exception e) {
                        LOG.warn("stopping Telegram polling failed: {}", e.toString());
                    }
                }
                app.close();
                LOG.info("Redraw stopped");
                stopped.countDown();
            });
            Runtime.getRuntime().addShutdownHook(onSigterm);
            app.runner().start();
            // A platform that cannot be reached yet is tried again with doubling waits, one log line
            // per try, instead of ending the start; a refused token ends it at once.
            var retry = new StartupRetry(StartupRetry.FIRST_WAIT, StartupRetry.MAX_WAIT, Sleeper.REAL);
            try {
                startTogether(
                        telegram == null
                                ? null
                                : () -> retry.connect(
                                        "telegram", telegram::start, e -> Platforms.telegramUnreachable(e, config)),
                        discord == null
                                ? null
                                : () -> retry.connect(
                                        "discord", discord::start, e -> Platforms.discordUnreachable(e, config)));
            } catch (Exception | Error e) {
                // A start that failed is not a stop: its one line says why, and nothing follows it.
                try {
                    Runtime.getRuntime().removeShutdownHook(onSigterm);
                } catch (IllegalStateException shuttingDown) {
                    // The JVM is on its way down already: the hook runs as for any stop.
                }
                throw e;
            }
            // Results whose posts failed while the platforms were connecting go out now.
            app.runner().platformConnected();
            app.readiness().started();
            reload.onHangUp();
            LOG.info(
                    "Redraw is ready ({}) {} ms after the JVM started",
                    platformNames(config),
                    ManagementFactory.getRuntimeMXBean().getUptime());
            // Built now rather than during the start, which it would slow down on a small machine.
            app.metrics().start();
            IdleMemoryTrim.allowHeapToShrink();
            try (var retention = config.storage()
                            .retention()
                            .map(keep -> RetentionSchedule.start(
                                    new Retention(app.conversations(), keep, Clock.systemUTC())))
                            .orElse(null);
                    var trim = new IdleMemoryTrim(
                                    app.runner()::finishedJobs,
                                    () -> app.runner().isIdleNow(),
                                    TRIM_AFTER_IDLE,
                                    Clock.systemUTC(),
                                    () -> {
                                        app.images().forgetAll();
                                        IdleMemoryTrim.returnMemory();
                                    })
                            .start()) {
                stopped.await();
            }
            return OK;
        }
    }

    private static String platformNames(RedrawConfig config) {
        return config.enabledPlatforms().stream()
                .map(platform -> platform.name().toLowerCase(Locale.ROOT))
                .sorted()
                .collect(Collectors.joining(", "));
    }

    /** A platform's connection step, which may fail with any exception. */
    @FunctionalInterface
    interface Connect {
        void run() throws Exception;
    }

    /**
     * Connects the platforms at the same time, since each spends its start waiting on the network;
     * rethrows the first failure as it was thrown. A null step is skipped.
     */
    static void startTogether(Connect... steps) throws Exception {
        try (var starting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> started = new ArrayList<>();
            for (Connect step : steps) {
                if (step != null) {
                    started.add(starting.submit(() -> {
                        step.run();
                        return null;
                    }));
                }
            }
            for (Future<Void> step : started) {
                try {
                    step.get();
                } catch (ExecutionException e) {
                    switch (e.getCause()) {
                        case Exception failure -> throw failure;
                        case Error error -> throw error;
                        default -> throw e;
                    }
                }
            }
        }
    }

    /** The command line: an optional mode, {@code --config PATH}, {@code --help} or {@code --version}. */
    record Arguments(boolean console, boolean help, boolean version, Path config, Optional<Path> backup) {

        Arguments(boolean console, boolean help, boolean version, Path config) {
            this(console, help, version, config, Optional.empty());
        }

        static Arguments parse(String... args) {
            Optional<Path> backup = Optional.empty();
            boolean console = false;
            boolean help = false;
            boolean version = false;
            Path config = ConfigLoader.DEFAULT_PATH;
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "console" -> console = true;
                    case "backup" -> {
                        if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
                            throw new IllegalArgumentException(
                                    "backup needs the file to write, e.g. backup redraw-backup.zip");
                        }
                        backup = Optional.of(Path.of(args[++i]));
                    }
                    case "--help", "-h", "help" -> help = true;
                    case "--version", "-V" -> version = true;
                    case "--config" -> {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("--config needs a path");
                        }
                        config = Path.of(args[++i]);
                    }
                    default -> {
                        if (args[i].startsWith("--config=")) {
                            config = Path.of(args[i].substring("--config=".length()));
                        } else {
                            throw new IllegalArgumentException("unknown argument: " + args[i]);
                        }
                    }
                }
            }
            if (console && backup.isPresent()) {
                throw new IllegalArgumentException("console and backup are two modes; give one");
            }
            return new Arguments(console, help, version, config, backup);
        }
    }
}
