package dev.redraw.discord;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import java.util.function.Consumer;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.interactions.Interaction;

/**
 * Whether a user may act on a result through a button (or a modal opened from one): the core checks
 * the turn named in the button's data against the message the button is on, and who pressed it.
 */
final class ResultPress {

    private final ResultActions results;

    ResultPress(ResultActions results) {
        this.results = results;
    }

    /**
     * The result's answer turn, or empty when the press is refused, after {@code refuse} was given
     * the words for it.
     */
    Optional<Turn> answer(
            Interaction interaction, String messageId, String data, Messages texts, Consumer<String> refuse) {
        var pressed = new MessageRef(DiscordDelivery.PLATFORM, interaction.getChannelId(), messageId);
        switch (results.press(Origins.of(interaction), pressed, data, Members.of(interaction.getMember()))) {
            case ResultActions.Press.Allowed allowed -> {
                return Optional.of(allowed.answer());
            }
            case ResultActions.Press.NotAllowed ignored -> refuse.accept(texts.remixNotAllowed());
            case ResultActions.Press.Gone ignored -> refuse.accept(texts.imageGone());
            case ResultActions.Press.Forged ignored -> refuse.accept(texts.imageGone());
        }
        return Optional.empty();
    }

    /** The same for a button under a result, answering a refusal with a message only the presser sees. */
    Optional<Turn> answer(ButtonInteractionEvent event, Messages texts) {
        return answer(
                event,
                event.getMessageId(),
                event.getComponentId(),
                texts,
                refusal -> event.reply(refusal).setEphemeral(true).queue());
    }
}
