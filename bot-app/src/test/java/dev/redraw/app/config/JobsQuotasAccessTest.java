package dev.redraw.app.config;

import static dev.redraw.app.config.Fixtures.MINIMAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The jobs, quotas and access sections: defaults, values and every refused value. */
class JobsQuotasAccessTest {

    private static final String SCOPED_ID_FORM =
            "is not a scoped id like telegram:123456 or discord:987654321012345678 (platform is telegram, discord"
                    + " or console)";

    @Test
    void absentSectionsGetTheDefaults() {
        // Given a file without jobs, quotas or access
        // When it is loaded
        RedrawConfig config = Fixtures.load(MINIMAL);

        // Then each section equals its documented defaults
        assertThat(config.jobs()).isEqualTo(JobsConfig.defaults());
        assertThat(config.quotas()).isEqualTo(QuotasConfig.defaults());
        assertThat(config.access()).isEqualTo(AccessConfig.defaults());
        assertThat(config.quotas().globalDailyImages()).isEmpty();
        assertThat(config.access().allow()).isEqualTo(AccessList.empty());
    }

    @Test
    void emptySectionsAndValuesGetTheDefaults() {
        // Given sections that are present but say nothing, and an empty global cap
        String yaml = MINIMAL + """
                jobs:
                quotas:
                  global-daily-images: ${NO_CAP:-}
                  overrides: []
                access:
                  allow:
                  deny:
                    users: []
                """;

        // When it is loaded
        RedrawConfig config = Fixtures.load(yaml);

        // Then the defaults apply and there is no global cap
        assertThat(config.jobs()).isEqualTo(JobsConfig.defaults());
        assertThat(config.quotas()).isEqualTo(QuotasConfig.defaults());
        assertThat(config.access()).isEqualTo(AccessConfig.defaults());
    }

    @Test
    void lowestAcceptedValuesAreKept() {
        String yaml = MINIMAL + """
                jobs:
                  max-concurrent: 1
                  max-per-provider: 1
                  max-per-user: 1
                  max-attempts: 1
                  shutdown-grace: 0s
                  instance: a
                  lease: 3s
                quotas:
                  images-per-user: 0
                  window: 1m
                  global-daily-images: 1
                """;

        RedrawConfig config = Fixtures.load(yaml);

        assertThat(config.jobs()).isEqualTo(new JobsConfig(1, 1, 1, 1, Duration.ZERO, "a", Duration.ofSeconds(3)));
        assertThat(config.quotas()).isEqualTo(new QuotasConfig(0, Duration.ofMinutes(1), OptionalInt.of(1), List.of()));
    }

    @Test
    void highestAcceptedValuesAreKept() {
        String yaml = MINIMAL + """
                jobs:
                  max-concurrent: 1000
                  max-per-provider: 1000
                  max-per-user: 100
                  max-attempts: 10
                  shutdown-grace: 10m
                  instance: bot-1.eu_west
                  lease: 1h
                quotas:
                  images-per-user: 1000000
                  window: 30d
                  global-daily-images: 10_000_000
                  overrides:
                    - chat: console:local
                      images-per-user: 1000000
                """;

        RedrawConfig config = Fixtures.load(yaml);

        assertThat(config.jobs())
                .isEqualTo(new JobsConfig(
                        1000, 1000, 100, 10, Duration.ofMinutes(10), "bot-1.eu_west", Duration.ofHours(1)));
        assertThat(config.quotas().imagesPerUser()).isEqualTo(1_000_000);
        assertThat(config.quotas().window()).isEqualTo(Duration.ofDays(30));
        assertThat(config.quotas().globalDailyImages()).hasValue(10_000_000);
        assertThat(config.quotas().overrides().getFirst().imagesPerUser()).isEqualTo(1_000_000);
    }

