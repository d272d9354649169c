package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.Execution;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.GeneratedImageReader;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.history.History;
import dev.redraw.core.history.HistoryBuilder;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.history.UpstreamImages;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.JobStatus;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.NewJob;
import dev.redraw.core.job.UsageCounts;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.model.PixelSize;
import dev.redraw.core.model.Shape;
import dev.redraw.core.model.ShapeRequest;
import dev.redraw.core.model.ShapeResolver;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.refusal.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The use case at the heart of the bot: check a request against its model, store it as a user turn
 * under the turn it continues, send the path's history upstream, and store the answer as a model
 * turn beside any earlier branches.
 */
public final class GenerationService {

    private static final Logger LOG = LoggerFactory.getLogger(GenerationService.class);
    /** Seed 003: a mask must be under 4 MB. */
    private static final long MAX_MASK_BYTES = 4L * 1024 * 1024;

    /** No runner keeps a place: the job is stored queued and claimed by the runner that takes it. */
    static final BiFunction<String, String, Optional<JobRunner.Place>> NO_PLACE = (user, provider) -> Optional.empty();

    private final ConversationStore conversations;
    private final JobStore jobs;
    private final ImageStore images;
    private final HistoryBuilder historyBuilder = new HistoryBuilder();
    private final GeneratedImageReader imageReader = new GeneratedImageReader();
    private final UpstreamImages upstreamImages;
    /** The models, providers and defaults in force; a reload of the configuration replaces them. */
    private volatile Lineup lineup;

    public GenerationService(
            ConversationStore conversations,
            JobStore jobs,
            ImageStore images,
            ModelCatalog catalog,
            ProviderRouter router,
            Defaults defaults) {
        this.conversations = conversations;
        this.jobs = jobs;
        this.images = images;
        this.upstreamImages = new UpstreamImages(images);
        this.lineup = new Lineup(catalog, router, defaults, jobs);
    }

    /**
     * From now on requests go to {@code router}'s providers, with {@code catalog}'s models and these
     * defaults. Jobs under way finish with what they started with; a queued job whose model no
     * provider serves any more ends as gone, as after a restart with that model removed.
     */
    public void replace(ModelCatalog catalog, ProviderRouter router, Defaults defaults) {
        lineup = new Lineup(catalog, router, defaults, jobs);
    }

    /** Each provider's circuit breaker as it stands: {@code closed}, {@code open} or {@code half_open}, by name. */
    public java.util.Map<String, String> circuitStates() {
        return lineup.router().circuitStates();
    }

    /** The models, providers and defaults of one configuration, swapped as one. */
    private record Lineup(
            ModelCatalog catalog,
            ProviderRouter router,
            Defaults defaults,
            ShapeResolver shapes,
            VariationCalls variationCalls) {

        /** What {@code model} takes under this configuration; see {@link GenerationService#capabilities}. */
        ModelCapabilities capabilities(String model) {
            return router.capabilities(catalog.capabilitiesOf(model));
        }

        /** The refusal for images asked of a text-only model, naming the served models that edit. */
        Refusal textOnly(String model) {
            List<String> editors = router.models().stream()
                    .filter(candidate -> !capabilities(candidate).textOnly())
                    .toList();
            return new Refusal.TakesNoImages(model, editors);
        }

        /** Why the providers of {@code model} cannot take a request carrying {@code imageCount} images, history included. */
        Optional<Refusal> imageRoute(String model, int imageCount) {
            if (imageCount == 0 && router.needsInputImage(model)) {
                return Optional.of(new Refusal.NeedsInputImage(model));
            }
            if (imageCount > 0 && !router.canSendImages(model)) {
                return Optional.of(new Refusal.NeedsPublicUrl(model));
            }
            return Optional.empty();
        }

        Lineup(ModelCatalog catalog, ProviderRouter router, Defaults defaults, JobStore jobs) {
            this(
                    catalog,
                    router,
                    defaults,
                    new ShapeResolver(defaults.aspectRatio()),
                    new VariationCalls(router, jobs));
        }
    }

