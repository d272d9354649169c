package dev.redraw.core.request;

import dev.redraw.core.limits.RecentlyUsed;
import dev.redraw.core.model.AspectRatios;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.settings.SettingProblem;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UnusedDefault;
import dev.redraw.core.settings.UserSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * What a user keeps between requests (default model, aspect ratio and size, private results, the
 * language to speak) and the chat's switch that lets everyone use the buttons under results. The
 * platforms say who asks and what their client or chat reports; this decides and stores.
 */
public final class Preferences {

    /** The longest value a setting may have (the storage's widest column); longer ones are not read at all. */
    static final int MAX_VALUE_CHARS = 128;

    /** A language tag as platforms report them ({@code en}, {@code zh-hans}, {@code pt_BR}), at most 16 characters. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8}){0,3}");

    private static final int MAX_LANGUAGE_CHARS = 16;

    private final SettingsStore settings;
    /** The names this process last saw or stored, so a user's every message is not a write. */
    private final java.util.Map<String, String> names = RecentlyUsed.map(10_000);
    /**
     * The languages this process last found or stored for users, and when, so a user's every
     * message is not a read. An entry is trusted for {@link #LANGUAGE_KEPT} only, so a language
     * another instance stored, or a save of this user's other settings that wrote back an older one,
     * is put right by a message after that at the latest; a save of their settings here drops it.
     */
    private final java.util.Map<String, KnownLanguage> languages = RecentlyUsed.map(10_000);

    /** How long a language found or stored is trusted without reading it again. */
    static final Duration LANGUAGE_KEPT = Duration.ofMinutes(2);

    private record KnownLanguage(String language, long atNanos) {}

    private final GenerationService generation;
    private final RequestDefaults defaults;
    private final Duration languageKept;

    public Preferences(SettingsStore settings, GenerationService generation) {
        this(settings, generation, LANGUAGE_KEPT);
    }

