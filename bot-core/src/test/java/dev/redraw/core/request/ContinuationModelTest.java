package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A continuation (a reply, the Edit button) is made with the model the user chose in the settings,
 * as a new request is, while it keeps its branch's ratio; so on a text-only model it is refused.
 */
class ContinuationModelTest {

    private static final Origin ALICE = new Origin("discord", "100", "42");

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private CoreHarness core;

    @BeforeEach
    void open() {
        core = CoreHarness.withOpenAiGateway(gateway);
    }

    @AfterEach
    void close() {
        core.close();
    }

    private void choose(UserSettings settings) {
        core.services.settings().saveUser(ALICE.platform(), ALICE.userId(), settings);
    }

    private Generate.Result ask(OptionalLong parent, String prompt, Generate.Options options) throws Exception {
        return core.services
                .generate()
                .submit(new Generate.Request(ALICE, prompt, parent, options, Optional.empty(), List.of()));
    }

    /** An image of the bot's default model at 16:9, made; every later call gets an image too. */
    private Turn firstResult() throws Exception {
        for (int i = 0; i < 3; i++) {
            gateway.enqueue(ContentsGateway.image(TestImages.png(160, 90, Color.RED)));
        }
        core.startRunner();
        var first = ask(
                OptionalLong.empty(),
                "a fox",
                new Generate.Options(Optional.empty(), Optional.of("16:9"), Optional.empty()));
        assertThat(first).isInstanceOf(Generate.Result.Accepted.class);
        long userTurn = ((Generate.Result.Accepted) first).userTurn().id();
        return await().atMost(Duration.ofSeconds(20))
                .until(() -> core.conversations.children(userTurn), children -> !children.isEmpty())
                .getFirst();
    }

    @Test
    void aContinuationIsMadeWithTheChosenModelAndKeepsTheBranchsRatio() throws Exception {
        Turn first = firstResult();
        choose(UserSettings.NONE
                .withModel(Optional.of(CoreHarness.FEW_RATIOS_MODEL))
                .withAspectRatio(Optional.of("2:3")));

        var continued = ask(OptionalLong.of(first.id()), "at night", Generate.Options.NONE);

        assertThat(continued).isInstanceOfSatisfying(Generate.Result.Accepted.class, accepted -> {
            assertThat(accepted.job().model()).isEqualTo(CoreHarness.FEW_RATIOS_MODEL);
            // gpt-image-1 takes 3:2 and 2:3, not 16:9: the branch's shape comes nearest, not the stored 2:3.
            assertThat(accepted.userTurn().aspectRatio()).hasValue("3:2");
        });
    }

    @Test
    void aContinuationWhileATextOnlyModelIsChosenIsRefusedNamingTheEditors() throws Exception {
        Turn first = firstResult();
        choose(UserSettings.NONE.withModel(Optional.of(CoreHarness.TEXT_ONLY_MODEL)));

        var continued = ask(OptionalLong.of(first.id()), "at night", Generate.Options.NONE);
        var named = ask(
                OptionalLong.of(first.id()),
                "at night",
                new Generate.Options(Optional.of(CoreHarness.MODEL), Optional.empty(), Optional.empty()));

        assertThat(continued)
                .isEqualTo(new Generate.Result.Refused(new Refusal.TakesNoImages(
                        CoreHarness.TEXT_ONLY_MODEL,
                        List.of(CoreHarness.MODEL, CoreHarness.SIZED_MODEL, CoreHarness.FEW_RATIOS_MODEL))));
        // The model a request names wins over the chosen one.
        assertThat(named).isInstanceOf(Generate.Result.Accepted.class);
    }

    @Test
    void aChosenModelTheBotNoLongerServesLeavesTheContinuationOnTheDefaultAndIsTold() throws Exception {
        Turn first = firstResult();
        choose(UserSettings.NONE.withModel(Optional.of("retired-model")));

        var continued = ask(OptionalLong.of(first.id()), "at night", Generate.Options.NONE);

        assertThat(continued).isInstanceOfSatisfying(Generate.Result.Accepted.class, accepted -> {
            assertThat(accepted.job().model()).isEqualTo(CoreHarness.MODEL);
            assertThat(accepted.unusedDefaults()).isNotEmpty();
        });
    }

    @Test
    void aContinuationOrRerollOfAResultWhoseConversationExpiredIsRefusedWithTheReasonAndCallsNoModel()
            throws Exception {
        Turn first = firstResult();
        java.time.Instant now = java.time.Instant.now();
        assertThat(core.conversations.expireUntouchedSince(now.plusSeconds(1), now))
                .isEqualTo(1);

        assertThat(ask(OptionalLong.of(first.id()), "at night", Generate.Options.NONE))
                .isInstanceOfSatisfying(
                        Generate.Result.Refused.class,
                        refused -> assertThat(refused.refusal()).isInstanceOf(Refusal.ImageExpired.class));
        assertThat(core.services.desk().reroll(first.id(), ALICE, Optional.empty()))
                .isInstanceOfSatisfying(
                        Submission.Refused.class,
                        refused -> assertThat(refused.refusal()).isInstanceOf(Refusal.ImageExpired.class));
        assertThat(gateway.getRequestCount()).isEqualTo(1);
        assertThat(ask(OptionalLong.empty(), "a new fox", Generate.Options.NONE))
                .isInstanceOf(Generate.Result.Accepted.class);
    }
}
