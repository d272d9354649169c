package dev.redraw.telegram;

import dev.redraw.core.admin.AdminAnswer;
import dev.redraw.core.admin.AdminCommand;
import dev.redraw.core.admin.AdminRequests;
import dev.redraw.core.admin.Administration;
import dev.redraw.core.conversation.MessageRef;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * /admin for the bot's administrators: {@code /admin ban telegram:42}, {@code /admin grant 20} in
 * reply to someone, {@code /admin pause} … A reply names the user it answers; a reply to one of the
 * bot's results names who asked for it, looked up in this chat only. Nobody else learns what the
 * command can do: they are told it is for administrators. Status and reload answer only in a
 * private chat with the bot.
 */
record AdministrationCommand(Administration admin, UpdateHandler.Bot bot) implements TelegramCommand {

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public void run(CommandContext context) throws TelegramApiException {
        var texts = context.texts().admin();
        var origin = context.origin();
        if (!admin.isAdmin(origin)) {
            context.reply(texts.answer(new AdminAnswer.NotAdmin()));
            return;
        }
        switch (AdminRequests.parse(context.rest(), replied(context.message()))) {
            case AdminRequests.Command command -> {
                if (!context.message().isUserMessage() && revealing(command.command())) {
                    // The bans, the providers and the file's mistakes are for the administrator's eyes.
                    context.reply(texts.privateOnly());
                } else {
                    // The message itself: handled again after a crash, it grants nothing twice.
                    var request =
                            Optional.of(UpdateHandler.PLATFORM + ":" + context.chat() + ":" + context.messageId());
                    context.reply(texts.answer(admin.run(origin, command.command(), request)));
                }
            }
            case AdminRequests.Problem problem -> context.reply(texts.problem(problem));
        }
    }

    /** Whether the answer tells more than a group should see. */
    private static boolean revealing(AdminCommand command) {
        return command instanceof AdminCommand.Status || command instanceof AdminCommand.Reload;
    }

    /**
     * Whom the command's message replies to: a user, or the one a result of the bot's was made for.
     * Not the message that opened a forum topic (every message in a topic carries it), and not a
     * post made in a chat's name (a channel, an anonymous group administrator), whose sender is an
     * account Telegram shares between everyone posting that way.
     */
    private Optional<AdminCommand.Target> replied(Message message) {
        Message target = message.getReplyToMessage();
        if (target == null || target.getFrom() == null) {
            return Optional.empty();
        }
        if (target.hasForumTopicCreated() || target.getSenderChat() != null) {
            return Optional.empty();
        }
        if (target.getFrom().getId() == bot.id()) {
            return Optional.of(new AdminCommand.AuthorOf(new MessageRef(
                    UpdateHandler.PLATFORM,
                    Long.toString(target.getChatId()),
                    Integer.toString(target.getMessageId()))));
        }
        return Optional.of(new AdminCommand.User(
                UpdateHandler.PLATFORM + ":" + target.getFrom().getId()));
    }
}
