package dev.redraw.telegram;

import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * The bot's buttons by the prefix of their callback data: Reroll, Edit and Original under results;
 * /settings choices; /forget's confirmation. A press of anything else is answered and left alone.
 */
final class TelegramButtons {

    private final UserLanguages languages;
    private final Replies replies;
    private final Map<String, TelegramButton> byPrefix;

    TelegramButtons(UserLanguages languages, Replies replies, List<TelegramButton> buttons) {
        this.languages = languages;
        this.replies = replies;
        this.byPrefix =
                buttons.stream().collect(Collectors.toUnmodifiableMap(TelegramButton::prefix, Function.identity()));
        for (String prefix : byPrefix.keySet()) {
            for (String other : byPrefix.keySet()) {
                if (!prefix.equals(other) && other.startsWith(prefix)) {
                    throw new IllegalArgumentException("button prefix " + prefix + " starts " + other);
                }
            }
        }
    }

    void handle(CallbackQuery query) throws TelegramApiException {
        Messages texts = languages.of(query.getFrom());
        String data = query.getData() == null ? "" : query.getData();
        MaybeInaccessibleMessage message = query.getMessage();
        if (message == null || message.getChat() != null && message.getChat().isChannelChat()) {
            // In a channel (a gallery) the bot posts links only: no press there acts, whatever its data.
            replies.answer(query.getId(), texts.imageGone());
            return;
        }
        var press = new ButtonPress(query, data, message, texts, replies);
        TelegramButton button = byPrefix.entrySet().stream()
                .filter(entry -> data.startsWith(entry.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        if (button == null) {
            press.answer("");
        } else {
            button.press(press);
        }
    }
}
