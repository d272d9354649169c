package dev.redraw.telegram;

import java.util.List;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /imagine PROMPT: a new image, from the prompt and the image the message carries, if any. */
record ImagineCommand(ImageRequests requests) implements TelegramCommand {

    @Override
    public String name() {
        return "imagine";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        if (context.rest().isBlank()) {
            context.reply(context.texts().imagineUsage());
            return;
        }
        requests.request(
                context.message(), OptionalLong.empty(), context.rest(), List.of(context.message()), context.texts());
    }
}