    /** @param languageKept how long a language found or stored is trusted without reading it again */
    Preferences(SettingsStore settings, GenerationService generation, Duration languageKept) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.generation = Objects.requireNonNull(generation, "generation");
        this.defaults = new RequestDefaults(generation);
        this.languageKept = Objects.requireNonNull(languageKept, "languageKept");
    }

    /**
     * A user's defaults as they apply to their next new request.
     *
     * @param model the user's model, else the bot's default
     * @param aspectRatio empty: the model's default
     * @param imageSize empty: the model's default
     * @param privateResults results only the user sees, where the platform can show them so
     * @param unused stored defaults the model does not take (or a model no longer configured), left out
     * @param variations how many images each request makes when it does not say ({@code --n})
     */
    public record Shown(
            String model,
            Optional<String> aspectRatio,
            Optional<String> imageSize,
            boolean privateResults,
            List<UnusedDefault> unused,
            int variations) {
        public Shown {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(aspectRatio, "aspectRatio");
            Objects.requireNonNull(imageSize, "imageSize");
            unused = List.copyOf(unused);
        }

        /** Defaults that make one image a request. */
        public Shown(
                String model,
                Optional<String> aspectRatio,
                Optional<String> imageSize,
                boolean privateResults,
                List<UnusedDefault> unused) {
            this(model, aspectRatio, imageSize, privateResults, unused, 1);
        }
    }

    /**
     * What the menus and suggestions offer for a model: every ratio it takes, in the catalog's order
     * ({@code auto} among them where the model takes it: a ratio of its own, not the model's
     * default), its sizes (none for a model without a size choice), the pixel sizes it has
     * presets for, which a request may name instead of a ratio, and how many images a request may
     * make ({@code 1} alone where several cannot be made).
     */
    public record Choices(List<String> ratios, List<String> sizes, List<String> pixels, List<Integer> counts) {
        public Choices {
            ratios = List.copyOf(ratios);
            sizes = List.copyOf(sizes);
            pixels = List.copyOf(pixels);
            counts = List.copyOf(counts);
        }
    }

    /** What became of a change of a user's defaults. */
    public sealed interface Changed {
        /** Saved (or nothing to change); {@code shown} are the defaults now. */
        record Saved(Shown shown) implements Changed {}

        /** Not saved, none of it: {@code problem} says why; {@code shown} are the defaults, unchanged. */
        record Refused(Shown shown, SettingProblem problem) implements Changed {}

        /** The menu pressed was made for another user; nothing was changed or read. */
        record NotYours() implements Changed {}
    }

    /** One change to a user's defaults; an empty value goes back to the default. */
    public sealed interface Change {
        record Model(Optional<String> model) implements Change {
            public Model {
                Objects.requireNonNull(model, "model");
            }
        }

        record AspectRatio(Optional<String> ratio) implements Change {
            public AspectRatio {
                Objects.requireNonNull(ratio, "ratio");
            }
        }

        record ImageSize(Optional<String> size) implements Change {
            public ImageSize {
                Objects.requireNonNull(size, "size");
            }
        }

        record PrivateResults(boolean privately) implements Change {}

        /** How many images a request makes when it does not say; empty (or 1) makes one. */
        record Variations(OptionalInt count) implements Change {
            public Variations {
                Objects.requireNonNull(count, "count");
            }
        }
    }

    /** What the asker is in the chat where they try to change its switches, as the platform reports it. */
    public enum ChatRole {
        /** A private chat with the bot (Telegram) or a direct message (Discord): there is nobody to share with. */
        PRIVATE_CHAT,
        /** A member of a group or server without the right to change its settings. */
        MEMBER,
        /** An administrator of the group, or a member who may manage the server. */
        ADMIN
    }

    /** The models a user may choose as their default, in the bot's order. */
    public List<String> models() {
        return generation.models();
    }

    /** The user's defaults. */
    public Shown of(String platform, String userId) {
        return shown(settings.user(platform, userId));
    }

    /** What the menus and suggestions offer for {@code model}. */
    public Choices choices(String model) {
        ModelCapabilities capabilities = generation.capabilities(model);
        List<String> pixels = capabilities.aspectRatios().stream()
                .flatMap(ratio -> capabilities.pixelPresets().getOrDefault(ratio, List.of()).stream())
                .distinct()
                .toList();
        List<Integer> counts = IntStream.rangeClosed(1, generation.maxVariations(model))
                .boxed()
                .toList();
        return new Choices(capabilities.aspectRatios(), capabilities.imageSizes(), pixels, counts);
    }

    /**
     * Applies {@code changes} in order to the user's defaults and stores them, once every one was
     * checked: a model must be one this bot is configured with, a ratio or size one the model
     * (as chosen by the changes before it) takes. One refused change saves none of them.
     */
    public Changed change(String platform, String userId, List<Change> changes) {
        UserSettings current = settings.user(platform, userId);
        UserSettings changed = current;
        for (Change change : changes) {
            Optional<SettingProblem> problem = problem(changed, change);
            if (problem.isPresent()) {
                return new Changed.Refused(shown(current), problem.get());
            }
            changed = switch (change) {
                case Change.Model model -> changed.withModel(model.model());
                case Change.AspectRatio ratio ->
                    changed.withAspectRatio(ratio.ratio().map(AspectRatios::canonical));
                case Change.ImageSize size -> changed.withImageSize(size.size().map(ModelCapabilities::canonicalSize));
                case Change.PrivateResults privately -> changed.withPrivateResults(privately.privately());
                case Change.Variations count ->
                    changed.withVariations(count.count().getAsInt() == 1 ? OptionalInt.empty() : count.count());
            };
        }
        if (!changed.equals(current)) {
            settings.saveUser(platform, userId, changed);
            // The save wrote back the language as it was read: the next message looks again.
            languages.remove(platform + ":" + userId);
        }
        return new Changed.Saved(shown(changed));
    }

    /** {@link #change(String, String, List)} of one change. */
    public Changed change(String platform, String userId, Change change) {
        return change(platform, userId, List.of(change));
    }

    /**
     * A press on a settings menu: only the user it was made for ({@code menuOwner}, empty when the
     * platform no longer says) may change their defaults with it.
     */
    public Changed pressMenu(String platform, String presser, Optional<String> menuOwner, Change change) {
        if (menuOwner.filter(presser::equals).isEmpty()) {
            return new Changed.NotYours();
        }
        return change(platform, presser, change);
    }

    /** Why {@code change} cannot apply to {@code settings}; empty when it can. */
    private Optional<SettingProblem> problem(UserSettings settings, Change change) {
        return switch (change) {
            case Change.Model model -> model.model().flatMap(this::modelProblem);
            case Change.AspectRatio ratio -> ratio.ratio().flatMap(value -> ratioProblem(modelOf(settings), value));
            case Change.ImageSize size -> size.size().flatMap(value -> sizeProblem(modelOf(settings), value));
            case Change.PrivateResults ignored -> Optional.empty();
            case Change.Variations count -> countProblem(modelOf(settings), count.count());
        };
    }

    /**
     * Why {@code count} cannot be the number of images a request makes: not one the model's menus
     * offer (only a forged menu or option sends one).
     */
    private Optional<SettingProblem> countProblem(String model, OptionalInt count) {
        return count.isPresent() && count.getAsInt() >= 1 && count.getAsInt() <= generation.maxVariations(model)
                ? Optional.empty()
                : Optional.of(new SettingProblem.Malformed());
    }

    private Optional<SettingProblem> modelProblem(String model) {
        if (malformed(model)) {
            return Optional.of(new SettingProblem.Malformed());
        }
        return generation.models().contains(model)
                ? Optional.empty()
                : Optional.of(new SettingProblem.UnknownModel(model, generation.models()));
    }

    private Optional<SettingProblem> ratioProblem(String model, String ratio) {
        if (malformed(ratio)) {
            return Optional.of(new SettingProblem.Malformed());
        }
        ModelCapabilities capabilities = generation.capabilities(model);
        return capabilities.acceptsRatio(AspectRatios.canonical(ratio))
                ? Optional.empty()
                : Optional.of(new SettingProblem.UnsupportedRatio(model, ratio.strip(), capabilities.aspectRatios()));
    }

    private Optional<SettingProblem> sizeProblem(String model, String size) {
        if (malformed(size)) {
            return Optional.of(new SettingProblem.Malformed());
        }
        ModelCapabilities capabilities = generation.capabilities(model);
        if (capabilities.imageSizes().isEmpty()) {
            return Optional.of(new SettingProblem.NoSizeChoice(model));
        }
        return capabilities.acceptsSize(ModelCapabilities.canonicalSize(size))
                ? Optional.empty()
                : Optional.of(new SettingProblem.UnsupportedSize(model, size.strip(), capabilities.imageSizes()));
    }

    /** Blank, longer than any setting, or holding characters no setting has (controls, line breaks). */
    private static boolean malformed(String value) {
        return value.isBlank()
                || value.length() > MAX_VALUE_CHARS
                || value.codePoints()
                        .anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT);
    }

    /** The model the user's requests go to: theirs while it is configured, else the bot's default. */
    private String modelOf(UserSettings user) {
        return user.model().filter(generation.models()::contains).orElseGet(generation::defaultModel);
    }

    /**
     * Remembers the language the user's client reports, so results delivered later (even after a
     * restart) speak it; stores only when it differs from the one stored, which is not read again
     * for {@link #LANGUAGE_KEPT} after it was found or stored. A blank language, or one that is no language
     * tag, is not remembered.
     */
    public void speaks(String platform, String userId, String language) {
        if (language == null
                || language.length() > MAX_LANGUAGE_CHARS
                || !LANGUAGE.matcher(language).matches()) {
            return;
        }
        String key = platform + ":" + userId;
        KnownLanguage remembered = languages.get(key);
        long now = System.nanoTime();
        if (remembered != null
                && remembered.language().equals(language)
                && now - remembered.atNanos() < languageKept.toNanos()) {
            return;
        }
        UserSettings known = settings.user(platform, userId);
        if (!known.language().equals(Optional.of(language))) {
            settings.saveUser(platform, userId, known.withLanguage(Optional.of(language)));
        }
        languages.put(key, new KnownLanguage(language, now));
    }

    /**
     * Remembers the name the user goes by (Telegram: {@code @username}, else their first name), for
     * the credit a remix of their image gives them; stores only when it changed since this process
     * last saw it. Names longer than {@value #MAX_NAME_CHARS} characters are cut.
     */
    public void named(String platform, String userId, String name) {
        if (name == null || name.isBlank()) {
            return;
        }
        String kept = name.strip();
        if (kept.length() > MAX_NAME_CHARS) {
            kept = kept.substring(0, kept.offsetByCodePoints(0, kept.codePointCount(0, MAX_NAME_CHARS - 1)));
        }
        String key = platform + ":" + userId;
        if (kept.equals(names.get(key))) {
            return;
        }
        if (!settings.name(platform, userId).equals(Optional.of(kept))) {
            settings.saveName(platform, userId, kept);
        }
        names.put(key, kept);
    }

    /** After the user's {@code /forget}: their name is stored again the next time they are seen. */
    public void forgotten(String platform, String userId) {
        names.remove(platform + ":" + userId);
    }

    /** The most characters of a name kept. */
    static final int MAX_NAME_CHARS = 128;

    /** The language last remembered for the user. */
    public Optional<String> language(String platform, String userId) {
        return settings.user(platform, userId).language();
    }

    /** Whether the user asked for results only they see. */
    public boolean privateResults(String platform, String userId) {
        return settings.user(platform, userId).privateResults();
    }

    private Shown shown(UserSettings user) {
        RequestDefaults.Applied applied = defaults.apply(user, Generate.Options.NONE, false);
        return new Shown(
                applied.options().model().orElseGet(generation::defaultModel),
                applied.options().ratio(),
                applied.options().size(),
                user.privateResults(),
                applied.unused(),
                applied.options().variations());
    }
}
