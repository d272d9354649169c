package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.settings.Memberships;
import dev.redraw.core.settings.RemixRules;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may press the buttons under a result (Reroll, Edit, Original), and on what. A button acts only
 * on the turn of the message it is attached to, in the chat where it was pressed: the turn is found
 * through the pressed message's link, never taken from the button's data alone. Data that names
 * another turn than the pressed message's is refused, so a forged press cannot reach another chat's
 * images. Others than the result's owner may press, or reply to continue it, only where the chat allows
 * remixing.
 */
public final class ResultActions {

    private static final Logger LOG = LoggerFactory.getLogger(ResultActions.class);

    private final ConversationStore conversations;
    private final RemixRules remixRules;

    public ResultActions(ConversationStore conversations, RemixRules remixRules) {
        this.conversations = Objects.requireNonNull(conversations);
        this.remixRules = Objects.requireNonNull(remixRules);
    }

    /** What a press may act on. */
    public sealed interface Press {
        /** The press or reply is allowed; {@code answer} is the turn the pressed or replied-to message shows. */
        record Allowed(Turn answer) implements Press {}

        /** The pressed message shows no result the bot still knows (deleted, forgotten, or not a result). */
        record Gone() implements Press {}

        /** The button's data does not match the message it was pressed under. */
        record Forged() implements Press {}

        /** Someone else's result, in a chat that does not allow remixing. */
        record NotAllowed() implements Press {}
    }

    /**
     * Checks a press of a result button.
     *
     * @param presser who pressed, and in which chat
     * @param pressed the message the button is attached to; its chat must be the presser's
     * @param buttonData the button's data as the client sent it, such as {@code r:42}
     */
    public Press press(Origin presser, MessageRef pressed, String buttonData) {
        return press(presser, pressed, buttonData, Memberships.NONE);
    }

    /**
     * Checks a press of a result button, where the community's remix rule may name a role: {@code
     * who} says whether the presser holds it.
     */
    public Press press(Origin presser, MessageRef pressed, String buttonData, Memberships who) {
        if (!pressed.platform().equals(presser.platform()) || !pressed.chatId().equals(presser.chatId())) {
            LOG.warn("a press in chat {} named a message of chat {}; refused", presser.chatId(), pressed.chatId());
            return new Press.Forged();
        }
        OptionalLong named = ResultButtons.turn(buttonData);
        OptionalLong shown = conversations.resolve(pressed);
        if (shown.isEmpty()) {
            return new Press.Gone();
        }
        OptionalLong acted = actedOn(named, shown.getAsLong(), pressed);
        if (acted.isEmpty()) {
            LOG.warn(
                    "a press under message {} in chat {} named turn {} but the message shows turn {}; refused",
                    pressed.messageId(),
                    pressed.chatId(),
                    named.isEmpty() ? "none" : Long.toString(named.getAsLong()),
                    shown.getAsLong());
            return new Press.Forged();
        }
        Optional<Turn> answer = conversations.find(acted.getAsLong());
        if (answer.isEmpty()) {
            return new Press.Gone();
        }
        return mayUse(presser, answer.get(), who) ? new Press.Allowed(answer.get()) : new Press.NotAllowed();
    }

    /**
     * Checks an action on a result message that carries no data of its own, such as a context menu
     * opened on it: the message must be in the actor's chat, and the same rules as for a press of
     * its buttons apply. {@link Press.Gone} also stands for a message that shows no result.
     *
     * @param actor who acts, and in which chat
     * @param shown the message acted on; its chat must be the actor's
     */
    public Press open(Origin actor, MessageRef shown) {
        return open(actor, shown, Memberships.NONE);
    }

    /** {@link #open(Origin, MessageRef)}, where {@code who} says which roles the actor holds. */
    public Press open(Origin actor, MessageRef shown, Memberships who) {
        if (!shown.platform().equals(actor.platform()) || !shown.chatId().equals(actor.chatId())) {
            LOG.warn("an action in chat {} named a message of chat {}; refused", actor.chatId(), shown.chatId());
            return new Press.Forged();
        }
        Optional<Turn> turn = shownBy(shown);
        if (turn.isEmpty()) {
            return new Press.Gone();
        }
        return mayUse(actor, turn.get(), who) ? new Press.Allowed(turn.get()) : new Press.NotAllowed();
    }

