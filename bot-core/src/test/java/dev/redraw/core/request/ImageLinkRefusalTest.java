package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.generation.ImageUrls;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.openai.OpenAiProvider;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.CountingLinks;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Models that fetch their images by link are refused edits, before anything is stored or sent,
 * while the bot has no public address; flux-kontext-dev is refused a request without an image.
 */
class ImageLinkRefusalTest {

    private static final Origin ALICE = new Origin("telegram", "100", "42");

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private final Database database = TestDatabase.open();
    private final Clock clock = Clock.systemUTC();
    private final JdbcConversationStore conversations = new JdbcConversationStore(database.dataSource(), clock);
    private final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), clock, conversations);
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), clock);
    private final Providers.RecordingSleeper sleeper = new Providers.RecordingSleeper();

    @AfterEach
    void close() {
        database.close();
    }

    private GenerationService generation(ImageUrls urls) {
        var kit = Providers.kit(sleeper);
        var provider = new OpenAiProvider(
                Providers.settings("gateway", gateway.url("/"), "sk-test", Duration.ofSeconds(5)),
                new ProviderKit(kit.http(), kit.json(), kit.downloader(), kit.sleeper(), kit.bulkheads(), urls));
        return new GenerationService(
                conversations,
                jobs,
                images,
                ModelCatalog.builtIn(),
                ProviderRouter.direct(List.of(
                        new ProviderRoute(provider, List.of("gpt-image-1", "flux-kontext-pro", "flux-kontext-dev")))),
                new GenerationService.Defaults("gpt-image-1", "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
    }

    private ImageRef photo() {
        byte[] bytes = TestImages.png(16, 16, Color.BLUE);
        return images.put(bytes, "image/png", 16, 16);
    }

    private static GenerateCommand command(String model, OptionalLong parent, String text, ImageRef... sent) {
        return new GenerateCommand(ALICE, parent, text, List.of(sent), Optional.of(model), Optional.empty());
    }

    private static Refusal refusal(Submission submission) {
        assertThat(submission).isInstanceOf(Submission.Refused.class);
        return ((Submission.Refused) submission).refusal();
    }

    @Test
    void anEditOnFluxKontextWithoutAPublicUrlIsRefusedAndNothingIsStoredOrSent() {
        var generation = generation(ImageUrls.NONE);

        var submission = generation.submit(
                command("flux-kontext-pro", OptionalLong.empty(), "make it night", photo()), Optional.of("7"));

        assertThat(refusal(submission)).isEqualTo(new Refusal.NeedsPublicUrl("flux-kontext-pro"));
        assertThat(jobs.activeJobs("telegram", ALICE.userId())).isZero();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void continuingABranchWithAnImageOnFluxKontextWithoutAPublicUrlIsRefused() {
        var generation = generation(ImageUrls.NONE);
        var first =
                generation.submit(command("gpt-image-1", OptionalLong.empty(), "a tower", photo()), Optional.of("7"));
        long parent = ((Submission.Accepted) first).userTurn().id();

        var submission = generation.submit(
                command("flux-kontext-pro", OptionalLong.of(parent), "now add snow"), Optional.of("8"));

        assertThat(refusal(submission)).isEqualTo(new Refusal.NeedsPublicUrl("flux-kontext-pro"));
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void textToImageOnFluxKontextNeedsNoPublicUrl() {
        var generation = generation(ImageUrls.NONE);

        var submission =
                generation.submit(command("flux-kontext-pro", OptionalLong.empty(), "a red fox"), Optional.of("7"));

        assertThat(submission).isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void withAPublicUrlAnEditOnFluxKontextIsAccepted() {
        var generation = generation(new CountingLinks());

        var submission = generation.submit(
                command("flux-kontext-pro", OptionalLong.empty(), "make it night", photo()), Optional.of("7"));

        assertThat(submission).isInstanceOf(Submission.Accepted.class);
    }

    @Test
    void fluxKontextDevWithoutAnImageIsRefused() {
        var generation = generation(new CountingLinks());

        var submission =
                generation.submit(command("flux-kontext-dev", OptionalLong.empty(), "a red fox"), Optional.of("7"));

        assertThat(refusal(submission)).isEqualTo(new Refusal.NeedsInputImage("flux-kontext-dev"));
        assertThat(jobs.activeJobs("telegram", ALICE.userId())).isZero();
    }

    @Test
    void theRefusalComesBeforeAnyImageIsDownloaded() {
        var generation = generation(ImageUrls.NONE);

        assertThat(generation.precheck(Optional.of("flux-kontext-pro"), "make it night", 1))
                .contains(new Refusal.NeedsPublicUrl("flux-kontext-pro"));
        assertThat(generation.precheck(Optional.of("flux-kontext-pro"), "a red fox", 0))
                .isEmpty();
        assertThat(generation(new CountingLinks()).precheck(Optional.of("flux-kontext-pro"), "make it night", 1))
                .isEmpty();
    }
}
