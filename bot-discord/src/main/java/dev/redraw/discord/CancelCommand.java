package dev.redraw.discord;

import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/** /cancel: cancels one of the user's jobs by its number. */
final class CancelCommand implements SlashCommand {

    private final RequestDesk desk;

    CancelCommand(RequestDesk desk) {
        this.desk = desk;
    }

    @Override
    public String name() {
        return "cancel";
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        OptionMapping job = event.getOption("job");
        String answer = job == null
                ? texts.nothingToCancel()
                : texts.cancelResult(desk.cancel(job.getAsLong(), Origins.of(event)), job.getAsLong());
        event.reply(answer).setEphemeral(true).queue();
    }
}
