package dev.redraw.discord;

import dev.redraw.core.storage.StorageUnavailableException;
import dev.redraw.core.text.Messages;
import java.util.function.Consumer;
import java.util.function.Supplier;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a handler so that a failure never leaves the user without an answer: when the storage cannot
 * be used (anywhere among the causes) the user is told nothing can be saved right now, otherwise
 * that something went wrong. The failure is logged here, once.
 */
final class FailureAnswers {

    private static final Logger LOG = LoggerFactory.getLogger(FailureAnswers.class);

    private FailureAnswers() {}

    /** Answers a failure on the interaction: a reply, or an edit of the response already deferred. */
    static void interaction(IReplyCallback event, String what, Runnable handler) {
        // The client's language: the stored one may be what cannot be read.
        run(what, handler, () -> Messages.forLanguage(event.getUserLocale().getLocale()), text -> {
            if (event.isAcknowledged()) {
                event.getHook().editOriginal(text).queue(ok -> {}, FailureAnswers::unanswered);
            } else {
                event.reply(text).setEphemeral(true).queue(ok -> {}, FailureAnswers::unanswered);
            }
        });
    }

    /**
     * Answers a failure with a reply to the message, when it replies to the bot: other replies are
     * none of the bot's business.
     */
    static void message(MessageReceivedEvent event, Supplier<Messages> language, Runnable handler) {
        var message = event.getMessage();
        run("a reply", handler, language, text -> {
            var replied = message.getReferencedMessage();
            if (replied != null
                    && replied.getAuthor().getIdLong()
                            == event.getJDA().getSelfUser().getIdLong()) {
                message.reply(text).queue(ok -> {}, FailureAnswers::unanswered);
            }
        });
    }

    static void run(String what, Runnable handler, Supplier<Messages> language, Consumer<String> answer) {
        try {
            handler.run();
        } catch (RuntimeException e) {
            boolean storage = StorageUnavailableException.isCause(e);
            if (storage) {
                LOG.warn("{} could not be handled: storage unavailable", what, e);
            } else {
                LOG.error("{} could not be handled", what, e);
            }
            try {
                Messages texts = language.get();
                answer.accept(storage ? texts.storageUnavailable() : texts.internalError());
            } catch (RuntimeException again) {
                unanswered(again);
            }
        }
    }

    private static void unanswered(Throwable failure) {
        LOG.debug("the answer to a failure could not be sent", failure);
    }
}
