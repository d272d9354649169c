package dev.redraw.discord;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.image.ImageCodec;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.text.ChatText;
import dev.redraw.core.text.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's side of the job runner: the deferred response of the interaction is edited with the
 * queue position, then progress (throttled), then the image with an embed and buttons. A result
 * over the upload limit is re-encoded under it (📄 Original then offers the full file), and a job
 * whose interaction token has expired, or that came from a reply, is posted as a channel message.
 */
final class DiscordDelivery implements JobEvents {

    static final String PLATFORM = "discord";
    private static final Logger LOG = LoggerFactory.getLogger(DiscordDelivery.class);
    private static final int CONTENT_LIMIT = 2000;
    private static final int MAX_SHRINKS = 4;
    private static final long MIN_UPLOAD = 512;

    private final Responses responses;
    private final ConversationStore conversations;
    private final ImageStore images;
    private final SettingsStore settings;
    private final ProgressThrottle throttle;
    private final Clock clock;
    private final Map<Long, Message> statusMessages = new ConcurrentHashMap<>();
    private volatile JDA jda;

    DiscordDelivery(Responses responses, ChatServices core, ProgressThrottle throttle) {
        this.responses = responses;
        this.throttle = throttle;
        this.conversations = core.conversations();
        this.images = core.images();
        this.settings = core.settings();
        this.clock = core.clock();
    }

    void attach(JDA connected) {
        this.jda = connected;
    }

    private Messages texts(Job job) {
        return Messages.forLanguage(
                settings.user(PLATFORM, job.origin().userId()).language().orElse(null));
    }

    @Override
    public void accepted(Job job, int queuePosition) {
        show(job, texts(job).withJobNumber(texts(job).queued(queuePosition), job.id()));
    }

    @Override
    public void started(Job job) {
        show(job, texts(job).withJobNumber(texts(job).generating(job.model()), job.id()));
    }

    @Override
    public void progress(Job job, int percent) {
        if (throttle.shouldShow(job.id())) {
            show(job, texts(job).withJobNumber(texts(job).progress(percent), job.id()));
        }
    }

    /** A progress line: the response's text while it can be edited, else one status message in the channel. */
    private void show(Job job, String text) {
        try {
            Optional<Responses.Response> response = responses.find(job.requestMessageId(), clock.instant());
            if (response.isPresent()) {
                response.get().hook().editOriginal(text).complete();
                return;
            }
            Message status = statusMessages.get(job.id());
            if (status != null) {
                status.editMessage(text).complete();
            } else {
                statusMessages.put(job.id(), send(job, new MessageCreateBuilder().setContent(text)));
            }
        } catch (RuntimeException e) {
            LOG.debug("job {}: progress not shown: {}", job.id(), e.getMessage());
        }
    }

    @Override
    public Optional<String> deliver(Job job) throws IOException {
        throttle.done(job.id());
        Messages texts = texts(job);
        OutcomeKind kind = job.outcome().orElseThrow();
        Optional<Turn> answer = job.modelTurnId().isPresent()
                ? conversations.find(job.modelTurnId().getAsLong())
                : Optional.empty();
        Message posted;
        if (answer.isPresent() && kind == OutcomeKind.IMAGES) {
            posted = postImages(job, answer.get(), texts);
        } else if (answer.isPresent() && kind.succeeded()) {
            posted = post(
                    job,
                    new MessageEditBuilder().setContent(shorten(answer.get().text())));
        } else {
            posted = post(job, new MessageEditBuilder().setContent(shorten(texts.outcome(kind, job.outcomeMessage()))));
        }
        responses.forget(job.requestMessageId());
        Message status = statusMessages.remove(job.id());
        if (status != null) {
            status.delete().queue(ok -> {}, failure -> {});
        }
        answer.ifPresent(turn -> link(posted, turn));
        return Optional.of(posted.getId());
    }

    /** Discord cannot be asked whether a response was already edited; a result is not posted twice. */
    @Override
    public DeliveryCheck check(Job job) {
        return DeliveryCheck.UNKNOWN;
    }

    private static String shorten(String text) {
        return ChatText.caption(text, "", CONTENT_LIMIT);
    }

    /**
     * Posts the images under the upload limit the bot knows of; when Discord still answers 413 (the
     * channel's limit is lower), the images are re-encoded smaller and posted again, so the result
     * is never lost to its size.
     */
    private Message postImages(Job job, Turn answer, Messages texts) throws IOException {
        long limit = responses
                .find(job.requestMessageId(), clock.instant())
                .map(Responses.Response::uploadLimit)
                .orElse(Responses.DEFAULT_UPLOAD_LIMIT);
        for (int attempt = 1; ; attempt++) {
            try {
                return post(job, images(job, answer, texts, limit));
            } catch (ErrorResponseException e) {
                if (e.getErrorResponse() != ErrorResponse.REQUEST_ENTITY_TOO_LARGE || attempt >= MAX_SHRINKS) {
                    throw e;
                }
                limit = Math.max(MIN_UPLOAD, Math.min(limit, largest(answer)) / 4);
                LOG.info("job {}: upload too large for the channel; re-encoding under {} bytes", job.id(), limit);
            }
        }
    }

