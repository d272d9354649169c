package dev.redraw.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.image.ImageRejectedException;
import dev.redraw.core.image.ImageSniffer;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.request.GenerationService;
import dev.redraw.core.request.Submission;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcConversationStore;
import dev.redraw.core.storage.JdbcImageStore;
import dev.redraw.core.storage.JdbcJobStore;
import dev.redraw.core.storage.TestDatabase;
import dev.redraw.core.testing.QueuedProvider;
import dev.redraw.core.testing.TestImages;
import dev.redraw.core.text.Messages;
import java.awt.Color;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GenerationServiceTest {

    private static final Origin BOB = new Origin("telegram", "7", "bob");
    private static final String MODEL = "gemini-2.5-flash-image";
    private static final String PRO = "gemini-3-pro-image-preview";

    private final Database database = TestDatabase.open();
    private final JdbcConversationStore conversations =
            new JdbcConversationStore(database.dataSource(), Clock.systemUTC());
    private final JdbcImageStore images = new JdbcImageStore(database.dataSource(), Clock.systemUTC());
    private final JdbcJobStore jobs = new JdbcJobStore(database.dataSource(), Clock.systemUTC(), conversations);
    private final QueuedProvider provider = new QueuedProvider();
    private final GenerationService service = new GenerationService(
            conversations,
            jobs,
            images,
            ModelCatalog.builtIn(),
            ProviderRouter.direct(List.of(new ProviderRoute(provider, List.of(MODEL, PRO)))),
            new GenerationService.Defaults(MODEL, "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anAnswerIsStoredAsAModelTurnUnderTheUserTurn() {
        provider.answer(
                new Outcome.Images(List.of(generated(Color.RED, Optional.empty())), Optional.of("Here you go")));

        Result result = generate(command(OptionalLong.empty(), "a fox", List.of(), Optional.empty()));

        Turn user = result.userTurn().orElseThrow();
        Turn model = result.modelTurn().orElseThrow();
        assertThat(model.parentId()).hasValue(user.id());
        assertThat(model.role()).isEqualTo(Role.MODEL);
        assertThat(model.text()).isEqualTo("Here you go");
        assertThat(model.images()).singleElement().satisfies(image -> {
            assertThat(image.mimeType()).isEqualTo("image/png");
            assertThat(image.width()).isEqualTo(32);
        });
        assertThat(user.aspectRatio()).contains("1:1");
    }

    @Test
    void editsSendThePathAndKeepTheBranchRatio() {
        provider.answer(images(Color.RED));
        Turn first = generate(command(OptionalLong.empty(), "a fox", List.of(), Optional.of("16:9")))
                .modelTurn()
                .orElseThrow();
        provider.answer(images(Color.GREEN));

        Result edit = generate(command(OptionalLong.of(first.id()), "at night", List.of(), Optional.empty()));

        GenerationRequest sent = provider.requests.getLast();
        assertThat(sent.aspectRatio()).isEqualTo("16:9");
        assertThat(sent.history().turns()).extracting(e -> e.role()).containsExactly(Role.USER, Role.MODEL, Role.USER);
        assertThat(conversations.path(edit.modelTurn().orElseThrow().id())).hasSize(4);
    }

    @Test
    void anEditOfAPhotoKeepsThePhotosShape() {
        ImageRef photo = stored(TestImages.png(90, 160, Color.BLUE));
        provider.answer(images(Color.RED));

        generate(command(OptionalLong.empty(), "add a hat", List.of(photo), Optional.empty()));

        assertThat(provider.requests.getLast().aspectRatio()).isEqualTo("9:16");
    }

    @Test
    void theOutputSizeIsCheckedAgainstTheModelAndKeptAlongTheBranch() {
        provider.answer(images(Color.RED));
        Turn first = generate(new GenerateCommand(
                        BOB,
                        OptionalLong.empty(),
                        "a fox",
                        List.of(),
                        Optional.of(PRO),
                        Optional.empty(),
                        Optional.of("2k")))
                .modelTurn()
                .orElseThrow();
        provider.answer(images(Color.GREEN));

        generate(new GenerateCommand(
                BOB, OptionalLong.of(first.id()), "at night", List.of(), Optional.of(PRO), Optional.empty()));
        var refused = generate(new GenerateCommand(
                BOB,
                OptionalLong.empty(),
                "a fox",
                List.of(),
                Optional.of(MODEL),
                Optional.empty(),
                Optional.of("4K")));

        assertThat(provider.requests)
                .extracting(GenerationRequest::imageSize)
                .containsExactly(Optional.of("2K"), Optional.of("2K"));
        assertThat(((Outcome.Rejected) refused.outcome()).detail()).contains(MODEL);
    }

    @Test
    void pixelSizesBecomeTheNearestSupportedRatio() {
        provider.answer(images(Color.RED));

        generate(command(OptionalLong.empty(), "a fox", List.of(), Optional.of("1792x1024")));

        assertThat(provider.requests.getLast().aspectRatio()).isEqualTo("16:9");
    }

    @Test
    void requestsTheModelCannotTakeAreRefusedBeforeAnyCallOrStorage() {
        ImageRef photo = stored(TestImages.png(8, 8, Color.BLUE));
        List<ImageRef> six = List.of(photo, photo, photo, photo, photo, photo);

        var tooMany = generate(command(OptionalLong.empty(), "fuse", six, Optional.empty()));
        var badRatio = generate(command(OptionalLong.empty(), "a fox", List.of(), Optional.of("7:3")));
        var empty = generate(command(OptionalLong.empty(), "  ", List.of(), Optional.empty()));
        var unknownModel = generate(new GenerateCommand(
                BOB, OptionalLong.empty(), "a fox", List.of(), Optional.of("dall-e-9"), Optional.empty()));

        assertThat(((Outcome.Rejected) tooMany.outcome()).detail())
                .contains("6 images")
                .contains("at most 5");
        assertThat(((Outcome.Rejected) badRatio.outcome()).detail())
                .contains("7:3")
                .contains("16:9");
        assertThat(((Outcome.Rejected) empty.outcome()).detail()).contains("empty");
        assertThat(((Outcome.Rejected) unknownModel.outcome()).detail())
                .contains("dall-e-9")
                .contains(MODEL);
        assertThat(provider.requests).isEmpty();
        assertThat(List.of(tooMany, badRatio, empty, unknownModel))
                .allSatisfy(r -> assertThat(r.userTurn()).isEmpty());
    }

    @Test
    void providerDataSurvivesStorageAndIsReplayedWithItsPart() {
        var signature = Optional.of(new ProviderData("gemini", "{\"thoughtSignature\":\"AbC/123==\"}"));
        provider.answer(new Outcome.Images(List.of(generated(Color.RED, signature)), Optional.empty()));
        Turn first = generate(command(OptionalLong.empty(), "a fox", List.of(), Optional.empty()))
                .modelTurn()
                .orElseThrow();
        provider.answer(images(Color.GREEN));

        generate(command(OptionalLong.of(first.id()), "at night", List.of(), Optional.empty()));

        Part replayed =
                provider.requests.getLast().history().turns().get(1).parts().getFirst();
        assertThat(replayed.providerData()).isEqualTo(signature);
    }

    @Test
    void failuresKeepTheUserTurnButAddNoModelTurn() {
        provider.answer(new Outcome.Refused("IMAGE_SAFETY"));

        Result result = generate(command(OptionalLong.empty(), "a fox", List.of(), Optional.empty()));

        assertThat(result.userTurn()).isPresent();
        assertThat(result.modelTurn()).isEmpty();
        assertThat(conversations.children(result.userTurn().get().id())).isEmpty();
    }

    @Test
    void textOnlyAnswersAreTurnsTooSoTheUserCanAnswerThem() {
        provider.answer(new Outcome.TextOnly("Which fox?"));

        Result result = generate(command(OptionalLong.empty(), "a fox", List.of(), Optional.empty()));

        assertThat(result.modelTurn())
                .hasValueSatisfying(turn -> assertThat(turn.text()).isEqualTo("Which fox?"));
    }

    @Test
    void bytesThatAreNotAnImageAreAFailureNotAStoredTurn() {
        provider.answer(new Outcome.Images(
                List.of(new GeneratedImage("not an image".getBytes(), Optional.empty())), Optional.empty()));

        Result result = generate(command(OptionalLong.empty(), "a fox", List.of(), Optional.empty()));

        assertThat(result.outcome()).isInstanceOf(Outcome.Failed.class);
        assertThat(result.modelTurn()).isEmpty();
    }

    @Test
    void aTextOnlyModelMakesImagesFromTextAndRefusesEditsAndContinuationsBeforeAnyCall() {
        var fluxProvider = new QueuedProvider();
        var withFlux = new GenerationService(
                conversations,
                jobs,
                images,
                ModelCatalog.builtIn(),
                ProviderRouter.direct(List.of(new ProviderRoute(fluxProvider, List.of("flux", "dall-e-3", MODEL)))),
                new GenerationService.Defaults("flux", "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
        fluxProvider.answer(images(Color.RED));

        var accepted = (Submission.Accepted) withFlux.submit(
                new GenerateCommand(
                        BOB, OptionalLong.empty(), "a fox", List.of(), Optional.of("flux"), Optional.empty()),
                Optional.empty());
        Execution made = withFlux.execute(accepted.job(), JobContext.NONE);

        assertThat(made.outcome()).isInstanceOf(Outcome.Images.class);
        assertThat(fluxProvider.requests)
                .singleElement()
                .satisfies(
                        request -> assertThat(request.history().turns().stream().flatMap(turn -> turn.parts().stream()))
                                .noneMatch(Part.Image.class::isInstance));
        Turn result = conversations
                .find(jobs.finish(
                                accepted.job().id(),
                                made.modelTurn(),
                                OutcomeKind.of(made.outcome()),
                                made.modelText(),
                                OutcomeDetails.of(made.outcome()),
                                made.chargedImages())
                        .modelTurnId()
                        .getAsLong())
                .orElseThrow();
        var editors = new Refusal.TakesNoImages("flux", List.of(MODEL));

        Submission edit = withFlux.submit(
                new GenerateCommand(
                        BOB,
                        OptionalLong.empty(),
                        "add a hat",
                        List.of(stored(TestImages.png(8, 8, Color.BLUE))),
                        Optional.of("flux"),
                        Optional.empty()),
                Optional.empty());
        Submission continuation = withFlux.submit(
                new GenerateCommand(
                        BOB,
                        OptionalLong.of(result.id()),
                        "at night",
                        List.of(),
                        Optional.of("flux"),
                        Optional.empty()),
                Optional.empty());

        assertThat(edit).isEqualTo(new Submission.Refused(editors));
        assertThat(continuation).isEqualTo(new Submission.Refused(editors));
        assertThat(withFlux.precheck(Optional.of("dall-e-3"), "add a hat", 1))
                .contains(new Refusal.TakesNoImages("dall-e-3", List.of(MODEL)));
        assertThat(withFlux.precheck(Optional.of("flux"), "a fox", 0)).isEmpty();
        assertThat(fluxProvider.requests).hasSize(1);
        assertThat(conversations.children(result.id())).isEmpty();
    }

    @Test
    void anEarlierResultOverTheModelsLimitGoesUpstreamReEncodedUnderIt() {
        byte[] large = TestImages.png(TestImages.opaqueNoise(2048, 2048, 7));
        long limit = ModelCatalog.builtIn().capabilitiesOf(MODEL).maxImageBytes();
        assertThat((long) large.length).isGreaterThan(12L * 1024 * 1024);
        provider.answer(new Outcome.Images(List.of(new GeneratedImage(large, Optional.empty())), Optional.empty()));
        Turn first = generate(command(OptionalLong.empty(), "noise", List.of(), Optional.empty()))
                .modelTurn()
                .orElseThrow();
        provider.answer(images(Color.GREEN));

        generate(command(OptionalLong.of(first.id()), "calmer", List.of(), Optional.empty()));

        GenerationRequest sent = provider.requests.getLast();
        List<ImageRef> upstream = sent.history().turns().stream()
                .flatMap(turn -> turn.parts().stream())
                .<ImageRef>mapMulti((part, out) -> {
                    if (part instanceof Part.Image image) {
                        out.accept(image.image());
                    }
                })
                .toList();
        assertThat(upstream).singleElement().satisfies(image -> {
            assertThat(image.byteSize()).isLessThanOrEqualTo(limit);
            assertThat((long) sent.images().load(image).length).isLessThanOrEqualTo(limit);
            assertThat(image.width()).isBetween(256, 2048);
        });
        // the user keeps the full result
        assertThat(first.images().getFirst().byteSize()).isEqualTo(large.length);
    }

    @Test
    void qualityAndMaskAreCheckedAgainstTheModelStoredWithTheTurnAndSent() {
        var gptProvider = new QueuedProvider();
        var withGpt = new GenerationService(
                conversations,
                jobs,
                images,
                ModelCatalog.builtIn(),
                ProviderRouter.direct(List.of(new ProviderRoute(gptProvider, List.of("gpt-image-1", MODEL)))),
                new GenerationService.Defaults("gpt-image-1", "1:1", HistoryLimits.DEFAULT_BYTE_BUDGET));
        ImageRef photo = stored(TestImages.png(16, 12, Color.BLUE));
        ImageRef mask = stored(TestImages.png(TestImages.translucentNoise(16, 12, 3)));
        gptProvider.answer(images(Color.RED));

        var accepted = (Submission.Accepted)
                withGpt.submit(masked("gpt-image-1", List.of(photo), Optional.of(" HIGH "), mask), Optional.empty());
        withGpt.execute(accepted.job(), JobContext.NONE);

        assertThat(accepted.userTurn().quality()).contains("high");
        assertThat(conversations.find(accepted.userTurn().id()).orElseThrow().maskSha256())
                .contains(mask.sha256());
        GenerationRequest sent = gptProvider.requests.getLast();
        assertThat(sent.quality()).contains("high");
        assertThat(sent.mask()).contains(mask);

        ImageRef jpegMask = stored(TestImages.jpeg(16, 12, Color.WHITE));
        ImageRef smallMask = stored(TestImages.png(TestImages.translucentNoise(8, 6, 4)));
        assertThat(List.of(
                        withGpt.submit(
                                masked("gpt-image-1", List.of(photo), Optional.of("ultra"), mask), Optional.empty()),
                        withGpt.submit(masked(MODEL, List.of(photo), Optional.empty(), mask), Optional.empty()),
                        withGpt.submit(masked(MODEL, List.of(photo), Optional.of("high"), mask), Optional.empty()),
                        withGpt.submit(masked("gpt-image-1", List.of(), Optional.empty(), mask), Optional.empty()),
                        withGpt.submit(
                                masked("gpt-image-1", List.of(photo), Optional.empty(), jpegMask), Optional.empty()),
                        withGpt.submit(
                                masked("gpt-image-1", List.of(photo), Optional.empty(), smallMask), Optional.empty())))
                .containsExactly(
                        new Submission.Refused(new Refusal.UnsupportedQuality(
                                "gpt-image-1", "ultra", List.of("high", "medium", "low", "auto"))),
                        new Submission.Refused(new Refusal.TakesNoMask(MODEL)),
                        new Submission.Refused(new Refusal.UnsupportedQuality(MODEL, "high", List.of())),
                        new Submission.Refused(new Refusal.UnsuitableMask("gpt-image-1", Refusal.MaskProblem.NO_IMAGE)),
                        new Submission.Refused(new Refusal.UnsuitableMask("gpt-image-1", Refusal.MaskProblem.NOT_PNG)),
                        new Submission.Refused(
                                new Refusal.UnsuitableMask("gpt-image-1", Refusal.MaskProblem.OTHER_SIZE)));
        assertThat(gptProvider.requests).hasSize(1);
    }

    private static GenerateCommand masked(
            String model, List<ImageRef> inputs, Optional<String> quality, ImageRef mask) {
        return new GenerateCommand(
                BOB,
                OptionalLong.empty(),
                "replace the sky",
                inputs,
                Optional.of(model),
                Optional.empty(),
                Optional.empty(),
                quality,
                Optional.of(mask),
                1);
    }

    /** Submits, runs and finishes a job the way the runner does, in this thread. */
    private Result generate(GenerateCommand command) {
        Submission submission = service.submit(command, Optional.empty());
        if (submission instanceof Submission.Refused refused) {
            return new Result(
                    Optional.empty(),
                    Optional.empty(),
                    new Outcome.Rejected(
                            Outcome.Rejected.Change.PROMPT_OR_IMAGES,
                            Messages.forLanguage("en").reason(refused.refusal())));
        }
        var accepted = (Submission.Accepted) submission;
        Execution execution = service.execute(accepted.job(), JobContext.NONE);
        Job finished = jobs.finish(
                accepted.job().id(),
                execution.modelTurn(),
                OutcomeKind.of(execution.outcome()),
                execution.modelText(),
                OutcomeDetails.of(execution.outcome()),
                execution.chargedImages());
        Optional<Turn> modelTurn = finished.modelTurnId().isPresent()
                ? conversations.find(finished.modelTurnId().getAsLong())
                : Optional.empty();
        return new Result(Optional.of(accepted.userTurn()), modelTurn, execution.outcome());
    }

    private record Result(Optional<Turn> userTurn, Optional<Turn> modelTurn, Outcome outcome) {}

    private ImageRef stored(byte[] png) {
        try {
            var header = ImageSniffer.readHeader(png);
            return images.put(png, header.format().mimeType(), header.width(), header.height());
        } catch (ImageRejectedException e) {
            throw new AssertionError(e);
        }
    }

    private static GenerateCommand command(
            OptionalLong parent, String text, List<ImageRef> inputs, Optional<String> ratio) {
        return new GenerateCommand(BOB, parent, text, inputs, Optional.empty(), ratio);
    }

    private static Outcome images(Color color) {
        return new Outcome.Images(List.of(generated(color, Optional.empty())), Optional.empty());
    }

    private static GeneratedImage generated(Color color, Optional<ProviderData> data) {
        return new GeneratedImage(TestImages.png(32, 32, color), data);
    }
}
