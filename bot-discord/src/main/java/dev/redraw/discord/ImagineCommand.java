package dev.redraw.discord;

import static dev.redraw.discord.SlashCommand.option;

import dev.redraw.core.request.Generate;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/** /imagine and /blend: a prompt with up to five images, deferred and edited into the job's result. */
final class ImagineCommand implements SlashCommand {

    private final String name;
    private final Submitter submitter;
    private final UserPreferences users;

    ImagineCommand(String name, Submitter submitter, UserPreferences users) {
        this.name = name;
        this.submitter = submitter;
        this.users = users;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        InteractionHook hook = users.defer(event);
        List<Message.Attachment> files = new ArrayList<>();
        for (int i = 1; i <= CommandDefinitions.MAX_IMAGES; i++) {
            Optional.ofNullable(event.getOption("image" + i))
                    .map(OptionMapping::getAsAttachment)
                    .ifPresent(files::add);
        }
        var options = new Generate.Options(option(event, "model"), option(event, "ratio"), Optional.empty());
        submitter.submit(
                event,
                hook,
                texts,
                new Submitter.Ask(OptionalLong.empty(), option(event, "prompt").orElse(""), files, options));
    }
}
