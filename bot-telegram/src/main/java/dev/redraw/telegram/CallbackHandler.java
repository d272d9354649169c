package dev.redraw.telegram;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.request.Submission;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.ForceReplyKeyboard;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** The buttons: Reroll, Edit and Original under results; /settings choices; /forget's confirmation. */
record CallbackHandler(
        TelegramApi api,
        ChatServices core,
        Delivery delivery,
        Commands commands,
        java.util.function.Function<org.telegram.telegrambots.meta.api.objects.User, Messages> texts) {

    static final String SET_MODEL = "s:m:";
    static final String SET_RATIO = "s:r:";
    static final String SET_SIZE = "s:z:";
    static final String FORGET_YES = "f:y";
    static final String FORGET_NO = "f:n";

    void handle(CallbackQuery query) throws TelegramApiException {
        Messages t = texts.apply(query.getFrom());
        String data = query.getData() == null ? "" : query.getData();
        MaybeInaccessibleMessage message = query.getMessage();
        if (message == null) {
            answer(query, t.imageGone());
            return;
        }
        long chat = message.getChatId();
        Origin presser = UpdateHandler.origin(chat, query.getFrom());
        if (data.startsWith(ResultButtons.REROLL)
                || data.startsWith(ResultButtons.EDIT)
                || data.startsWith(ResultButtons.ORIGINAL)) {
            result(query, data, chat, presser, message.getMessageId(), t);
        } else if (data.startsWith("s:")) {
            setting(query, data, message, t);
        } else if (data.equals(FORGET_YES)) {
            var busy = core.desk().forget(presser);
            edit(chat, message.getMessageId(), busy.isPresent() ? t.forgetBusy() : t.forgetDone());
            answer(query, "");
        } else if (data.equals(FORGET_NO)) {
            edit(chat, message.getMessageId(), t.extra(Messages.Extra.FORGET_KEPT));
            answer(query, "");
        } else {
            answer(query, "");
        }
    }

    private void result(CallbackQuery query, String data, long chat, Origin presser, int messageId, Messages t)
            throws TelegramApiException {
        var pressed = new MessageRef(UpdateHandler.PLATFORM, Long.toString(chat), Integer.toString(messageId));
        var press = core.results().press(presser, pressed, data);
        if (press instanceof ResultActions.Press.Gone && delivery.posting().settle(chat)) {
            // The press may have overtaken the link of a result that was just posted.
            press = core.results().press(presser, pressed, data);
        }
        Turn answer;
        switch (press) {
            case ResultActions.Press.Allowed allowed -> answer = allowed.answer();
            case ResultActions.Press.NotAllowed ignored -> {
                answer(query, t.remixNotAllowed());
                return;
            }
            case ResultActions.Press.Gone ignored -> {
                answer(query, t.imageGone());
                return;
            }
            case ResultActions.Press.Forged ignored -> {
                answer(query, t.imageGone());
                return;
            }
        }
        long turn = answer.id();
        if (data.startsWith(ResultButtons.REROLL)) {
            var submission = core.desk().reroll(turn, presser, Optional.of(Integer.toString(messageId)));
            answer(
                    query,
                    submission instanceof Submission.Refused refused
                            ? t.refusal(refused.refusal())
                            : t.extra(Messages.Extra.REROLLING));
        } else if (data.startsWith(ResultButtons.EDIT)) {
            var prompt = api.execute(SendMessage.builder()
                    .chatId(chat)
                    .text(t.editPrompt())
                    .replyParameters(
                            ReplyParameters.builder().messageId(messageId).build())
                    .replyMarkup(ForceReplyKeyboard.builder()
                            .forceReply(true)
                            .selective(true)
                            .build())
                    .build());
            // A reply to the question continues the branch of the image it is about.
            core.conversations()
                    .link(
                            new MessageRef(
                                    UpdateHandler.PLATFORM,
                                    Long.toString(chat),
                                    Integer.toString(prompt.getMessageId())),
                            turn);
            answer(query, "");
        } else {
            delivery.sendOriginals(chat, messageId, answer, t);
            answer(query, "");
        }
    }

    private void setting(CallbackQuery query, String data, MaybeInaccessibleMessage message, Messages t)
            throws TelegramApiException {
        String user = Long.toString(query.getFrom().getId());
        UserSettings current = core.settings().user(UpdateHandler.PLATFORM, user);
        UserSettings changed = current;
        if (data.startsWith(SET_MODEL)) {
            changed = current.withModel(Optional.of(data.substring(SET_MODEL.length())));
        } else if (data.startsWith(SET_RATIO)) {
            changed = current.withAspectRatio(auto(data.substring(SET_RATIO.length())));
        } else if (data.startsWith(SET_SIZE)) {
            changed = current.withImageSize(auto(data.substring(SET_SIZE.length())));
        }
        core.settings().saveUser(UpdateHandler.PLATFORM, user, changed);
        edit(message.getChatId(), message.getMessageId(), commands.settingsText(changed, t));
        answer(query, t.settingsSaved());
    }

    private static Optional<String> auto(String value) {
        return value.equals("auto") ? Optional.empty() : Optional.of(value);
    }

    private void edit(long chat, int messageId, String text) {
        api.quietly(EditMessageText.builder()
                .chatId(chat)
                .messageId(messageId)
                .text(text)
                .build());
    }

    private void answer(CallbackQuery query, String text) {
        var answer = AnswerCallbackQuery.builder().callbackQueryId(query.getId());
        if (!text.isBlank()) {
            answer.text(text);
        }
        api.quietly(answer.build());
    }
}
