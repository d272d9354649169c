package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The settings for several instances: Telegram's webhook and Discord's shards. */
class ScaleOutConfigTest {

    private static final String SECRET = "hook_SECRET-5e1";
    private static final String WEBHOOK = MINIMAL + """
            telegram:
              enabled: true
              mode: webhook
              webhook-url: https://bot.example.com/telegram/hook
            server:
              port: 8080
            """;

    private static Map<String, String> env() {
        return Fixtures.envWith("TELEGRAM_WEBHOOK_SECRET", SECRET);
    }

    @Test
    void webhookModeReadsItsUrlAndTheSecretFromTheEnvironment() {
        RedrawConfig config = Fixtures.load(WEBHOOK, env());

        assertThat(config.telegram().mode()).isEqualTo(TelegramMode.WEBHOOK);
        assertThat(config.telegram().webhook()).isTrue();
        assertThat(config.telegram().webhookUrl().orElseThrow().getRawPath()).isEqualTo("/telegram/hook");
        assertThat(config.telegram().webhookSecret().orElseThrow().value()).isEqualTo(SECRET);
        assertThat(config.toString()).doesNotContain(SECRET);
    }

    @Test
    void pollingIsTheDefaultAndNeedsNoSecret() {
        RedrawConfig config = Fixtures.load(MINIMAL + "telegram:\n  enabled: true\n");

        assertThat(config.telegram().mode()).isEqualTo(TelegramMode.POLLING);
        assertThat(config.telegram().webhook()).isFalse();
    }

    @Test
    void webhookModeWithoutItsSecretUrlOrServerIsRefusedNamingTheKey() {
        assertThat(Fixtures.failure(WEBHOOK, Fixtures.env()))
                .hasMessageStartingWith("telegram.webhook-secret: TELEGRAM_WEBHOOK_SECRET");
        assertThat(Fixtures.failure(
                        WEBHOOK.replace("  webhook-url: https://bot.example.com/telegram/hook\n", ""), env()))
                .hasMessage("telegram.webhook-url: required because mode is webhook");
        assertThat(Fixtures.failure(WEBHOOK.replace("server:\n  port: 8080\n", ""), env()))
                .hasMessage("server.port: required because telegram.mode is webhook: the webhook is served by this"
                        + " server");
    }

    @Test
    void badWebhookValuesAreRefusedNamingTheKey() {
        assertThat(Fixtures.failure(WEBHOOK.replace("mode: webhook", "mode: push"), env()))
                .hasMessageStartingWith("telegram.mode: ");
        assertThat(Fixtures.failure(WEBHOOK.replace("/telegram/hook", ""), env()))
                .hasMessageStartingWith("telegram.webhook-url: ")
                .hasMessageContaining("path of its own");
        assertThat(Fixtures.failure(WEBHOOK.replace("/telegram/hook", "/i/hook"), env()))
                .hasMessageStartingWith("telegram.webhook-url: ");
        assertThat(Fixtures.failure(WEBHOOK, Fixtures.envWith("TELEGRAM_WEBHOOK_SECRET", "has spaces and !")))
                .hasMessage("telegram.webhook-secret: must be 1 to 256 letters, digits, '_' or '-' (what Telegram"
                        + " accepts)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("has spaces"));
    }

    @Test
    void shardsAreReadAndCheckedAgainstTheirTotal() {
        RedrawConfig config =
                Fixtures.load(MINIMAL + "discord:\n  enabled: true\n  shard-total: 4\n  shard-ids: [1, 3]\n");
        assertThat(config.discord().shardTotal()).isEqualTo(OptionalInt.of(4));
        assertThat(config.discord().shardIds()).isEqualTo(List.of(1, 3));

        RedrawConfig all = Fixtures.load(MINIMAL + "discord:\n  enabled: true\n");
        assertThat(all.discord().shardTotal()).isEmpty();
        assertThat(all.discord().shardIds()).isEmpty();

        assertThat(Fixtures.failure(MINIMAL + "discord:\n  shard-total: 2\n  shard-ids: [0, 2]\n"))
                .hasMessage("discord.shard-ids: shard 2 does not exist: shards are numbered 0 to 1 (shard-total 2)");
        assertThat(Fixtures.failure(MINIMAL + "discord:\n  shard-ids: [0]\n"))
                .hasMessage("discord.shard-ids: needs shard-total, the number of shards over every instance");
        assertThat(Fixtures.failure(MINIMAL + "discord:\n  shard-total: 2\n  shard-ids: [1, 1]\n"))
                .hasMessage("discord.shard-ids: names a shard twice: [1, 1]");
        assertThat(Fixtures.failure(MINIMAL + "discord:\n  shard-total: 0\n"))
                .hasMessageStartingWith("discord.shard-total: ");
        assertThat(Fixtures.failure(MINIMAL + "discord:\n  shard-total: 2\n  shard-ids: [-1]\n"))
                .hasMessageStartingWith("discord.shard-ids: shard -1 does not exist");
    }
}
