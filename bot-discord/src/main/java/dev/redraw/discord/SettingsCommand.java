package dev.redraw.discord;

import static dev.redraw.discord.SlashCommand.option;

import dev.redraw.core.request.GenerationService;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/** /settings: changes the defaults given as options, then shows them; the remix switch needs Manage Server. */
final class SettingsCommand implements SlashCommand {

    private final SettingsStore settings;
    private final GenerationService generation;

    SettingsCommand(SettingsStore settings, GenerationService generation) {
        this.settings = settings;
        this.generation = generation;
    }

    @Override
    public String name() {
        return "settings";
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        String user = event.getUser().getId();
        UserSettings current = settings.user(DiscordDelivery.PLATFORM, user);
        UserSettings changed = current.withAspectRatio(option(event, "ratio").or(current::aspectRatio))
                .withModel(option(event, "model").or(current::model));
        List<String> notes = new ArrayList<>();
        OptionMapping privately = event.getOption("private");
        if (privately != null) {
            changed = changed.withPrivateResults(privately.getAsBoolean());
            notes.add(texts.privateResults(privately.getAsBoolean()));
        }
        settings.saveUser(DiscordDelivery.PLATFORM, user, changed);
        OptionMapping remix = event.getOption("remix");
        if (remix != null) {
            notes.add(remix(event, remix.getAsBoolean(), texts));
        }
        notes.addFirst(texts.settingsTitle(
                changed.model().orElse(generation.models().getFirst()), changed.aspectRatio(), changed.imageSize()));
        event.reply(String.join("\n", notes)).setEphemeral(true).queue();
    }

    private String remix(SlashCommandInteractionEvent event, boolean allowed, Messages texts) {
        var member = event.getMember();
        if (member == null || !member.hasPermission(Permission.MANAGE_SERVER)) {
            return texts.notAdmin();
        }
        settings.setRemixAllowed(DiscordDelivery.PLATFORM, event.getGuild().getId(), allowed);
        return allowed ? texts.remixOn() : texts.remixOff();
    }
}
