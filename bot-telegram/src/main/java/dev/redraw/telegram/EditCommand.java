package dev.redraw.telegram;

import java.util.List;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** /edit answers a photo: the bot's continues its branch, a user's is edited. */
final class EditCommand implements TelegramCommand {

    private final UpdateHandler.Bot bot;
    private final ImageRequests requests;

    EditCommand(UpdateHandler.Bot bot, ImageRequests requests) {
        this.bot = bot;
        this.requests = requests;
    }

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
