package dev.redraw.discord;

import static dev.redraw.discord.SlashCommand.option;

import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import net.dv8tion.jda.api.Permission;
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

    private final Preferences preferences;

    SettingsCommand(Preferences preferences) {
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
        if (remix != null) {
            notes.add(remix(event, remix.getAsBoolean(), texts));
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

    private String remix(SlashCommandInteractionEvent event, boolean allowed, Messages texts) {
        var member = event.getMember();
        Preferences.ChatRole role;
        if (member == null || event.getGuild() == null) {
            role = Preferences.ChatRole.PRIVATE_CHAT;
        } else {
            role = member.hasPermission(Permission.MANAGE_SERVER)
                    ? Preferences.ChatRole.ADMIN
                    : Preferences.ChatRole.MEMBER;
        }
        return switch (preferences.switchRemix(Origins.of(event), role, allowed)) {
            case Preferences.RemixSwitch.Switched switched -> switched.allowed() ? texts.remixOn() : texts.remixOff();
            case Preferences.RemixSwitch.NotAdmin ignored -> texts.notAdmin();
            case Preferences.RemixSwitch.PrivateChat ignored -> texts.notAdmin();
        };
    }
}
