package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;

/** /forget: asks whether to delete the user's conversations; {@link ForgetButtons} acts on the answer. */
final class ForgetCommand implements SlashCommand {

    @Override
    public String name() {
        return "forget";
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        event.reply(texts.forgetConfirm())
                .setEphemeral(true)
                .setComponents(ActionRow.of(
                        Button.danger(ForgetButtons.YES, texts.forgetButton()),
                        Button.secondary(ForgetButtons.NO, texts.keepButton())))
                .queue();
    }
}