    /** The models some provider serves, in configuration order. */
    public List<String> models() {
        return lineup.router().models();
    }

    /**
     * How many images one request for {@code model} may make: {@link GenerateCommand#MAX_VARIATIONS}
     * for a model a provider serves (in one call where its dialect takes a count, else in calls side
     * by side), 1 for a model none serves.
     */
    public int maxVariations(String model) {
        return lineup.router().primary(model).isPresent() ? GenerateCommand.MAX_VARIATIONS : 1;
    }

    /** The model a request that names none goes to. */
    public String defaultModel() {
        return lineup.defaults().model();
    }

    /**
     * What {@code model} takes: its catalog entry (or the conservative fallback for a model the
     * catalog lacks), as far as the dialects of the providers serving it take it.
     */
    public ModelCapabilities capabilities(String model) {
        return lineup.capabilities(model);
    }

    /**
     * Why a request of {@code imageCount} images would be refused by its model whatever the images
     * hold (an unknown model, an empty instruction, too many images or none taken, a prompt too
     * long); empty when it may go on. Lets a request be refused before its images are downloaded.
     */
    public Optional<Refusal> precheck(Optional<String> requestedModel, String instruction, int imageCount) {
        Lineup current = lineup;
        String model = requestedModel.orElse(current.defaults().model());
        if (current.router().primary(model).isEmpty()) {
            return Optional.of(new Refusal.UnknownModel(model, current.router().models()));
        }
        if (instruction.isBlank()) {
            return Optional.of(new Refusal.EmptyInstruction());
        }
        ModelCapabilities capabilities = current.capabilities(model);
        if (imageCount > 0 && capabilities.textOnly()) {
            return Optional.of(current.textOnly(model));
        }
        return capabilities
                .problem(imageCount, instruction.length())
                .or(() -> imageCount > 0 ? current.imageRoute(model, imageCount) : Optional.empty());
    }

    /**
     * Checks a request against its model and, when it passes, stores it as a user turn together
     * with the job that will answer it. Nothing is stored for a refused request.
     *
     * @param requestMessageId the platform message that asked, for the reply
     */
    public Submission submit(GenerateCommand command, Optional<String> requestMessageId) {
        return submit(command, requestMessageId, RequestMessage.PRESS, counts -> Optional.empty(), NO_PLACE);
    }

