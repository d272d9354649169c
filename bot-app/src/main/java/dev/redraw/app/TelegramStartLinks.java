package dev.redraw.app;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The Telegram links that open a private chat with the bot at a {@code start} token, {@code
 * https://t.me/<bot>?start=<token>}. The bot's name is known once Telegram has started; until then,
 * and without Telegram, there is no link.
 */
final class TelegramStartLinks implements Function<String, Optional<String>> {

    private volatile Supplier<Optional<String>> botName = Optional::empty;

    /** Takes the bot's name from {@code name} from now on. */
    void nameFrom(Supplier<Optional<String>> name) {
        this.botName = name;
    }

    @Override
    public Optional<String> apply(String token) {
        return botName.get().map(name -> "https://t.me/" + name + "?start=" + token);
    }
}
