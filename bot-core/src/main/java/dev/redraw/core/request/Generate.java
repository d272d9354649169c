package dev.redraw.core.request;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.generation.GenerateCommand;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.ImageNote;
import dev.redraw.core.image.ImageProblem;
import dev.redraw.core.image.IntakeResult;
import dev.redraw.core.image.NormalizedImage;
import dev.redraw.core.job.Job;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.net.Bodies;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UnusedDefault;
import dev.redraw.core.storage.StorageException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A user asks for an image, on any platform: the one place where a request with images is handed
 * in. In order: the user's access and quota, and what the model takes, are checked first, so a
 * refused user's images are never downloaded; then every image is downloaded and checked side by
 * side (decoding under the process-wide limit); only once all of them passed are they stored, and
 * the request is submitted with its job. The platform adapters build the request and render the
 * result.
 */
public final class Generate {

    private static final Logger LOG = LoggerFactory.getLogger(Generate.class);

    /** Waits before each further try of a download that failed: a platform's file server hiccups. */
    private static final List<Duration> DOWNLOAD_RETRIES = List.of(Duration.ofMillis(500), Duration.ofSeconds(1));

    private final RequestDesk desk;
    private final GenerationService generation;
    private final ImageIntake intake;
    private final ImageStore images;
    private final SettingsStore settings;
    private final Bulkheads bulkheads;
    private final RequestDefaults defaults;

    public Generate(
            RequestDesk desk,
            GenerationService generation,
            ImageIntake intake,
            ImageStore images,
            SettingsStore settings,
            Bulkheads bulkheads) {
        this.desk = Objects.requireNonNull(desk, "desk");
        this.generation = Objects.requireNonNull(generation, "generation");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.images = Objects.requireNonNull(images, "images");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.bulkheads = Objects.requireNonNull(bulkheads, "bulkheads");
        this.defaults = new RequestDefaults(generation);
    }

    /**
     * What the user asked for; an empty option takes the user's default (new conversations) or the branch's.
     *
     * @param count how many images to make (1 to {@link GenerateCommand#MAX_VARIATIONS}); empty takes the
     *     user's default, else one
     */
    public record Options(
            Optional<String> model,
            Optional<String> ratio,
            Optional<String> size,
            Optional<String> quality,
            OptionalInt count) {
        public static final Options NONE = new Options(Optional.empty(), Optional.empty(), Optional.empty());

        public Options {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(ratio, "ratio");
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(quality, "quality");
            Objects.requireNonNull(count, "count");
            if (count.isPresent() && (count.getAsInt() < 1 || count.getAsInt() > GenerateCommand.MAX_VARIATIONS)) {
                throw new IllegalArgumentException("count out of range: " + count.getAsInt());
            }
        }

        /** Options that leave the number of images to the user's default. */
        public Options(
                Optional<String> model, Optional<String> ratio, Optional<String> size, Optional<String> quality) {
            this(model, ratio, size, quality, OptionalInt.empty());
        }

        /** Options that leave the quality to the model. */
        public Options(Optional<String> model, Optional<String> ratio, Optional<String> size) {
            this(model, ratio, size, Optional.empty());
        }

        /** These options asking for {@code count} images (empty: the user's default). */
        public Options withCount(OptionalInt count) {
            return new Options(model, ratio, size, quality, count);
        }

        /** How many images to make: the count asked for, else one. */
        public int variations() {
            return count.orElse(1);
        }
    }