    @Test
    void scopedIdsAreReadFromBlockAndFlowListsAndQuotedText() {
        // Given ids written in the ways YAML allows, including ids with '-' and ':'
        String yaml = MINIMAL + """
                access:
                  admins:
                    - telegram:-1001234567890
                    - "discord:987654321012345678"
                    - 'console:a:b'
                  allow:
                    chats: [telegram:-42, discord:7]
                """;

        // When it is loaded
        AccessConfig access = Fixtures.load(yaml).access();

        // Then each is split at its first colon
        assertThat(access.admins())
                .containsExactlyInAnyOrder(
                        new ScopedId("telegram", "-1001234567890"),
                        new ScopedId("discord", "987654321012345678"),
                        new ScopedId("console", "a:b"));
        assertThat(access.allow().chats())
                .containsExactlyInAnyOrder(new ScopedId("telegram", "-42"), new ScopedId("discord", "7"));
        assertThat(access.allow().users()).isEmpty();
        assertThat(access.deny()).isEqualTo(AccessList.empty());
    }

    @Test
    void idListedTwiceCountsOnce() {
        String yaml = MINIMAL + "access:\n  admins: [telegram:1, telegram:1, telegram:2]\n";

        assertThat(Fixtures.load(yaml).access().admins())
                .containsExactlyInAnyOrder(new ScopedId("telegram", "1"), new ScopedId("telegram", "2"));
    }

    @Test
    void overrideIsScopedToItsChatOrGuild() {
        String yaml = MINIMAL + """
                quotas:
                  overrides:
                    - chat: telegram:-100
                      images-per-user: 5
                    - guild: discord:100
                      images-per-user: 6
                    - chat: discord:100
                      images-per-user: 7
                """;

        List<QuotaOverride> overrides = Fixtures.load(yaml).quotas().overrides();

        assertThat(overrides)
                .extracting(QuotaOverride::scope)
                .containsExactly(
                        new ScopedId("telegram", "-100"),
                        new ScopedId("discord", "100"),
                        new ScopedId("discord", "100"));
        assertThat(overrides)
                .extracting(QuotaOverride::guild)
                .containsExactly(Optional.empty(), Optional.of(new ScopedId("discord", "100")), Optional.empty());
        assertThat(overrides).extracting(QuotaOverride::imagesPerUser).containsExactly(5, 6, 7);
    }