    private long largest(Turn answer) {
        return answer.images().stream().mapToLong(ImageRef::byteSize).max().orElse(MIN_UPLOAD);
    }

    private MessageEditBuilder images(Job job, Turn answer, Messages texts, long limit) throws IOException {
        List<FileUpload> files = new ArrayList<>();
        boolean compressed = false;
        for (ImageRef image : answer.images()) {
            byte[] bytes = images.bytes(image.sha256()).orElseThrow();
            if (bytes.length > limit) {
                bytes = underLimit(bytes, limit);
                compressed = true;
            }
            files.add(FileUpload.fromData(
                    bytes, "redraw-" + job.id() + "-" + files.size() + (compressed ? ".jpg" : extension(image))));
        }
        List<Button> buttons = new ArrayList<>(List.of(
                Button.secondary(ResultButtons.REROLL + answer.id(), texts.rerollButton()),
                Button.secondary(ResultButtons.EDIT + answer.id(), texts.editButton())));
        if (compressed) {
            buttons.add(Button.secondary(ResultButtons.ORIGINAL + answer.id(), texts.originalButton()));
        }
        return new MessageEditBuilder()
                .setContent(compressed ? texts.extra(Messages.Extra.RESULT_COMPRESSED) : "")
                .setEmbeds(embed(job, texts))
                .setFiles(files)
                .setComponents(ActionRow.of(buttons));
    }

    private MessageEmbed embed(Job job, Messages texts) {
        Optional<Turn> asked = conversations.find(job.userTurnId());
        return new EmbedBuilder()
                .setDescription(
                        ChatText.caption(asked.map(Turn::text).orElse(""), "", MessageEmbed.DESCRIPTION_MAX_LENGTH))
                .addField(texts.embedLabels().get(0), job.model(), true)
                .addField(
                        texts.embedLabels().get(1),
                        asked.flatMap(Turn::aspectRatio).orElse("—"),
                        true)
                .addField(texts.embedLabels().get(2), "<@" + job.origin().userId() + ">", true)
                .build();
    }

    /** Edits the response while its token lives, else posts in the channel replying to the request. */
    private Message post(Job job, MessageEditBuilder content) {
        Optional<Responses.Response> response = responses.find(job.requestMessageId(), clock.instant());
        if (response.isPresent()) {
            return response.get().hook().editOriginal(content.build()).complete();
        }
        return send(job, MessageCreateBuilder.fromEditData(content.build()));
    }

    /** Posts in the job's channel, replying to the request when it was a message (not an interaction). */
    private Message send(Job job, MessageCreateBuilder message) {
        var action = channel(job).sendMessage(message.build());
        Optional<String> replyTo = job.requestMessageId().filter(id -> !id.startsWith(Responses.PREFIX));
        if (replyTo.isPresent()) {
            action = action.setMessageReference(replyTo.get()).failOnInvalidReply(false);
        }
        return action.complete();
    }

    private MessageChannel channel(Job job) {
        MessageChannel channel =
                jda.getChannelById(MessageChannel.class, job.origin().chatId());
        if (channel != null) {
            return channel;
        }
        // Private results, and direct messages (not cached), go to the user's DM channel.
        return jda.retrieveUserById(job.origin().userId())
                .complete()
                .openPrivateChannel()
                .complete();
    }

    void link(Message posted, Turn turn) {
        conversations.link(new MessageRef(PLATFORM, posted.getChannelId(), posted.getId()), turn.id());
    }

    /** A JPEG under {@code limit} bytes, halving the area until it fits. */
    static byte[] underLimit(byte[] bytes, long limit) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        if (image == null) {
            throw new IOException("the stored image could not be decoded");
        }
        BufferedImage current = ImageCodec.toOpaqueRgb(image);
        byte[] encoded = ImageCodec.encodeJpeg(current, 0.85f);
        while (encoded.length > limit && current.getWidth() > 64) {
            current = ImageCodec.resize(current, current.getWidth() * 7 / 10, current.getHeight() * 7 / 10);
            encoded = ImageCodec.encodeJpeg(current, 0.85f);
        }
        return encoded;
    }

    private static String extension(ImageRef image) {
        return switch (image.mimeType()) {
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> ".png";
        };
    }
}
