package dev.redraw.discord;

import dev.redraw.core.request.Generate;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.OptionalLong;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;

/** The edit modal of a result's turn: continues that turn, if the user may still act on the result. */
final class EditTurnModal implements ModalHandler {

    static final String PREFIX = "edit:";

    private final ResultPress press;
    private final Submitter submitter;
    private final UserPreferences users;

    EditTurnModal(ResultPress press, Submitter submitter, UserPreferences users) {
        this.press = press;
        this.submitter = submitter;
        this.users = users;
    }

    /** The modal id for editing {@code turn}, shown in message {@code messageId}. */
    static String id(String messageId, long turn) {
        return PREFIX + messageId + ":" + turn;
    }

    @Override
    public String prefix() {
        return PREFIX;
    }

    @Override
    public void onModal(ModalInteractionEvent event, Messages texts) {
        var form = EditForm.Submitted.defer(event, PREFIX, users);
        // The turn is checked against the message again, as if its Edit button were pressed.
        String[] where = form.target().split(":", 2);
        String data = ResultButtons.EDIT + (where.length > 1 ? where[1] : "");
        press.answer(
                        event,
                        where[0],
                        data,
                        texts,
                        refusal -> form.hook().editOriginal(refusal).queue())
                .ifPresent(answer -> submitter.submit(
                        event,
                        form.hook(),
                        texts,
                        new Submitter.Ask(
                                OptionalLong.of(answer.id()), form.instruction(), List.of(), Generate.Options.NONE)));
    }
}
