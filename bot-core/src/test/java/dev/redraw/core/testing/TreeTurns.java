package dev.redraw.core.testing;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.NewTurn;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import java.awt.Color;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Conversation trees written straight to the stores: requests, answers with images of their own, and the messages that show them. */
public final class TreeTurns {

    private final ConversationStore conversations;
    private final ImageStore images;
    private int colour;

    public TreeTurns(ConversationStore conversations, ImageStore images) {
        this.conversations = conversations;
        this.images = images;
    }

    /** A request of {@code who}, under {@code parent} or as a new conversation. */
    public Turn ask(Origin who, OptionalLong parent, String prompt) {
        return conversations.append(new NewTurn(
                parent, Role.USER, List.of(new Part.Text(prompt)), who, Optional.of("m"), Optional.empty()));
    }

    /** The answer to {@code request}, a 640 × 480 image of its own, posted as {@code message} in the request's chat. */
    public Turn answer(Turn request, String message) {
        return answer(request, message, 640, 480);
    }

    /** The same with an image of {@code width} × {@code height}. */
    public Turn answer(Turn request, String message, int width, int height) {
        byte[] png = TestImages.png(width, height, new Color(0x102030 + 0x10101 * colour++));
        ImageRef image = images.put(png, "image/png", width, height);
        Turn turn = conversations.append(new NewTurn(
                OptionalLong.of(request.id()),
                Role.MODEL,
                List.of(new Part.Image(image)),
                request.origin(),
                Optional.of("gemini-2.5-flash-image"),
                Optional.empty()));
        conversations.link(
                new MessageRef(request.origin().platform(), request.origin().chatId(), message), turn.id());
        return turn;
    }

    /** A request of {@code who} continuing {@code of}, and its answer posted as {@code message}. */
    public Turn edit(Origin who, Turn of, String prompt, String message) {
        return answer(ask(who, OptionalLong.of(of.id()), prompt), message);
    }
}