    /**
     * A request, as a platform hands it in.
     *
     * @param parent the turn the request continues; empty starts a new conversation
     * @param requestMessageId the platform's id of the message (or interaction) that asked
     * @param images the images sent with it, in the order the user sent them, not yet downloaded
     * @param asked what {@code requestMessageId} names: a chat message, which is linked to the
     *     request's turn as the request is stored, or an interaction
     */
    public record Request(
            Origin origin,
            String instruction,
            OptionalLong parent,
            Options options,
            Optional<String> requestMessageId,
            List<ImageFetcher> images,
            RequestMessage asked) {
        public Request {
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(instruction, "instruction");
            Objects.requireNonNull(parent, "parent");
            Objects.requireNonNull(options, "options");
            Objects.requireNonNull(requestMessageId, "requestMessageId");
            images = List.copyOf(images);
            Objects.requireNonNull(asked, "asked");
            if (asked == RequestMessage.PRESS) {
                throw new IllegalArgumentException("a press is rerolled, not handed in as a request");
            }
        }

        /** A request an interaction made (a Discord slash command). */
        public Request(
                Origin origin,
                String instruction,
                OptionalLong parent,
                Options options,
                Optional<String> requestMessageId,
                List<ImageFetcher> images) {
            this(origin, instruction, parent, options, requestMessageId, images, RequestMessage.INTERACTION);
        }
    }

    /** What became of a request. */
    public sealed interface Result {

        /**
         * Stored and queued; the job will answer it.
         *
         * @param adjusted the images intake changed, and how, for telling the user
         * @param unusedDefaults the user's stored defaults the request's model does not take, left out, for telling the user
         */
        record Accepted(Job job, Turn userTurn, List<Adjusted> adjusted, List<UnusedDefault> unusedDefaults)
                implements Result {
            public Accepted {
                adjusted = List.copyOf(adjusted);
                unusedDefaults = List.copyOf(unusedDefaults);
            }
        }

        /**
         * The message had become {@code job} before: it was handled again after a crash, and the
         * job answers it. Nothing is to be said.
         */
        record AlreadyAccepted(Job job) implements Result {}

        /** Refused before anything was downloaded or stored; {@code refusal} says why. */
        record Refused(Refusal refusal) implements Result {}

        /**
         * An image could not be used, so none was stored: the {@code position}th (from 1) of
         * {@code count}, named {@code name} where the platform gave a name.
         */
        record ImageRejected(int position, int count, String name, ImageProblem problem) implements Result {}
    }

    /** The {@code position}th image (from 1) was changed by intake, as {@code notes} say. */
    public record Adjusted(int position, List<ImageNote> notes) {
        public Adjusted {
            notes = List.copyOf(notes);
        }
    }

    /** Checks, downloads, stores and submits a request. */
    public Result submit(Request request) throws InterruptedException {
        Origin origin = request.origin();
        RequestDefaults.Applied applied = withDefaults(request);
        Options options = applied.options();
        // Checked before any image is downloaded; with images, everything is checked again once they
        // are in, as downloads take time. Without, the next check is the quota's in the admission
        // (counted here first all the same, so that a user over quota never takes its lock).
        boolean fetches = !request.images().isEmpty();
        Optional<Refusal> refusal = desk.admission(origin, options.variations())
                .or(() -> request.parent().isPresent()
                        ? generation.whichVariation(request.parent().getAsLong())
                        : Optional.empty())
                .or(() -> generation.precheck(
                        options.model(), request.instruction(), request.images().size()));
        if (refusal.isPresent()) {
            return new Result.Refused(refusal.get());
        }

        List<Checked> checked = fetchAndCheck(request.images());
        List<NormalizedImage> accepted = new ArrayList<>();
        List<Adjusted> adjusted = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            switch (checked.get(i)) {
                case Checked.Rejected rejected -> {
                    return new Result.ImageRejected(
                            i + 1,
                            request.images().size(),
                            request.images().get(i).name(),
                            rejected.problem());
                }
                case Checked.Passed passed -> {
                    accepted.add(passed.image());
                    if (!passed.notes().isEmpty()) {
                        adjusted.add(new Adjusted(i + 1, passed.notes()));
                    }
                }
            }
        }
        // Stored only once every image passed, so a request with one bad image leaves nothing behind.
        List<ImageRef> stored =
                accepted.stream().map(image -> image.storeIn(images)).toList();

