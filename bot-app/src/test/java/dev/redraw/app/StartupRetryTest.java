package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.app.config.ConfigLoader;
import dev.redraw.app.config.RedrawConfig;
import dev.redraw.core.StartupException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** Connecting at start: waits double up to a cap while a platform cannot be reached. */
class StartupRetryTest {

    private static final String TOKEN = "123456:retry-test-token";

    private final List<Duration> waits = new ArrayList<>();
    private final StartupRetry retry = new StartupRetry(StartupRetry.FIRST_WAIT, StartupRetry.MAX_WAIT, waits::add);

    private final RedrawConfig config =
            new ConfigLoader(Map.of("K", "k", "TELEGRAM_BOT_TOKEN", TOKEN)).load("""
                    providers: [{name: p, dialect: contents, base-url: 'http://127.0.0.1:9/', api-key: '${K}', models: [m]}]
                    telegram: {enabled: true, api-url: 'http://127.0.0.1:9/'}
                    discord: {rest-url: 'http://127.0.0.1:9/api/v10/'}
                    """, "test");

    @Test
    void waitsDoubleFromOneSecondUpToAMinuteUntilThePlatformAnswers() throws Exception {
        int[] tries = {0};

        retry.connect(
                "telegram",
                () -> {
                    if (++tries[0] <= 9) {
                        throw new StartupException("telegram.api-url: cannot reach the Bot API (ConnectException)");
                    }
                },
                e -> Optional.of(e.getMessage()));

        assertThat(tries[0]).isEqualTo(10);
        assertThat(waits).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void aFailureWaitingCannotFixEndsTheStartAtOnce() {
        var refused = new StartupException("telegram.token: Telegram did not accept the token (TELEGRAM_BOT_TOKEN)");

        assertThatThrownBy(() -> retry.connect(
                        "telegram",
                        () -> {
                            throw refused;
                        },
                        e -> Platforms.telegramUnreachable(e, config)))
                .isSameAs(refused);
        assertThat(waits).isEmpty();
    }

    @Test
    void telegramFailuresWithoutAnAnswerOrWithAServerErrorAreWaitedOut() {
        assertThat(Platforms.telegramUnreachable(
                        new StartupException("telegram.token: Telegram did not accept the token"), config))
                .isEmpty();
        assertThat(Platforms.telegramUnreachable(new TelegramApiRequestException("Bad Request"), config))
                .isEmpty();
        assertThat(Platforms.telegramUnreachable(
                        new StartupException("telegram.api-url: cannot reach the Bot API at x (ConnectException)"),
                        config))
                .hasValue("telegram.api-url: cannot reach the Bot API at x (ConnectException)");
        assertThat(Platforms.telegramUnreachable(
                        new TelegramApiException("Unable to execute", new ConnectException("refused /bot" + TOKEN)),
                        config))
                .hasValue("telegram.api-url: the Bot API at http://127.0.0.1:9/ cannot be reached"
                        + " (ConnectException: refused /bot***)");
        assertThat(Platforms.telegramUnreachable(new IllegalStateException("bug"), config))
                .isEmpty();
    }

    @Test
    void discordFailuresWithoutAnAnswerAreWaitedOutAndOthersAreNot() {
        assertThat(Platforms.discordUnreachable(
                        new UncheckedIOException(new ConnectException("Connection refused")), config))
                .hasValue("discord.rest-url: Discord at http://127.0.0.1:9/api/v10/ cannot be reached"
                        + " (ConnectException: Connection refused)");
        assertThat(Platforms.discordUnreachable(
                        new StartupException("discord.token: Discord did not accept the token (DISCORD_TOKEN)"),
                        config))
                .isEmpty();
    }
}
