package dev.redraw.telegram;

import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** A complete album: its caption (on whichever item has one) asks for the fusion of its images. */
record AlbumRequests(UpdateHandler.Bot bot, ImageRequests requests, Replies replies) {

    private static final Logger LOG = LoggerFactory.getLogger(AlbumRequests.class);

    /** Hands the album in when it is addressed to the bot; nothing escapes, a failure is told. */
    void handle(List<Message> items) {
        Message first = items.getFirst();
        Messages texts = UserLanguages.spoken(first.getFrom());
        String caption = items.stream()
                .map(Message::getCaption)
                .filter(c -> c != null && !c.isBlank())
                .findFirst()
                .orElse("");
        Optional<Incoming.Command> command;
        switch (Incoming.leading(caption, bot.username())) {
            case Incoming.Leading.OtherBots ignored -> {
                return;
            }
            case Incoming.Leading.Ours ours -> command = Optional.of(ours.command());
            case Incoming.Leading.NoCommand ignored -> command = Optional.empty();
        }
        boolean addressed = first.isUserMessage() || command.isPresent() || Incoming.mentions(caption, bot.username());
        if (!addressed) {
            return;
        }
        String prompt = command.map(Incoming.Command::rest).orElse(Incoming.withoutMention(caption, bot.username()));
        try {
            requests.request(first, OptionalLong.empty(), prompt, items, texts);
        } catch (TelegramApiException | RuntimeException e) {
            LOG.error("album in chat {} failed", first.getChatId(), e);
            replies.tell(first.getChatId(), first.getMessageId(), Failures.text(texts, Failures.fromStorage(e)));
        }
    }
}