    /**
     * Checks and stores a request. {@code quota} decides last, on the counts of the admission that
     * stores the request (see {@link JobStore#admit}): what it counts cannot change before the
     * request is stored, in this instance or another.
     *
     * @param asked what the request message is: one that asks for one job only (a user's message or
     *     interaction, not a button under the bot's) is answered by the job it became before; a chat
     *     message is linked to the request's turn in the same transaction as the job is stored
     * @param places the runner's {@link JobRunner#place}, asked with the user's key and the
     *     provider: a job that may start at once is claimed in the same transaction too, and holds
     *     its place until the caller hands the accepted job to {@link JobRunner#enqueue}, which it
     *     must (as {@link RequestDesk} does at once)
     */
    public Submission submit(
            GenerateCommand command,
            Optional<String> requestMessageId,
            RequestMessage asked,
            Function<UsageCounts, Optional<Refusal>> quota,
            BiFunction<String, String, Optional<JobRunner.Place>> places) {
        Lineup current = lineup;
        String model = command.model().orElse(current.defaults().model());
        Optional<String> provider = current.router().primary(model);
        if (provider.isEmpty()) {
            return new Submission.Refused(
                    new Refusal.UnknownModel(model, current.router().models()));
        }
        ModelCapabilities capabilities = current.capabilities(model);
        List<Turn> parentPath = command.parentTurnId().isPresent()
                ? conversations.path(command.parentTurnId().getAsLong())
                : List.of();
        if (command.parentTurnId().isPresent() && parentPath.isEmpty()) {
            return new Submission.Refused(new Refusal.ImageGone());
        }
        if (command.parentTurnId().isPresent()) {
            Optional<java.time.Instant> expired =
                    conversations.expiredAt(command.parentTurnId().getAsLong());
            if (expired.isPresent()) {
                return new Submission.Refused(new Refusal.ImageExpired(expired.get()));
            }
        }
        // The path ends with the parent itself: it need not be read again.
        Optional<Refusal> unclear =
                parentPath.isEmpty() ? Optional.empty() : VariationChoice.needed(conversations, parentPath.getLast());
        if (unclear.isPresent()) {
            return new Submission.Refused(unclear.get());
        }
        if (capabilities.textOnly()
                && (!command.images().isEmpty()
                        || parentPath.stream().anyMatch(turn -> !turn.images().isEmpty()))) {
            return new Submission.Refused(current.textOnly(model));
        }
        Optional<Refusal> problem = check(command, capabilities)
                .or(() -> current.imageRoute(model, command.images().size() + imagesIn(parentPath)));
        if (problem.isPresent()) {
            return new Submission.Refused(problem.get());
        }
        Shape.Accepted shape;
        switch (current.shapes().resolve(capabilities, shapeRequest(command, parentPath))) {
            case Shape.Refused refused -> {
                return new Submission.Refused(refused.refusal());
            }
            case Shape.Accepted accepted -> shape = accepted;
        }
        var userTurn = new NewTurn(
                command.parentTurnId(),
                Role.USER,
                userParts(command),
                command.origin(),
                Optional.of(model),
                Optional.of(shape.aspectRatio()),
                shape.imageSize(),
                command.quality().map(GenerationService::canonicalQuality),
                command.mask().map(ImageRef::sha256));
        var job = new NewJob(
                requestMessageId,
                provider.get(),
                model,
                command.variations(),
                asked.linked() && requestMessageId.isPresent());
        // A runner with room keeps a place, and the job is claimed as it is stored: it starts then
        // without another write.
        Optional<JobRunner.Place> place = places.apply(command.origin().userKey(), provider.get());
        try {
            Submission submission = jobs.admit(admission -> {
                if (asked.once() && requestMessageId.isPresent()) {
                    Optional<Job> before = admission.acceptedFor(command.origin(), requestMessageId.get());
                    if (before.isPresent()) {
                        return new Submission.AlreadyAccepted(before.get());
                    }
                }
                Optional<Refusal> over = quota.apply(admission.usage());
                if (over.isPresent()) {
                    return new Submission.Refused(over.get());
                }
                var accepted = place.isPresent()
                        ? admission.acceptStarting(userTurn, job, place.get().start())
                        : admission.accept(userTurn, job);
                return new Submission.Accepted(accepted.job(), accepted.userTurn());
            });
            if (submission instanceof Submission.Accepted accepted
                    && accepted.job().status() == JobStatus.RUNNING) {
                place.orElseThrow().taken(accepted.job());
            }
            return submission;
        } finally {
            place.ifPresent(JobRunner.Place::close);
        }
    }

    /**
     * Why a request cannot continue from {@code parentTurnId}: it is a request that was answered
     * with several images (a message showing all of them was replied to), so which one to continue
     * from must be chosen with that image's own button; empty when the parent is clear.
     */
    public Optional<Refusal> whichVariation(long parentTurnId) {
        return conversations.find(parentTurnId).flatMap(parent -> VariationChoice.needed(conversations, parent));
    }

