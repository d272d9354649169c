package dev.redraw.core.request;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user keeps between requests (default model, aspect ratio and size, private results, the
 * language to speak) and the chat's switch that lets everyone use the buttons under results. The
 * platforms say who asks and what their client or chat reports; this decides and stores.
 */
public final class Preferences {

    private final SettingsStore settings;
    private final GenerationService generation;

    public Preferences(SettingsStore settings, GenerationService generation) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.generation = Objects.requireNonNull(generation, "generation");
    }

    /**
     * A user's defaults as they apply to their next new request.
     *
     * @param model the user's model, else the bot's first
     * @param aspectRatio empty: the model's default
     * @param imageSize empty: the model's default
     * @param privateResults results only the user sees, where the platform can show them so
     */
    public record Shown(
            String model, Optional<String> aspectRatio, Optional<String> imageSize, boolean privateResults) {
        public Shown {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(aspectRatio, "aspectRatio");
            Objects.requireNonNull(imageSize, "imageSize");
        }
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

    /** What became of a change of the chat's remix switch. */
    public sealed interface RemixSwitch {
        /** Switched; {@code allowed}: everyone may now use the buttons under anyone's results. */
        record Switched(boolean allowed) implements RemixSwitch {}

        /** Only administrators change the switch. */
        record NotAdmin() implements RemixSwitch {}

        /** A private chat has no switch: only its one user asks for images there. */
        record PrivateChat() implements RemixSwitch {}
    }

    /** The models a user may choose as their default, in the bot's order. */
    public List<String> models() {
        return generation.models();
    }

    /** The user's defaults. */
    public Shown of(String platform, String userId) {
        return shown(settings.user(platform, userId));
    }

    /** Applies {@code changes} in order to the user's defaults, stores them and returns the result. */
    public Shown change(String platform, String userId, List<Change> changes) {
        UserSettings current = settings.user(platform, userId);
        UserSettings changed = current;
        for (Change change : changes) {
            changed = switch (change) {
                case Change.Model model -> changed.withModel(model.model());
                case Change.AspectRatio ratio -> changed.withAspectRatio(ratio.ratio());
                case Change.ImageSize size -> changed.withImageSize(size.size());
                case Change.PrivateResults privately -> changed.withPrivateResults(privately.privately());
            };
        }
        if (!changed.equals(current)) {
            settings.saveUser(platform, userId, changed);
        }
        return shown(changed);
    }

    /** {@link #change(String, String, List)} of one change. */
    public Shown change(String platform, String userId, Change change) {
        return change(platform, userId, List.of(change));
    }

    /**
     * Remembers the language the user's client reports, so results delivered later (even after a
     * restart) speak it; stores only when it changed. A blank language is not remembered.
     */
    public void speaks(String platform, String userId, String language) {
        if (language == null || language.isBlank()) {
            return;
        }
        UserSettings known = settings.user(platform, userId);
        if (!known.language().equals(Optional.of(language))) {
            settings.saveUser(platform, userId, known.withLanguage(Optional.of(language)));
        }
    }

    /** The language last remembered for the user. */
    public Optional<String> language(String platform, String userId) {
        return settings.user(platform, userId).language();
    }

    /** Whether the user asked for results only they see. */
    public boolean privateResults(String platform, String userId) {
        return settings.user(platform, userId).privateResults();
    }

    /**
     * Turns the remix switch of the asker's chat (on Discord, their server) on or off: whether
     * others than a result's owner may use its buttons there. Only administrators of a group or
     * server may.
     */
    public RemixSwitch switchRemix(Origin asker, ChatRole role, boolean allowed) {
        return switch (role) {
            case PRIVATE_CHAT -> new RemixSwitch.PrivateChat();
            case MEMBER -> new RemixSwitch.NotAdmin();
            case ADMIN -> {
                settings.setRemixAllowed(asker.platform(), ResultActions.community(asker), allowed);
                yield new RemixSwitch.Switched(allowed);
            }
        };
    }

    /** Whether everyone in the chat (on Discord, the server) may use the buttons under anyone's results. */
    public boolean remixAllowed(Origin where) {
        return settings.remixAllowed(where.platform(), ResultActions.community(where));
    }

    private Shown shown(UserSettings user) {
        return new Shown(
                user.model().orElseGet(() -> generation.models().getFirst()),
                user.aspectRatio(),
                user.imageSize(),
                user.privateResults());
    }
}
