package dev.redraw.discord;

import dev.redraw.core.request.Generate;
import dev.redraw.core.request.RequestMessage;
import dev.redraw.core.text.Flags;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;

/**
 * Requests made with a plain message rather than a command: handed to the core, which links an
 * accepted request to the message so that the result can answer it, a refusal or a rejected image
 * answered with a reply.
 */
final class MessageRequests {

    /** A command as typed: a slash, a name of Telegram's or Discord's shape, then a space or the end. */
    private static final Pattern TYPED_COMMAND = Pattern.compile("^/([A-Za-z0-9_][\\w-]{0,31})(?:@\\S*)?(?:\\s|$)");

    private final Submitter submitter;

    MessageRequests(Submitter submitter) {
        this.submitter = submitter;
    }

    /**
     * Hands in {@code event}'s request: {@code prompt} with the images of {@code files}, continuing
     * {@code parent} when there is one.
     */
    void submit(
            MessageReceivedEvent event,
            OptionalLong parent,
            String prompt,
            Generate.Options options,
            List<Message.Attachment> files,
            Messages texts) {
        Message message = event.getMessage();
        var request = new Generate.Request(
                Origins.of(event),
                prompt,
                parent,
                options,
                Optional.of(message.getId()),
                submitter.fetchers(files),
                RequestMessage.CHAT_MESSAGE);
        switch (submitter.generate(request)) {
            case Generate.Result.AlreadyAccepted before -> {
                // Handled again after a resume: the job answers it.
            }
            case Generate.Result.Refused refused ->
                message.reply(texts.refusal(refused.refusal())).queue();
            case Generate.Result.ImageRejected rejected ->
                message.reply(Submitter.rejected(texts, rejected)).queue();
            case Generate.Result.Accepted accepted -> {
                Submitter.unusedDefaults(texts, accepted)
                        .ifPresent(note -> message.reply(note).queue());
            }
        }
    }

    /**
     * Hands in {@code event}'s text as a prompt with the options written into it ({@code --ar},
     * {@code --model}, {@code --size}, {@code --quality}), continuing {@code parent} when there is one.
     * An option that cannot be used, or a prompt of options alone, is answered with what is wrong; a
     * text written as a command ({@code /start}) is answered with where Discord's commands are.
     */
    void submitWritten(
            MessageReceivedEvent event, OptionalLong parent, List<Message.Attachment> files, Messages texts) {
        Message message = event.getMessage();
        String text = withoutMention(event);
        Matcher command = TYPED_COMMAND.matcher(text);
        if (command.find()) {
            // Discord sends its commands as interactions: one typed out (as on Telegram) is no prompt.
            message.reply(texts.discordTypedCommand(command.group(1))).queue();
            return;
        }
        switch (Flags.parse(text)) {
            case Flags.Invalid invalid ->
                message.reply(texts.invalidFlag(invalid)).queue();
            case Flags.Parsed flags
            when flags.prompt().isBlank() ->
                message.reply(files.isEmpty() ? texts.emptyPrompt() : texts.discordImageNeedsText())
                        .queue();
            case Flags.Parsed flags
            when flags.variations().orElse(null) instanceof TypedNumber.Invalid invalid ->
                message.reply(texts.numberProblem(invalid)).queue();
            case Flags.Parsed flags ->
                submit(
                        event,
                        parent,
                        flags.prompt(),
                        new Generate.Options(
                                flags.model(),
                                flags.ratio(),
                                flags.size(),
                                flags.quality(),
                                ImagineCommand.asked(flags.variations())),
                        files,
                        texts);
        }
    }

    /** The message's text without the bot's mentions of it. */
    static String withoutMention(MessageReceivedEvent event) {
        return event.getMessage()
                .getContentRaw()
                .replaceAll("<@!?" + event.getJDA().getSelfUser().getId() + ">", "")
                .strip();
    }
}
