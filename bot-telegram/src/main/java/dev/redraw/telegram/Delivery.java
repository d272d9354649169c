package dev.redraw.telegram;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.image.ImageCodec;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.text.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Telegram's side of the job runner: one status message per job, edited as it moves (and not more
 * often than the flood limits like), an {@code upload_photo} action while it runs, and the result:
 * photos with Reroll, Edit and Original buttons, text split to Telegram's limits, or what went
 * wrong, each as a reply to the request. Every posted message is linked to its turn, so a reply to
 * it continues that branch.
 */
record Delivery(
        TelegramApi api,
        ChatServices core,
        StatusMessages statuses,
        ProgressThrottle throttle,
        Map<Long, Thread> actions,
        Map<Long, StatusLane> lanes,
        PostingChats posting)
        implements JobEvents {

    private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
    /** sendPhoto limits: 10 MB, width + height at most 10000, sides at most 20 to 1. */
    static final long PHOTO_BYTES = 10L * 1024 * 1024;

    static final int PHOTO_SIDES = 10_000;
    static final double PHOTO_RATIO = 20;
    /** sendDocument takes up to 50 MB. */
    static final long DOCUMENT_BYTES = 50L * 1024 * 1024;
    /** A compressed preview's longest side. */
    private static final int PREVIEW_SIDE = 2560;
    /** The upload_photo action shows for about five seconds. */
    private static final Duration ACTION_EVERY = Duration.ofSeconds(4);

    Delivery(TelegramApi api, ChatServices core, StatusMessages statuses, ProgressThrottle throttle) {
        this(api, core, statuses, throttle, new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new PostingChats());
    }

    private Messages texts(Job job) {
        return Messages.forLanguage(core.settings()
                .user(UpdateHandler.PLATFORM, job.origin().userId())
                .language()
                .orElse(null));
    }

    private static long chat(Job job) {
        return Long.parseLong(job.origin().chatId());
    }

    private static Integer requestMessage(Job job) {
        return job.requestMessageId().map(Integer::valueOf).orElse(null);
    }

    @Override
    public void accepted(Job job, int queuePosition) {
        lane(job).then(() -> postStatus(job, queuePosition));
    }

    private StatusLane lane(Job job) {
        return lanes.computeIfAbsent(job.id(), id -> new StatusLane());
    }

    private void postStatus(Job job, int queuePosition) {
        // Until the status message is recorded, a reply to it (/cancel) waits rather than miss it.
        posting.begin(chat(job));
        try {
            var message = SendMessage.builder()
                    .chatId(chat(job))
                    .text(texts(job).withJobNumber(texts(job).queued(queuePosition), job.id()));
            Integer replyTo = requestMessage(job);
            if (replyTo != null) {
                message.replyParameters(ReplyParameters.builder()
                        .messageId(replyTo)
                        .allowSendingWithoutReply(true)
                        .build());
            }
            Message status = api.execute(message.build());
            statuses.put(job.id(), chat(job), status.getMessageId());
        } catch (TelegramApiException e) {
            LOG.warn("job {}: status message failed: {}", job.id(), e.getMessage());
        } finally {
            posting.end(chat(job));
        }
    }

    @Override
    public void started(Job job) {
        String generating = texts(job).withJobNumber(texts(job).generating(job.model()), job.id());
        lane(job).then(() -> editStatus(job, generating));
        long chat = chat(job);
        actions.put(job.id(), Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                api.quietly(SendChatAction.builder()
                        .chatId(chat)
                        .action("upload_photo")
                        .build());
                try {
                    Thread.sleep(ACTION_EVERY);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }));
    }

    @Override
    public void progress(Job job, int percent) {
        if (throttle.shouldShow(job.id())) {
            String text = texts(job).withJobNumber(texts(job).progress(percent), job.id());
            lane(job).then(() -> editStatus(job, text));
        }
    }

    private void editStatus(Job job, String text) {
        Integer status = statuses.messageOf(job.id());
        if (status != null) {
            api.quietly(EditMessageText.builder()
                    .chatId(chat(job))
                    .messageId(status)
                    .text(text)
                    .build());
        }
    }

    @Override
    public Optional<String> deliver(Job job) throws TelegramApiException, IOException {
        posting.begin(chat(job));
        try {
            return post(job);
        } finally {
            posting.end(chat(job));
        }
    }

    private Optional<String> post(Job job) throws TelegramApiException, IOException {
        Thread action = actions.remove(job.id());
        if (action != null) {
            action.interrupt();
        }
        throttle.done(job.id());
        try {
            return postResult(job);
        } finally {
            // The status message goes once the result is there, without delaying it.
            StatusLane lane = lanes.remove(job.id());
            Runnable removeStatus = () -> removeStatus(job);
            if (lane == null) {
                removeStatus.run();
            } else {
                lane.finish(removeStatus);
            }
        }
    }

    private void removeStatus(Job job) {
        Integer status = statuses.remove(job.id(), chat(job));
        if (status != null) {
            api.quietly(
                    DeleteMessage.builder().chatId(chat(job)).messageId(status).build());
        }
    }

    private Optional<String> postResult(Job job) throws TelegramApiException, IOException {
        Messages texts = texts(job);
        OutcomeKind kind = job.outcome().orElseThrow();
        Optional<Turn> answer = job.modelTurnId().isPresent()
                ? core.conversations().find(job.modelTurnId().getAsLong())
                : Optional.empty();
        if (answer.isPresent() && kind.succeeded()) {
            return kind == OutcomeKind.IMAGES ? photos(job, answer.get(), texts) : text(job, answer.get());
        }
        List<Message> sent =
                new Replies(api).reply(chat(job), requestMessage(job), texts.outcome(kind, job.outcomeMessage()));
        return Optional.of(Integer.toString(sent.getFirst().getMessageId()));
    }

    /** Telegram cannot be asked what a chat holds, so a result that may have been posted is not posted again. */
    @Override
    public DeliveryCheck check(Job job) {
        return DeliveryCheck.UNKNOWN;
    }

    private Optional<String> photos(Job job, Turn answer, Messages texts) throws TelegramApiException, IOException {
        Optional<String> first = Optional.empty();
        String prompt =
                core.conversations().find(job.userTurnId()).map(Turn::text).orElse("");
        for (ImageRef image : answer.images()) {
            byte[] bytes = core.images().bytes(image.sha256()).orElseThrow();
            boolean fits = fitsAsPhoto(image);
            byte[] upload = fits ? bytes : preview(bytes);
            String name = "redraw-" + job.id() + (fits ? extension(image) : ".jpg");
            Integer replyTo = requestMessage(job);
            Message posted = api.sendPhoto(() -> {
                var photo = SendPhoto.builder()
                        .chatId(chat(job))
                        .photo(new InputFile(new ByteArrayInputStream(upload), name))
                        .caption(texts.caption(prompt, job.model()))
                        .replyMarkup(Replies.keyboard(List.of(List.of(
                                Replies.button(texts.rerollButton(), ResultButtons.REROLL + answer.id()),
                                Replies.button(texts.editButton(), ResultButtons.EDIT + answer.id()),
                                Replies.button(texts.originalButton(), ResultButtons.ORIGINAL + answer.id())))));
                if (replyTo != null) {
                    photo.replyParameters(ReplyParameters.builder()
                            .messageId(replyTo)
                            .allowSendingWithoutReply(true)
                            .build());
                }
                return photo.build();
            });
            link(posted, answer);
            first = first.or(() -> Optional.of(Integer.toString(posted.getMessageId())));
            if (!fits) {
                // Too big for a photo: the full-quality file follows as a document.
                link(sendOriginal(chat(job), posted.getMessageId(), image, bytes, texts), answer);
            }
        }
        return first;
    }

    private Optional<String> text(Job job, Turn answer) throws TelegramApiException {
        List<Message> sent = new Replies(api).reply(chat(job), requestMessage(job), answer.text());
        sent.forEach(message -> link(message, answer));
        return Optional.of(Integer.toString(sent.getFirst().getMessageId()));
    }

    /** The full-quality files of a result, as documents (the 📄 button). */
    void sendOriginals(long chat, int replyTo, Turn answer, Messages texts) throws TelegramApiException {
        for (ImageRef image : answer.images()) {
            Optional<byte[]> bytes = core.images().bytes(image.sha256());
            if (bytes.isEmpty()) {
                new Replies(api).reply(chat, replyTo, texts.originalMissing());
                continue;
            }
            link(sendOriginal(chat, replyTo, image, bytes.get(), texts), answer);
        }
    }

    private Message sendOriginal(long chat, int replyTo, ImageRef image, byte[] bytes, Messages texts)
            throws TelegramApiException {
        if (bytes.length > DOCUMENT_BYTES) {
            return new Replies(api)
                    .reply(chat, replyTo, texts.extra(Messages.Extra.ORIGINAL_TOO_LARGE))
                    .getFirst();
        }
        return api.sendDocument(() -> SendDocument.builder()
                .chatId(chat)
                .document(new InputFile(new ByteArrayInputStream(bytes), "redraw-original" + extension(image)))
                .replyParameters(ReplyParameters.builder()
                        .messageId(replyTo)
                        .allowSendingWithoutReply(true)
                        .build())
                .build());
    }

    private void link(Message posted, Turn answer) {
        core.conversations()
                .link(
                        new MessageRef(
                                UpdateHandler.PLATFORM,
                                Long.toString(posted.getChatId()),
                                Integer.toString(posted.getMessageId())),
                        answer.id());
    }

    static boolean fitsAsPhoto(ImageRef image) {
        double ratio = (double) Math.max(image.width(), image.height()) / Math.min(image.width(), image.height());
        return image.byteSize() <= PHOTO_BYTES && image.width() + image.height() <= PHOTO_SIDES && ratio <= PHOTO_RATIO;
    }

    /** A JPEG small enough to be sent as a photo. */
    static byte[] preview(byte[] bytes) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        if (decoded == null) {
            throw new IOException("the stored image could not be decoded");
        }
        double scale = Math.min(1.0, (double) PREVIEW_SIDE / Math.max(decoded.getWidth(), decoded.getHeight()));
        int width = Math.max(1, (int) Math.round(decoded.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(decoded.getHeight() * scale));
        return ImageCodec.encodeJpeg(ImageCodec.toOpaqueRgb(ImageCodec.resize(decoded, width, height)), 0.85f);
    }

    private static String extension(ImageRef image) {
        return switch (image.mimeType()) {
            case "image/jpeg" -> ".jpg";
            case "image/webp" -> ".webp";
            default -> ".png";
        };
    }
}
