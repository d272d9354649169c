package dev.redraw.discord;

import static dev.redraw.discord.SlashCommand.option;

import dev.redraw.core.request.Gallery;
import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * /settings: changes the defaults given as options (the model first, so a ratio or size is checked
 * against the model chosen with it), then shows them. The core checks every value; one it refuses
 * saves nothing. The remix switch is the server's: Discord says who may manage the server; the core
 * decides who may switch.
 */
final class SettingsCommand implements SlashCommand {

    /** The option value that leaves a ratio or size to the model's default. */
    static final String DEFAULT = "default";

    /** The option of how many images each request makes. */
    static final String COUNT = "count";

    /** The option naming the role that may remix others' results. */
    static final String REMIX_ROLE = "remix-role";
    /** The option turning automatic sharing to the gallery on or off. */
    static final String AUTO_SHARE = "auto-share";

    private final Preferences preferences;
    private final Gallery gallery;

    SettingsCommand(Preferences preferences, Gallery gallery) {
        this.gallery = gallery;
        this.preferences = preferences;
    }

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        List<Preferences.Change> changes = new ArrayList<>();
        option(event, "model").ifPresent(model -> changes.add(new Preferences.Change.Model(Optional.of(model))));
        option(event, "ratio").ifPresent(ratio -> changes.add(new Preferences.Change.AspectRatio(orDefault(ratio))));
        option(event, "size").ifPresent(size -> changes.add(new Preferences.Change.ImageSize(orDefault(size))));
        List<String> notes = new ArrayList<>();
        Optional<String> count = option(event, COUNT);
        if (count.isPresent()) {
            // Read as typed: a client that ignores the option's range may send any integer.
            switch (TypedNumber.variations(count.get())) {
                case TypedNumber.Valid valid ->
                    changes.add(new Preferences.Change.Variations(OptionalInt.of((int) valid.value())));
                case TypedNumber.Invalid invalid -> {
                    event.reply(texts.numberProblem(invalid)).setEphemeral(true).queue();
                    return;
                }
            }
        }
        OptionMapping privately = event.getOption("private");
        if (privately != null) {
            changes.add(new Preferences.Change.PrivateResults(privately.getAsBoolean()));
        }
        Preferences.Shown shown;
        switch (preferences.change(DiscordDelivery.PLATFORM, event.getUser().getId(), changes)) {
            case Preferences.Changed.Saved saved -> {
                shown = saved.shown();
                if (privately != null) {
                    notes.add(texts.privateResults(privately.getAsBoolean()));
                }
            }
            case Preferences.Changed.Refused refused -> {
                shown = refused.shown();
                notes.add(texts.settingRefused(refused.problem()));
            }
            case Preferences.Changed.NotYours ignored -> throw new IllegalStateException("a user's own settings");
        }
        OptionMapping remix = event.getOption("remix");
        OptionMapping remixRole = event.getOption(REMIX_ROLE);
        if (remix != null || remixRole != null) {
            boolean on = remix == null || remix.getAsBoolean();
            // The @everyone role (its id is the server's) is everyone: no role needed.
            boolean everyone = remixRole != null
                    && event.getGuild() != null
                    && remixRole.getAsString().equals(event.getGuild().getId());
            Optional<String> role =
                    on && remixRole != null && !everyone ? Optional.of(remixRole.getAsString()) : Optional.empty();
            notes.add(texts.managed(
                    gallery.setRemix(Origins.of(event), GalleryCommand.standing(event), on, role),
                    "",
                    texts.remixRole(GalleryCommand.role(role))));
        }
        OptionMapping autoShare = event.getOption(AUTO_SHARE);
        if (autoShare != null) {
            notes.add(texts.managed(
                    gallery.setAutoShare(Origins.of(event), GalleryCommand.standing(event), autoShare.getAsBoolean()),
                    "",
                    ""));
        }
        shown.unused().forEach(unused -> notes.add(texts.unusedDefault(unused)));
        if (shown.variations() > 1) {
            notes.addFirst(texts.settingsVariations(shown.variations()));
        }
        notes.addFirst(texts.settingsTitle(shown.model(), shown.aspectRatio(), shown.imageSize()));
        event.reply(String.join("\n", notes)).setEphemeral(true).queue();
    }

    private static Optional<String> orDefault(String value) {
        return value.equals(DEFAULT) ? Optional.empty() : Optional.of(value);
    }
}