    /**
     * Why an edit of {@code shown}, a turn {@link #open} or {@link #replyTarget} allowed, cannot start
     * yet: the message shows several images (it stands for their request) and the user must say
     * which one; empty when it shows one.
     */
    public Optional<Refusal> choiceNeeded(Turn shown) {
        return VariationChoice.needed(conversations, shown);
    }

    /**
     * The turn a message of the bot shows: the turn linked to it, or, for a message recorded as
     * showing several variations of which only one was made, that one; empty when it shows none.
     */
    private Optional<Turn> shownBy(MessageRef message) {
        OptionalLong linked = conversations.resolve(message);
        if (linked.isEmpty()) {
            return Optional.empty();
        }
        Optional<Turn> turn = conversations.find(linked.getAsLong());
        if (turn.isPresent() && showsSeveral(message, turn.get().id())) {
            // With several, the turn stays the request's: the caller asks which image is meant.
            List<Turn> answers = conversations.children(turn.get().id()).stream()
                    .filter(child -> child.role() == Role.MODEL)
                    .toList();
            if (answers.size() == 1) {
                return Optional.of(answers.getFirst());
            }
        }
        return turn;
    }

    /**
     * The turn a button naming {@code named} acts on under a message showing turn {@code shown}:
     * that turn itself, or, under a message showing several variations (linked to their request, a
     * user turn), one of the request's answers, never the request itself; empty when the button
     * names anything else.
     */
    private OptionalLong actedOn(OptionalLong named, long shown, MessageRef pressed) {
        if (named.isEmpty()) {
            return OptionalLong.empty();
        }
        boolean matches =
                showsSeveral(pressed, shown) ? answersRequest(named.getAsLong(), shown) : named.getAsLong() == shown;
        return matches ? named : OptionalLong.empty();
    }

    /**
     * Whether {@code message} shows several variations of request {@code request} (it was recorded
     * as such), rather than one turn: a user's own prompt message is linked to its request too.
     */
    private boolean showsSeveral(MessageRef message, long request) {
        return conversations.sharedLinks(request).contains(message);
    }

    /** Whether turn {@code answer} is a model turn answering user turn {@code request}. */
    private boolean answersRequest(long answer, long request) {
        Optional<Turn> named = conversations.find(answer);
        return named.isPresent()
                && named.get().role() == Role.MODEL
                && named.get().parentId().equals(OptionalLong.of(request));
    }

    /** The chat or server whose remix switch applies: the Discord server, else the chat. */
    public static String community(Origin origin) {
        return origin.community();
    }

    /**
     * What a reply may continue: the turn linked to the replied-to message, looked up only within the
     * chat the reply was sent in. Like a press, continuing someone else's turn needs the chat's remix
     * switch; a reply to a message of another chat is {@link Press.Forged}, to a message that shows no
     * turn {@link Press.Gone}.
     */
    public Press replyTarget(Origin replier, String repliedToChatId, String repliedToMessageId) {
        return replyTarget(replier, repliedToChatId, repliedToMessageId, Memberships.NONE);
    }

    /** {@link #replyTarget(Origin, String, String)}, where {@code who} says which roles the replier holds. */
    public Press replyTarget(Origin replier, String repliedToChatId, String repliedToMessageId, Memberships who) {
        if (!repliedToChatId.equals(replier.chatId())) {
            return new Press.Forged();
        }
        Optional<Turn> turn = shownBy(new MessageRef(replier.platform(), replier.chatId(), repliedToMessageId));
        if (turn.isEmpty()) {
            return new Press.Gone();
        }
        return mayUse(replier, turn.get(), who) ? new Press.Allowed(turn.get()) : new Press.NotAllowed();
    }

    /**
     * Whether {@code user} may act on {@code turn}: their own, or anyone's where both the community
     * it is acted on in and the one it was made in allow them to remix (the switch is on, and they
     * hold the role the rule names, if any).
     */
    private boolean mayUse(Origin user, Turn turn, Memberships who) {
        boolean owner = turn.origin().platform().equals(user.platform())
                && turn.origin().userId().equals(user.userId());
        if (owner) {
            return true;
        }
        // Where the result was made decides too: a gallery elsewhere does not open it to more people.
        String here = community(user);
        String made = turn.origin().community();
        return remixRules.allows(user.platform(), here, who)
                && (made.equals(here)
                        || !turn.origin().platform().equals(user.platform())
                        || remixRules.allows(user.platform(), made, who));
    }
}
