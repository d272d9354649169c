package dev.redraw.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopedIdTest {

    @ParameterizedTest(name = "{0} is {1} id {2}")
    @CsvSource({
        "telegram:123456, telegram, 123456",
        "telegram:-1001234567890, telegram, -1001234567890",
        "discord:987654321012345678, discord, 987654321012345678",
        "console:local-user, console, local-user",
        "discord:guild:42, discord, guild:42",
        "telegram::1, telegram, :1",
        "' telegram:42 ', telegram, 42"
    })
    void platformIsTheTextBeforeTheFirstColon(String text, String platform, String id) {
        assertThat(ScopedId.parse(text)).isEqualTo(new ScopedId(platform, id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"telegram:-1001234567890", "discord:a:b", "console:1"})
    void toStringIsTheConfigFileSpelling(String text) {
        assertThat(ScopedId.parse(text)).hasToString(text);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @ValueSource(
            strings = {
                "tg:42",
                "telegram:",
                "telegram",
                ":42",
                "12345",
                "Telegram:42",
                "TELEGRAM:42",
                "telegram:4 2",
                "telegram:\t42",
                "slack:42",
                ""
            })
    void malformedIdIsRefusedShowingTheAcceptedForm(String text) {
        assertThatThrownBy(() -> ScopedId.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "'" + text.strip() + "' is not a scoped id like telegram:123456 or discord:987654321012345678"
                                + " (platform is telegram, discord or console)");
    }

    @Test
    void handBuiltIdIsHeldToTheSameRules() {
        assertThatThrownBy(() -> new ScopedId("tg", "42"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'tg:42' is not a scoped id");
        assertThatThrownBy(() -> new ScopedId("discord", "")).hasMessageStartingWith("'discord:' is not a scoped id");
    }

    @Test
    void onlyDiscordIdsAreGuildIds() {
        assertThat(ScopedId.parseGuild("discord:1").isDiscord()).isTrue();
        assertThat(ScopedId.parse("telegram:1").isDiscord()).isFalse();
        assertThatThrownBy(() -> ScopedId.parseGuild("telegram:-100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'telegram:-100' is not a guild id; guilds exist only on Discord, so write discord:ID");
    }
}
