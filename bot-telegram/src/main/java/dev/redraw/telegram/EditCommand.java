package dev.redraw.telegram;

import java.util.List;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /edit answers a photo: the bot's continues its branch, a user's is edited. */
record EditCommand(UpdateHandler.Bot bot, ImageRequests requests) implements TelegramCommand {

    @Override
    public String name() {
        return "edit";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        Message message = context.message();
        Message target = message.getReplyToMessage();
        if (target == null) {
            context.reply(context.texts().editNeedsReply());
            return;
        }
        boolean botImage = target.getFrom() != null && target.getFrom().getId() == bot.id();
        if (botImage) {
            requests.continueBranch(message, target, context.rest(), context.texts());
        } else if (Incoming.image(target).isPresent()) {
            requests.request(message, OptionalLong.empty(), context.rest(), List.of(target), context.texts());
        } else {
            context.reply(context.texts().editNeedsReply());
        }
    }
}