    /**
     * Runs a job's generation: the history along its path, the provider call (or, for a task an
     * earlier run submitted, picking it up again), and the model turns to store for the answer.
     */
    public Execution execute(Job job, JobContext context) {
        // One configuration for the whole job, even if a reload comes while it runs.
        Lineup current = lineup;
        if (current.router().primary(job.model()).isEmpty()) {
            return Execution.without(new Outcome.ModelGone(job.model()));
        }
        ModelCapabilities capabilities =
                current.router().capabilities(current.catalog().capabilitiesOf(job.model()));
        List<Turn> path = conversations.path(job.userTurnId());
        Turn userTurn = path.getLast();
        History history = upstreamImages.fit(
                historyBuilder.build(
                        path,
                        new HistoryLimits(
                                capabilities.maxInputImages(),
                                current.defaults().historyByteBudget(),
                                capabilities.maxImageBytes())),
                capabilities.maxImageBytes());
        if (history.droppedImages() > 0) {
            LOG.info("job {}: {} older image(s) left out of the history", job.id(), history.droppedImages());
        }
        String ratio = userTurn.aspectRatio().orElse(current.defaults().aspectRatio());
        var request = new GenerationRequest(
                capabilities,
                ratio,
                userTurn.imageSize(),
                history,
                this::loadImage,
                userTurn.quality(),
                userTurn.maskSha256().flatMap(images::find),
                job.variations());
        Outcome outcome;
        if (job.upstreamTaskId().isPresent()) {
            outcome = current.router()
                    .resume(job.provider(), job.model(), job.upstreamTaskId().get(), context);
        } else if (job.variations() > 1 && !current.router().takesCount(job.model())) {
            outcome = current.variationCalls().run(job, request, context);
        } else {
            outcome = current.router().generate(request, context);
        }
        return job.variations() > 1
                ? variations(userTurn, job.model(), job.variations(), outcome)
                : answer(userTurn, job.model(), outcome);
    }

    /**
     * The answer to a request for several images: each image stored as a model turn of its own,
     * siblings under the request in the order they came, so a reply to any of them continues from
     * that one. Images beyond the number asked for, and bytes that are not an image, are left out;
     * only the images stored are charged. The model's words, if any, go with the first image.
     */
    private Execution variations(Turn userTurn, String model, int asked, Outcome outcome) {
        if (!(outcome instanceof Outcome.Images result)) {
            return answer(userTurn, model, outcome);
        }
        List<NewTurn> turns = new ArrayList<>();
        for (GeneratedImage image :
                result.images().subList(0, Math.min(asked, result.images().size()))) {
            Optional<ImageRef> stored = imageReader.store(image, images);
            if (stored.isEmpty()) {
                LOG.warn("model {} returned bytes that are not an image; left out of the variations", model);
                continue;
            }
            List<Part> parts = new ArrayList<>();
            if (turns.isEmpty()) {
                result.text().filter(t -> !t.isBlank()).ifPresent(t -> parts.add(new Part.Text(t)));
            }
            parts.add(new Part.Image(stored.get(), image.providerData()));
            turns.add(modelTurn(userTurn, model, parts));
        }
        if (turns.isEmpty()) {
            return Execution.without(new Outcome.Failed(true, Cause.of(Cause.Kind.NOT_AN_IMAGE)));
        }
        return new Execution(outcome, turns, turns.size());
    }

    private static NewTurn modelTurn(Turn userTurn, String model, List<Part> parts) {
        return new NewTurn(
                OptionalLong.of(userTurn.id()),
                Role.MODEL,
                parts,
                userTurn.origin(),
                Optional.of(model),
                Optional.empty());
    }

    private static int imagesIn(List<Turn> path) {
        return (int) path.stream()
                .flatMap(turn -> turn.parts().stream())
                .filter(Part.Image.class::isInstance)
                .count();
    }

    private Optional<Refusal> check(GenerateCommand command, ModelCapabilities capabilities) {
        if (command.instruction().isBlank()) {
            return Optional.of(new Refusal.EmptyInstruction());
        }
        Optional<Refusal> problem = capabilities.problem(
                command.images().size(), command.instruction().length());
        if (problem.isPresent()) {
            return problem;
        }
        for (ImageRef image : command.images()) {
            if (image.byteSize() > capabilities.maxImageBytes()) {
                return Optional.of(
                        new Refusal.ImageTooLarge(capabilities.id(), image.byteSize(), capabilities.maxImageBytes()));
            }
        }
        Optional<String> quality = command.quality().map(GenerationService::canonicalQuality);
        if (quality.isPresent() && !capabilities.acceptsQuality(quality.get())) {
            return Optional.of(new Refusal.UnsupportedQuality(
                    capabilities.id(), quality.get(), capabilities.fields().qualities()));
        }
        return command.mask().flatMap(mask -> maskProblem(mask, command.images(), capabilities));
    }