        var command = new GenerateCommand(
                origin,
                request.parent(),
                request.instruction(),
                stored,
                options.model(),
                options.ratio(),
                options.size(),
                options.quality(),
                Optional.empty(),
                options.variations());
        Submission submission = fetches
                ? desk.submitOnce(command, request.requestMessageId(), request.asked())
                : desk.submitEntered(command, request.requestMessageId(), request.asked());
        return switch (submission) {
            case Submission.AlreadyAccepted before -> new Result.AlreadyAccepted(before.job());
            case Submission.Refused refused -> new Result.Refused(refused.refusal());
            case Submission.Accepted done ->
                new Result.Accepted(done.job(), done.userTurn(), adjusted, toldOnce(origin, applied.unused()));
        };
    }

    /**
     * The left-out defaults the user has not been told of since their settings last changed: each
     * is told once, not under every request. When that cannot be looked up, it is told again.
     */
    private List<UnusedDefault> toldOnce(Origin origin, List<UnusedDefault> unused) {
        return unused.stream()
                .filter(note -> {
                    try {
                        return settings.firstTold(origin.platform(), origin.userId(), note.key());
                    } catch (StorageException e) {
                        LOG.warn("could not record a note told to a user: {}", e.getMessage());
                        return true;
                    }
                })
                .toList();
    }

    /**
     * A new conversation takes the user's defaults where the request names no option and its model
     * takes them (an edit of images keeps their shape, so not the default ratio); a continuation
     * takes the user's model but keeps its branch's ratio and size.
     */
    private RequestDefaults.Applied withDefaults(Request request) {
        Options asked = request.options();
        var stored = settings.user(request.origin().platform(), request.origin().userId());
        if (request.parent().isPresent()) {
            return defaults.continuation(stored, asked);
        }
        return defaults.apply(stored, asked, !request.images().isEmpty());
    }

    /** One image downloaded and through intake, or why it cannot be used. */
    private sealed interface Checked {
        record Passed(NormalizedImage image, List<ImageNote> notes) implements Checked {}

        record Rejected(ImageProblem problem) implements Checked {}
    }

    /**
     * Downloads and checks every image side by side (an album's images would otherwise wait on each
     * other); the results come in the images' order.
     */
    private List<Checked> fetchAndCheck(List<ImageFetcher> fetchers) throws InterruptedException {
        if (fetchers.isEmpty()) {
            return List.of();
        }
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Checked>> pending = new ArrayList<>();
            for (ImageFetcher fetcher : fetchers) {
                pending.add(executor.submit(() -> check(fetcher)));
            }
            try {
                List<Checked> checked = new ArrayList<>();
                for (Future<Checked> future : pending) {
                    Checked one = Bulkheads.outcome(future);
                    checked.add(one);
                    if (one instanceof Checked.Rejected) {
                        // The request fails on this image: the others need not finish downloading.
                        executor.shutdownNow();
                        return checked;
                    }
                }
                return checked;
            } catch (InterruptedException | RuntimeException | Error e) {
                // Before the executor's close waits for them: downloads still running are cut off.
                executor.shutdownNow();
                throw e;
            }
        }
    }

    private Checked check(ImageFetcher fetcher) throws InterruptedException {
        Bodies.Hashed fetched = null;
        for (int attempt = 0; fetched == null; attempt++) {
            try {
                fetched = fetcher.fetch();
            } catch (Bodies.TooLarge e) {
                return new Checked.Rejected(new ImageProblem.TooLargeToDownload(e.size(), e.max()));
            } catch (IOException e) {
                LOG.warn("downloading an image failed (try {}): {}", attempt + 1, e.getMessage());
                if (attempt == DOWNLOAD_RETRIES.size()) {
                    return new Checked.Rejected(new ImageProblem.DownloadFailed());
                }
                Thread.sleep(DOWNLOAD_RETRIES.get(attempt));
            }
        }
        Bodies.Hashed downloaded = fetched;
        // Decoding takes a core and, for large images, hundreds of megabytes: a few at a time, off
        // the threads that serve users. The hash came with the download, so an image that passes
        // untouched is not read again for it.
        return switch (bulkheads.decode(() -> intake.accept(downloaded.bytes(), downloaded::sha256))) {
            case IntakeResult.Rejected rejected -> new Checked.Rejected(rejected.problem());
            case IntakeResult.Accepted accepted -> new Checked.Passed(accepted.image(), accepted.notes());
        };
    }
}
