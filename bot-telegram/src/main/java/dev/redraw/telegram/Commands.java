package dev.redraw.telegram;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChatMember;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** The bot's commands: /start, /help, /imagine, /edit, /settings, /usage, /cancel, /forget, /remix. */
record Commands(
        UpdateHandler.Bot bot,
        TelegramApi api,
        Replies replies,
        ChatServices core,
        StatusMessages statuses,
        PostingChats posting) {

    /** Ratios offered in /settings; any ratio a model takes can still be typed with --ar. */
    static final List<String> SETTINGS_RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3");

    static final List<String> SETTINGS_SIZES = List.of("1K", "2K", "4K");

    void run(Incoming.Command command, Message message, Messages texts, UpdateHandler handler)
            throws TelegramApiException {
        long chat = message.getChatId();
        int id = message.getMessageId();
        switch (command.name()) {
            case "start" -> replies.reply(chat, id, texts.welcome(bot.username()));
            case "help" -> replies.reply(chat, id, texts.help(bot.username()));
            case "imagine" -> imagine(command, message, texts, handler);
            case "edit" -> edit(command, message, texts, handler);
            case "settings" -> settingsMenu(message, texts);
            case "usage" ->
                replies.reply(chat, id, texts.usage(core.desk().usage(UpdateHandler.origin(chat, message.getFrom()))));
            case "cancel" -> cancel(command, message, texts);
            case "forget" ->
                api.execute(SendMessage.builder()
                        .chatId(chat)
                        .text(texts.forgetConfirm())
                        .replyParameters(ReplyParameters.builder().messageId(id).build())
                        .replyMarkup(Replies.keyboard(List.of(List.of(
                                Replies.button(texts.forgetButton(), CallbackHandler.FORGET_YES),
                                Replies.button(texts.keepButton(), CallbackHandler.FORGET_NO)))))
                        .build());
            case "remix" -> remix(command, message, texts);
            default -> {
                if (message.isUserMessage()) {
                    replies.reply(chat, id, texts.help(bot.username()));
                }
            }
        }
    }

    private void imagine(Incoming.Command command, Message message, Messages texts, UpdateHandler handler)
            throws TelegramApiException {
        if (command.rest().isBlank()) {
            replies.reply(message.getChatId(), message.getMessageId(), texts.imagineUsage());
            return;
        }
        handler.request(message, OptionalLong.empty(), command.rest(), List.of(message), texts);
    }

    /** /edit answers a photo: the bot's continues its branch, a user's is edited. */
    private void edit(Incoming.Command command, Message message, Messages texts, UpdateHandler handler)
            throws TelegramApiException {
        Message target = message.getReplyToMessage();
        if (target == null) {
            replies.reply(message.getChatId(), message.getMessageId(), texts.editNeedsReply());
            return;
        }
        boolean botImage = target.getFrom() != null && target.getFrom().getId() == bot.id();
        if (botImage) {
            handler.continueBranch(message, target, command.rest(), texts);
        } else if (Incoming.image(target).isPresent()) {
            handler.request(message, OptionalLong.empty(), command.rest(), List.of(target), texts);
        } else {
            replies.reply(message.getChatId(), message.getMessageId(), texts.editNeedsReply());
        }
    }

    /** /cancel N, or /cancel in reply to a job's status message. */
    private void cancel(Incoming.Command command, Message message, Messages texts) throws TelegramApiException {
        OptionalLong job = OptionalLong.empty();
        if (command.rest().matches("#?\\d+")) {
            job = OptionalLong.of(Long.parseLong(command.rest().replace("#", "")));
        } else if (message.getReplyToMessage() != null) {
            int status = message.getReplyToMessage().getMessageId();
            job = statuses.jobOf(message.getChatId(), status);
            if (job.isEmpty() && posting.settle(message.getChatId())) {
                // The reply may have overtaken the bookkeeping of a status message just posted.
                job = statuses.jobOf(message.getChatId(), status);
            }
        }
        String answer = job.isEmpty()
                ? texts.nothingToCancel()
                : texts.cancelResult(
                        core.desk()
                                .cancel(job.getAsLong(), UpdateHandler.origin(message.getChatId(), message.getFrom())),
                        job.getAsLong());
        replies.reply(message.getChatId(), message.getMessageId(), answer);
    }

    void settingsMenu(Message message, Messages texts) throws TelegramApiException {
        String user = Long.toString(message.getFrom().getId());
        api.execute(SendMessage.builder()
                .chatId(message.getChatId())
                .text(settingsText(core.settings().user(UpdateHandler.PLATFORM, user), texts))
                .replyParameters(ReplyParameters.builder()
                        .messageId(message.getMessageId())
                        .build())
                .replyMarkup(Replies.keyboard(settingsRows()))
                .build());
    }

    String settingsText(UserSettings current, Messages texts) {
        return texts.settingsTitle(
                current.model().orElse(core.generation().models().getFirst()),
                current.aspectRatio(),
                current.imageSize());
    }

    private List<List<InlineKeyboardButton>> settingsRows() {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        for (String model : core.generation().models()) {
            rows.add(List.of(Replies.button("🎨 " + model, CallbackHandler.SET_MODEL + model)));
        }
        rows.add(SETTINGS_RATIOS.stream()
                .map(r -> Replies.button(r, CallbackHandler.SET_RATIO + r))
                .toList());
        rows.add(SETTINGS_SIZES.stream()
                .map(s -> Replies.button(s, CallbackHandler.SET_SIZE + s))
                .toList());
        rows.add(List.of(
                Replies.button("auto", CallbackHandler.SET_RATIO + "auto"),
                Replies.button("size auto", CallbackHandler.SET_SIZE + "auto")));
        return rows;
    }

    /** /remix on|off: whether everyone in a group may use the buttons under results; chat admins only. */
    private void remix(Incoming.Command command, Message message, Messages texts) throws TelegramApiException {
        long chat = message.getChatId();
        if (message.isUserMessage() || !isChatAdmin(chat, message.getFrom().getId())) {
            replies.reply(chat, message.getMessageId(), texts.notAdmin());
            return;
        }
        boolean on = !command.rest().equalsIgnoreCase("off");
        core.settings().setRemixAllowed(UpdateHandler.PLATFORM, Long.toString(chat), on);
        replies.reply(chat, message.getMessageId(), on ? texts.remixOn() : texts.remixOff());
    }

    private boolean isChatAdmin(long chat, long user) {
        try {
            String status = api.execute(
                            GetChatMember.builder().chatId(chat).userId(user).build())
                    .getStatus();
            return status.equals("creator") || status.equals("administrator");
        } catch (TelegramApiException e) {
            return false;
        }
    }

    /** A posted result's message, resolved to the turn it shows. */
    OptionalLong turnOf(long chat, int messageId) {
        return core.conversations()
                .resolve(new MessageRef(UpdateHandler.PLATFORM, Long.toString(chat), Integer.toString(messageId)));
    }
}
