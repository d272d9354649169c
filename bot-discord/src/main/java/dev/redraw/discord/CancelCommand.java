package dev.redraw.discord;

import dev.redraw.core.request.CancelChoice;
import dev.redraw.core.request.ChatCancel;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.util.List;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * /cancel job:N cancels one of the user's jobs by its number; a bare /cancel cancels the user's one
 * request in progress in the channel, or asks which with a button each ({@link CancelButtons}).
 */
final class CancelCommand implements SlashCommand {

    /** Discord puts at most five buttons in a row. */
    static final int BUTTONS_PER_ROW = 5;

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
        if (job != null) {
            // Read as typed: a client that ignores the option's range may send any integer.
            String answer = switch (TypedNumber.parse(job.getAsString(), TypedNumber.Kind.JOB)) {
                case TypedNumber.Valid valid ->
                    texts.cancelResult(desk.cancel(valid.value(), Origins.of(event)), valid.value());
                case TypedNumber.Invalid invalid -> texts.numberProblem(invalid);
            };
            event.reply(answer).setEphemeral(true).queue();
            return;
        }
        switch (desk.cancelInChat(Origins.of(event))) {
            case ChatCancel.Nothing nothing ->
                event.reply(texts.nothingToCancel()).setEphemeral(true).queue();
            case ChatCancel.Done done ->
                event.reply(texts.cancelResult(done.result(), done.jobId()))
                        .setEphemeral(true)
                        .queue();
            case ChatCancel.Choose choose ->
                event.reply(texts.cancelWhich(choose.total()))
                        .setEphemeral(true)
                        .setComponents(rows(texts, choose.choices()))
                        .queue();
        }
    }

    private static List<ActionRow> rows(Messages texts, List<CancelChoice> choices) {
        List<Button> buttons = choices.stream()
                .map(choice -> Button.danger(CancelButtons.PREFIX + choice.jobId(), texts.cancelChoice(choice)))
                .toList();
        return IntStream.range(0, (buttons.size() + BUTTONS_PER_ROW - 1) / BUTTONS_PER_ROW)
                .mapToObj(row -> ActionRow.of(
                        buttons.subList(row * BUTTONS_PER_ROW, Math.min(buttons.size(), (row + 1) * BUTTONS_PER_ROW))))
                .toList();
    }
}
