package dev.redraw.core.request;

import dev.redraw.core.model.AspectRatios;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.settings.UnusedDefault;
import dev.redraw.core.settings.UserSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which of a user's stored defaults a new request takes. What the request names itself wins; a
 * stored default the request's model does not take (or a model the operator has since removed) is
 * left out and reported, never a reason to refuse the request; and a request with input images
 * keeps their shape, so the default ratio does not apply to it.
 */
final class RequestDefaults {

    private final GenerationService generation;

    RequestDefaults(GenerationService generation) {
        this.generation = Objects.requireNonNull(generation, "generation");
    }

    /**
     * The options a request is made with, and the defaults left out of it.
     *
     * @param options what the request is made with; an empty option is the model's (or the bot's) default
     * @param unused the stored defaults left out, to be told to the user
     */
    record Applied(Generate.Options options, List<UnusedDefault> unused) {
        Applied {
            Objects.requireNonNull(options, "options");
            unused = List.copyOf(unused);
        }
    }

    /**
     * @param stored the user's defaults
     * @param asked what the request names itself
     * @param keepsInputShape whether the request edits input images, whose shape it keeps unless it names a ratio
     */
    Applied apply(UserSettings stored, Generate.Options asked, boolean keepsInputShape) {
        List<UnusedDefault> unused = new ArrayList<>();
        Optional<String> model = model(stored, asked, unused);
        String used = model.orElseGet(generation::defaultModel);
        ModelCapabilities capabilities = generation.capabilities(used);
        Optional<String> ratio = asked.ratio();
        if (ratio.isEmpty() && !keepsInputShape && stored.aspectRatio().isPresent()) {
            String kept = stored.aspectRatio().get();
            if (capabilities.acceptsRatio(AspectRatios.canonical(kept))) {
                ratio = Optional.of(kept);
            } else {
                unused.add(new UnusedDefault.Ratio(kept, used));
            }
        }
        Optional<String> size = asked.size();
        if (size.isEmpty() && stored.imageSize().isPresent()) {
            String kept = stored.imageSize().get();
            if (capabilities.acceptsSize(ModelCapabilities.canonicalSize(kept))) {
                size = Optional.of(kept);
            } else {
                unused.add(new UnusedDefault.Size(kept, used));
            }
        }
        return new Applied(new Generate.Options(model, ratio, size, asked.quality(), count(stored, asked)), unused);
    }

    /**
     * How many images a request makes: what it asks for, else the user's default, which applies to
     * every request (a continuation too, unlike the other defaults, which its branch decides).
     */
    OptionalInt count(UserSettings stored, Generate.Options asked) {
        return asked.count().isPresent() ? asked.count() : stored.variations();
    }

    /**
     * The options a continuation of a branch is made with: the user's model where the request names
     * none (the model they chose is the one that edits), but the branch's ratio and size, not the
     * stored ones.
     */
    Applied continuation(UserSettings stored, Generate.Options asked) {
        List<UnusedDefault> unused = new ArrayList<>();
        Optional<String> model = model(stored, asked, unused);
        return new Applied(
                new Generate.Options(model, asked.ratio(), asked.size(), asked.quality(), count(stored, asked)),
                unused);
    }

    /** The model the request names, else the user's stored one while some provider still serves it. */
    private Optional<String> model(UserSettings stored, Generate.Options asked, List<UnusedDefault> unused) {
        if (asked.model().isPresent() || stored.model().isEmpty()) {
            return asked.model();
        }
        String kept = stored.model().get();
        if (generation.models().contains(kept)) {
            return Optional.of(kept);
        }
        unused.add(new UnusedDefault.Model(kept, generation.defaultModel()));
        return Optional.empty();
    }
}
