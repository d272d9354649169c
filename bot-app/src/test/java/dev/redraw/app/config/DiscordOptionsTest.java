package dev.redraw.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class DiscordOptionsTest {

    @Test
    void messageContentAndACommandServerAreOptional() {
        DiscordConfig defaults = Fixtures.load(Fixtures.MINIMAL).discord();
        DiscordConfig chosen = Fixtures.load(Fixtures.MINIMAL
                        + "discord:\n  message-content: true\n  command-guild: \"123456789012345678\"\n")
                .discord();

        assertThat(defaults.messageContent()).isFalse();
        assertThat(defaults.commandGuild()).isEmpty();
        assertThat(chosen.messageContent()).isTrue();
        assertThat(chosen.commandGuild()).isEqualTo(OptionalLong.of(123456789012345678L));
    }

    @Test
    void aCommandServerMustBeAnId() {
        Fixtures.assertRefusedAt(
                Fixtures.MINIMAL + "discord:\n  command-guild: my-server\n",
                "discord.command-guild",
                "'my-server' is not a Discord server id");
    }
}