    @ParameterizedTest(name = "{0}.{1}: {2}")
    @CsvSource({
        "jobs, max-concurrent, 0, 1 to 1000",
        "jobs, max-concurrent, 1001, 1 to 1000",
        "jobs, max-per-provider, 0, 1 to 1000",
        "jobs, max-per-provider, 1001, 1 to 1000",
        "jobs, max-per-user, 0, 1 to 100",
        "jobs, max-per-user, 101, 1 to 100",
        "jobs, max-attempts, 0, 1 to 10",
        "jobs, max-attempts, 11, 1 to 10",
        "jobs, shutdown-grace, 601s, 0s to 10m",
        "jobs, lease, 2s, 3s to 1h",
        "jobs, lease, 61m, 3s to 1h",
        "quotas, images-per-user, -1, 0 to 1000000",
        "quotas, images-per-user, 1000001, 0 to 1000000",
        "quotas, window, 59s, 1m to 30d",
        "quotas, window, 31d, 1m to 30d",
        "quotas, global-daily-images, 0, 1 to 10000000",
        "quotas, global-daily-images, 10000001, 1 to 10000000"
    })
    void valueOutsideItsRangeIsRefused(String section, String key, String value, String range) {
        ConfigException error = Fixtures.failure(MINIMAL + section + ":\n  " + key + ": " + value + "\n");

        assertThat(error).hasMessage(section + "." + key + ": " + value + " is out of range; expected " + range);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                mistake("jobs:\n  max-concurrent: many\n", "jobs.max-concurrent", "'many' is not a whole number"),
                mistake(
                        "jobs:\n  max-per-provider: 33\n",
                        "jobs.max-per-provider",
                        "33 is more than max-concurrent (32); raise max-concurrent or lower max-per-provider"),
                mistake(
                        "jobs:\n  max-concurrent: 4\n  max-per-provider: 4\n  max-per-user: 5\n",
                        "jobs.max-per-user",
                        "5 is more than max-concurrent (4); raise max-concurrent or lower max-per-user"),
                mistake(
                        "jobs:\n  shutdown-grace: PT-1S\n",
                        "jobs.shutdown-grace",
                        "-1s is out of range; expected 0s to 10m"),
                mistake(
                        "jobs:\n  shutdown-grace: 30\n",
                        "jobs.shutdown-grace",
                        "'30' is not a duration like 90s, 2m or PT2M"),
                mistake(
                        "quotas:\n  overrides:\n    - chat: tg:1\n      images-per-user: 1\n",
                        "quotas.overrides[0].chat",
                        "'tg:1' " + SCOPED_ID_FORM),
                mistake(
                        "quotas:\n  overrides:\n    - images-per-user: 1\n",
                        "quotas.overrides[0].chat",
                        "missing required key; an override needs either chat or guild"),
                mistake(
                        "quotas:\n  overrides:\n    - chat: telegram:1\n      guild: discord:2\n      images-per-user: 1\n",
                        "quotas.overrides[0].guild",
                        "give either chat or guild, not both"),
                mistake(
                        "quotas:\n  overrides:\n    - guild: telegram:-100\n      images-per-user: 1\n",
                        "quotas.overrides[0].guild",
                        "'telegram:-100' is not a guild id; guilds exist only on Discord, so write discord:ID"),
                mistake(
                        "quotas:\n  overrides:\n    - chat: telegram:1\n",
                        "quotas.overrides[0].images-per-user",
                        "missing required key"),
                mistake(
                        "quotas:\n  overrides:\n    - chat: telegram:1\n      images-per-user: 1000001\n",
                        "quotas.overrides[0].images-per-user",
                        "1000001 is out of range; expected 0 to 1000000"),
                mistake(
                        "quotas:\n  overrides:\n    - guild: discord:1\n      images-per-user: 1\n"
                                + "    - chat: telegram:1\n      images-per-user: 2\n"
                                + "    - guild: discord:1\n      images-per-user: 3\n",
                        "quotas.overrides[2].guild",
                        "duplicate override for 'discord:1' (already used by overrides[0])"),
                mistake(
                        "quotas:\n  overrides:\n    - 5\n",
                        "quotas.overrides[0]",
                        "expected a mapping with keys chat," + " guild, images-per-user"),
                mistake("access:\n  admins: [telegram:1, tg:42]\n", "access.admins[1]", "'tg:42' " + SCOPED_ID_FORM),
                mistake("access:\n  admins:\n    - 12345\n", "access.admins[0]", "'12345' " + SCOPED_ID_FORM),
                mistake("access:\n  admins: [\"telegram:\"]\n", "access.admins[0]", "'telegram:' " + SCOPED_ID_FORM),
                mistake("access:\n  admins: [\"\"]\n", "access.admins[0]", "cannot be empty"),
                mistake(
                        "access:\n  allow:\n    users: [Discord:1]\n",
                        "access.allow.users[0]",
                        "'Discord:1' " + SCOPED_ID_FORM),
                mistake(
                        "access:\n  allow:\n    guilds: [telegram:-100]\n",
                        "access.allow.guilds[0]",
                        "'telegram:-100' is not a guild id; guilds exist only on Discord, so write discord:ID"),
                mistake(
                        "access:\n  deny:\n    chats: [discord:1, \"telegram:1 2\"]\n",
                        "access.deny.chats[1]",
                        "'telegram:1 2' " + SCOPED_ID_FORM),
                mistake(
                        "access:\n  deny:\n    guilds: [discord:1, console:2]\n",
                        "access.deny.guilds[1]",
                        "'console:2' is not a guild id; guilds exist only on Discord, so write discord:ID"),
                mistake("access:\n  allow: []\n", "access.allow", "expected a mapping with keys users, chats, guilds"),
                mistake("access:\n  admins: telegram:1\n", "access.admins", "expected a list"));
    }

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                mistake(
                        "jobs:\n  max-concurency: 4\n",
                        "jobs.max-concurency",
                        "unknown key; known keys are max-concurrent, max-per-provider, max-per-user, max-attempts,"
                                + " shutdown-grace, instance, lease"),
                mistake(
                        "quotas:\n  images-per-day: 4\n",
                        "quotas.images-per-day",
                        "unknown key; known keys are images-per-user, window, global-daily-images, overrides"),
                mistake(
                        "quotas:\n  overrides:\n    - user: telegram:1\n      images-per-user: 1\n",
                        "quotas.overrides[0].user",
                        "unknown key; known keys are chat, guild, images-per-user"),
                mistake(
                        "access:\n  admin: [telegram:1]\n",
                        "access.admin",
                        "unknown key; known keys are admins, allow, deny"),
                mistake(
                        "access:\n  allow:\n    user: [telegram:1]\n",
                        "access.allow.user",
                        "unknown key; known keys are users, chats, guilds"),
                mistake(
                        "access:\n  deny:\n    groups: [telegram:1]\n",
                        "access.deny.groups",
                        "unknown key; known keys are users, chats, guilds"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource({"mistakes", "unknownKeys"})
    void mistakeIsReportedAtItsKey(String keyPath, String section, String problem) {
        // Given the minimal file plus one section with one mistake
        // When it is loaded
        // Then the one-line message names the key path and says what is wrong
        Fixtures.assertRefusedAt(MINIMAL + section, keyPath, problem);
    }

    @Test
    void handBuiltSectionsAreValidatedToo() {
        assertThatThrownBy(() -> new JobsConfig(2, 2, 3, 1, Duration.ZERO))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "max-per-user: 3 is more than max-concurrent (2); raise max-concurrent or lower max-per-user");
        assertThatThrownBy(() -> new QuotasConfig(1, Duration.ofSeconds(1), OptionalInt.empty(), List.of()))
                .hasMessage("window: 1s is out of range; expected 1m to 30d");
        assertThatThrownBy(() -> new QuotaOverride(Optional.empty(), Optional.empty(), 1))
                .hasMessageStartingWith("chat: missing required key");
        assertThatThrownBy(() -> new QuotaOverride(Optional.empty(), Optional.of(new ScopedId("telegram", "1")), 1))
                .hasMessageStartingWith("guild: 'telegram:1' is not a guild id");
        assertThatThrownBy(() -> new AccessList(Set.of(), Set.of(), Set.of(new ScopedId("console", "1"))))
                .hasMessageStartingWith("guilds: 'console:1' is not a guild id");
        assertThatThrownBy(() -> new AccessConfig(Set.of(), null, AccessList.empty()))
                .hasMessage("allow: missing required key");
    }

    @Test
    void sectionsCannotBeChangedAfterConstruction() {
        AccessConfig access = AccessConfig.defaults();
        QuotasConfig quotas = QuotasConfig.defaults();
        ScopedId id = new ScopedId("telegram", "1");

        assertThatThrownBy(() -> access.admins().add(id)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> access.allow().guilds().add(id)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> quotas.overrides().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static Arguments mistake(String section, String keyPath, String problem) {
        return Arguments.of(keyPath, section, problem);
    }

    @Test
    void aLoweredTotalNamesTheDefaultItLeavesTooHighAndWhatToWrite() {
        String yaml = MINIMAL + """
                jobs:
                  max-concurrent: 2
                """;

        assertThat(Fixtures.failure(yaml, Fixtures.env()).getMessage())
                .isEqualTo("jobs.max-per-provider: not set, so its default 16 applies, which is more than"
                        + " max-concurrent (2); set jobs.max-per-provider to 2 or less");
    }

    @Test
    void aTotalOfOneNamesThePerProviderDefaultFirstThenThePerUserOne() {
        String perUserLeft = MINIMAL + """
                jobs:
                  max-concurrent: 1
                  max-per-provider: 1
                """;

        assertThat(Fixtures.failure(perUserLeft, Fixtures.env()).getMessage())
                .isEqualTo("jobs.max-per-user: not set, so its default 2 applies, which is more than"
                        + " max-concurrent (1); set jobs.max-per-user to 1 or less");
        assertThat(Fixtures.load(perUserLeft + "  max-per-user: 1\n").jobs())
                .isEqualTo(new JobsConfig(1, 1, 1, JobsConfig.DEFAULT_MAX_ATTEMPTS, JobsConfig.DEFAULT_SHUTDOWN_GRACE));
    }

    @Test
    void aWrittenLimitAboveTheTotalSaysWhichToChange() {
        String yaml = MINIMAL + """
                jobs:
                  max-concurrent: 2
                  max-per-provider: 3
                """;

        assertThat(Fixtures.failure(yaml, Fixtures.env()).getMessage())
                .isEqualTo("jobs.max-per-provider: 3 is more than max-concurrent (2); raise max-concurrent or lower"
                        + " max-per-provider");
    }
}