    /** {@code high} as the documents spell qualities, whatever case it was typed in. */
    private static String canonicalQuality(String typed) {
        return typed.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * Why a mask cannot go with the request. Seed 003: the mask is a PNG, applies to the first image,
     * must match its size and be under 4 MB.
     */
    private static Optional<Refusal> maskProblem(ImageRef mask, List<ImageRef> images, ModelCapabilities model) {
        if (!model.fields().takesMask()) {
            return Optional.of(new Refusal.TakesNoMask(model.id()));
        }
        Refusal.MaskProblem problem;
        if (images.isEmpty()) {
            problem = Refusal.MaskProblem.NO_IMAGE;
        } else if (!mask.mimeType().equals("image/png")) {
            problem = Refusal.MaskProblem.NOT_PNG;
        } else if (mask.width() != images.getFirst().width()
                || mask.height() != images.getFirst().height()) {
            problem = Refusal.MaskProblem.OTHER_SIZE;
        } else if (mask.byteSize() >= MAX_MASK_BYTES) {
            problem = Refusal.MaskProblem.TOO_LARGE;
        } else {
            return Optional.empty();
        }
        return Optional.of(new Refusal.UnsuitableMask(model.id(), problem));
    }

    /**
     * What the user asked for, and what the branch and the first image suggest: edits keep the
     * branch's ratio and size, and an edited photo keeps its shape.
     */
    private static ShapeRequest shapeRequest(GenerateCommand command, List<Turn> parentPath) {
        Optional<Turn> lastRequest = parentPath.reversed().stream()
                .filter(turn -> turn.role() == Role.USER)
                .findFirst();
        Optional<PixelSize> firstImage =
                command.images().stream().findFirst().map(image -> new PixelSize(image.width(), image.height()));
        return new ShapeRequest(
                command.aspectRatio(),
                command.imageSize(),
                lastRequest.flatMap(Turn::aspectRatio),
                lastRequest.flatMap(Turn::imageSize),
                firstImage);
    }

    private static List<Part> userParts(GenerateCommand command) {
        List<Part> parts = new ArrayList<>();
        parts.add(new Part.Text(command.instruction()));
        command.images().forEach(image -> parts.add(new Part.Image(image)));
        return parts;
    }

    private Execution answer(Turn userTurn, String model, Outcome outcome) {
        List<Part> parts = new ArrayList<>();
        int charged = 0;
        switch (outcome) {
            case Outcome.Images result -> {
                result.text().filter(t -> !t.isBlank()).ifPresent(t -> parts.add(new Part.Text(t)));
                for (GeneratedImage image : result.images()) {
                    Optional<ImageRef> stored = imageReader.store(image, images);
                    if (stored.isEmpty()) {
                        LOG.warn("model {} returned bytes that are not an image", model);
                        return Execution.without(new Outcome.Failed(true, Cause.of(Cause.Kind.NOT_AN_IMAGE)));
                    }
                    parts.add(new Part.Image(stored.get(), image.providerData()));
                    charged++;
                }
            }
            case Outcome.TextOnly text -> parts.add(new Part.Text(text.text()));
            default -> {
                return Execution.without(outcome);
            }
        }
        return new Execution(outcome, Optional.of(modelTurn(userTurn, model, parts)), charged);
    }

    private byte[] loadImage(ImageRef ref) {
        return images.bytes(ref.sha256())
                .orElseThrow(() -> new IllegalStateException("image " + ref.sha256() + " is missing from storage"));
    }

    /**
     * Settings that apply when a request does not say otherwise.
     *
     * @param historyByteBudget the most bytes one request's history may take
     */
    public record Defaults(String model, String aspectRatio, long historyByteBudget) {}
}
