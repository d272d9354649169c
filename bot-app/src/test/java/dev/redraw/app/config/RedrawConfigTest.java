package dev.redraw.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RedrawConfigTest {

    private static final Secret TOKEN = new Secret("token-value");

    @Test
    void enabledPlatformsListsOnlyThoseSwitchedOn() {
        RedrawConfig telegramOnly =
                config(new TelegramConfig(true, Optional.of(TOKEN), TelegramConfig.DEFAULT_API_URL));

        assertThat(telegramOnly.enabledPlatforms()).containsExactly(Platform.TELEGRAM);
        assertThat(config(TelegramConfig.disabled()).enabledPlatforms()).isEmpty();
    }

    @Test
    void platformHelpNamesTheSwitchesAndTheVariables() {
        assertThat(RedrawConfig.platformHelp())
                .contains("telegram.enabled: true", "TELEGRAM_BOT_TOKEN", "discord.enabled: true", "DISCORD_TOKEN")
                .doesNotContain("\n");
    }

    @Test
    void providerIsFoundByName() {
        RedrawConfig config = config(TelegramConfig.disabled());

        assertThat(config.provider("nebula")).contains(config.providers().getFirst());
        assertThat(config.provider("missing")).isEmpty();
    }

    @Test
    void providerListCannotBeChangedAfterConstruction() {
        // Given a config built from a list the caller keeps
        List<ProviderConfig> providers = new ArrayList<>(List.of(provider()));
        RedrawConfig config = config(TelegramConfig.disabled(), providers);

        // When the caller's list changes
        providers.clear();

        // Then the config is unaffected and its own list is read-only
        assertThat(config.providers()).hasSize(1);
        assertThatThrownBy(() -> config.providers().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void handBuiltRecordsAreValidatedToo() {
        assertThatThrownBy(() -> new TelegramConfig(true, Optional.empty(), TelegramConfig.DEFAULT_API_URL))
                .isInstanceOf(ConfigException.class)
                .hasMessage("token: required because enabled is true");
        assertThatThrownBy(() -> new StorageConfig("jdbc:h2:mem:x", Optional.empty(), Optional.empty(), 0))
                .hasMessageStartingWith("pool-size: ");
    }

    private static RedrawConfig config(TelegramConfig telegram) {
        return config(telegram, List.of(provider()));
    }

    private static RedrawConfig config(TelegramConfig telegram, List<ProviderConfig> providers) {
        return new RedrawConfig(
                telegram,
                DiscordConfig.disabled(),
                providers,
                new GenerationConfig("m", "1:1", 1),
                ImagesConfig.defaults(),
                StorageConfig.defaults(),
                ConsoleConfig.defaults(),
                JobsConfig.defaults(),
                QuotasConfig.defaults(),
                AccessConfig.defaults(),
                RetriesConfig.defaults(),
                ServerConfig.defaults(),
                LoggingConfig.defaults());
    }

    private static ProviderConfig provider() {
        return new ProviderConfig(
                "nebula",
                Dialect.CONTENTS,
                URI.create("https://llm.example.com"),
                TOKEN,
                List.of(ModelEntries.of("m")),
                Duration.ofSeconds(1),
                ProviderAuth.BEARER,
                false,
                ProviderConfig.DEFAULT_POLL_INTERVAL,
                ProviderConfig.DEFAULT_POLL_MAX_INTERVAL,
                ProviderConfig.DEFAULT_MAX_WAIT);
    }
}
