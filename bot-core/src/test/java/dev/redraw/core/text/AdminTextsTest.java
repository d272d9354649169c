package dev.redraw.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.access.AdminStore;
import dev.redraw.core.admin.AdminAnswer;
import dev.redraw.core.admin.AdminRequests;
import dev.redraw.core.admin.ConfigReloader;
import dev.redraw.core.job.JobStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AdminTextsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final List<String> NAMES = List.of(
            "telegram:42",
            "discord:7",
            "gateway",
            "tasks",
            "access",
            "quotas",
            "providers",
            "storage.url: must be set",
            "storage",
            "bob",
            "access.admins",
            "nuke",
            "now",
            "admin",
            "status",
            "pause",
            "resume",
            "reload",
            "telegram",
            "discord",
            "ID",
            "USER");

    private static final List<AdminAnswer> ANSWERS = List.of(
            new AdminAnswer.NotAdmin(),
            new AdminAnswer.UnknownMessage(),
            new AdminAnswer.AdminUntouchable("telegram:42"),
            new AdminAnswer.Banned("telegram:42", false),
            new AdminAnswer.Banned("telegram:42", true),
            new AdminAnswer.Unbanned("telegram:42", true),
            new AdminAnswer.Unbanned("telegram:42", false),
            new AdminAnswer.Granted("telegram:42", 5, 8, Duration.ofHours(24), NOW),
            new AdminAnswer.Paused(NOW, false),
            new AdminAnswer.Paused(NOW, true),
            new AdminAnswer.Resumed(true),
            new AdminAnswer.Resumed(false),
            new AdminAnswer.Reloaded(new ConfigReloader.Applied(List.of("access", "quotas"), List.of("storage"))),
            new AdminAnswer.Reloaded(new ConfigReloader.Refused("storage.url: must be set")),
            new AdminAnswer.Reloaded(new ConfigReloader.Applied(List.of(), List.of())),
            new AdminAnswer.Status(
                    Optional.of(new AdminStore.Pause("telegram:42", NOW)),
                    List.of(
                            new AdminAnswer.ProviderStatus(
                                    "gateway", "open", new JobStore.ProviderActivity("gateway", 3, 1, 12, 4)),
                            new AdminAnswer.ProviderStatus(
                                    "tasks", "half_open", new JobStore.ProviderActivity("tasks", 0, 0, 0, 0))),
                    Duration.ofHours(1),
                    List.of(new AdminStore.Ban("discord:7", "telegram:42", NOW)),
                    NOW),
            new AdminAnswer.Status(Optional.empty(), List.of(), Duration.ofHours(1), List.of(), NOW));

    @Test
    void everyAnswerIsSaidInEveryLanguage() {
        var kinds = Arrays.stream(AdminAnswer.class.getPermittedSubclasses())
                .filter(kind -> kind != AdminAnswer.ProviderStatus.class)
                .collect(Collectors.toSet());
        assertThat(ANSWERS.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(kinds);
        for (AdminAnswer answer : ANSWERS) {
            String english = Messages.ENGLISH.admin().answer(answer);
            assertThat(english).as("%s", answer).isNotBlank().doesNotContain("{");
            MessagesTest.assertChinese(Messages.CHINESE.admin().answer(answer), NAMES);
        }
    }

    @Test
    void theStatusNamesEachProviderItsCircuitTheQueueAndTheBans() {
        String status = Messages.ENGLISH.admin().answer(ANSWERS.get(ANSWERS.size() - 2));

        assertThat(status)
                .contains("paused since 2026-03-01 12:00 UTC, by telegram:42")
                .contains("Jobs on every instance: 3 waiting, 1 running.")
                .contains("gateway: circuit open, calls skipped · last 1 h: 12 made, 4 failed · 3 waiting, 1 running")
                .contains("tasks: trying one call")
                .contains("Banned (1): discord:7");
    }

    @Test
    void everyProblemIsSaidWithWhatWasTyped() {
        List<AdminRequests.Problem> problems = new ArrayList<>();
        problems.add(new AdminRequests.Problem(AdminRequests.Problem.Kind.USAGE, "", ""));
        problems.add(new AdminRequests.Problem(AdminRequests.Problem.Kind.USAGE, "nuke", "nuke"));
        problems.add(new AdminRequests.Problem(AdminRequests.Problem.Kind.NO_USER, "ban", ""));
        problems.add(new AdminRequests.Problem(AdminRequests.Problem.Kind.BAD_USER, "ban", "bob"));
        problems.add(new AdminRequests.Problem(AdminRequests.Problem.Kind.BAD_COUNT, "grant", ""));
        problems.add(new AdminRequests.Problem(AdminRequests.Problem.Kind.BAD_COUNT, "grant", "-5"));
        problems.add(new AdminRequests.Problem(AdminRequests.Problem.Kind.EXTRA_WORDS, "pause", "now"));
        for (var problem : problems) {
            String english = Messages.ENGLISH.admin().problem(problem);
            assertThat(english).contains(problem.typed());
            // The list of actions names what the administrator types after /admin.
            List<String> typed = new ArrayList<>(NAMES);
            if (problem.kind() == AdminRequests.Problem.Kind.USAGE) {
                typed.addAll(AdminRequests.ACTIONS);
            }
            MessagesTest.assertChinese(Messages.CHINESE.admin().problem(problem), typed);
        }
        assertThat(Messages.ENGLISH.admin().problem(problems.get(5))).contains("\"-5\"", "from 1 to 1000");
    }

    @Test
    void theCommandAndItsActionsAreDescribedInEveryLanguage() {
        for (String action : AdminRequests.ACTIONS) {
            MessagesTest.assertChinese(Messages.CHINESE.admin().action(action), NAMES);
            assertThat(Messages.ENGLISH.admin().action(action)).isNotBlank();
        }
        for (String option : List.of("user", "id", "images")) {
            MessagesTest.assertChinese(Messages.CHINESE.admin().option(option), NAMES);
        }
        MessagesTest.assertChinese(Messages.CHINESE.admin().command(), NAMES);
        MessagesTest.assertChinese(Messages.CHINESE.admin().privateOnly(), NAMES);
        assertThat(Messages.ENGLISH.admin().privateOnly()).contains("private chat");
    }
}
