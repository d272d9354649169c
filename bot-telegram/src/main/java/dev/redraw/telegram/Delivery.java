package dev.redraw.telegram;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.image.ImageCodec;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.job.QueueState;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.job.UndeliverableException;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.MissingImageException;
import dev.redraw.core.request.ResultPost;
import dev.redraw.core.request.ResultPosts;
import dev.redraw.core.text.ChatText;
import dev.redraw.core.text.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/**
 * Telegram's side of the job runner: one status message per job, edited as it moves (and not more
 * often than the flood limits like), an {@code upload_photo} action while it runs, and the result:
 * photos with Reroll, Edit and Original buttons, text split to Telegram's limits, or what went
 * wrong, each as a reply to the request. The core prepares what to post ({@link ResultPosts}); every
 * posted message is recorded through it at once, so a reply to it continues that branch.
 */
record Delivery(
        TelegramApi api,
        ResultPosts posts,
        StatusRecords statusRecords,
        StatusMessages statuses,
        ProgressThrottle throttle,
        Map<Long, Thread> actions,
        Map<Long, StatusLane> lanes,
        PostingChats posting,
        Map<Long, Progress> progress)
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
        this(
                api,
                core.posts(),
                core.statuses(),
                statuses,
                throttle,
                new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(),
                new PostingChats(),
                new ConcurrentHashMap<>());
    }

    /**
     * What of a job's result is already in the chat, so that posting it again after a failure goes
     * on where it stopped: the messages posted, in order, and those not yet linked to their turn.
     */
    static final class Progress {
        final List<Integer> posted = new ArrayList<>();
        final Set<Integer> unlinked = new LinkedHashSet<>();
    }

    private Messages texts(Job job) {
        return Messages.forLanguage(posts.recipient(job).language().orElse(null));
    }

    private static long chat(Job job) {
        return Long.parseLong(job.origin().chatId());
    }

    private static Integer requestMessage(Job job) {
        return job.requestMessageId().map(Integer::valueOf).orElse(null);
    }

    @Override
    public void accepted(Job job, QueueState state) {
        lane(job).then(() -> postStatus(job, state));
    }

    private StatusLane lane(Job job) {
        return lanes.computeIfAbsent(job.id(), id -> new StatusLane());
    }

    private void postStatus(Job job, QueueState state) {
        String text = texts(job).withJobNumber(texts(job).queueState(state, job.model()), job.id());
        // Until the status message is recorded, a reply to it (/cancel) waits rather than miss it.
        posting.begin(chat(job));
        try {
            Integer known = statusOf(job);
            if (known != null && reuseStatus(job, known, text)) {
                return;
            }
            var message = SendMessage.builder().chatId(chat(job)).text(text);
            Integer replyTo = requestMessage(job);
            if (replyTo != null) {
                message.replyParameters(ReplyParameters.builder()
                        .messageId(replyTo)
                        .allowSendingWithoutReply(true)
                        .build());
            }
            Message status = api.execute(message.build());
            statuses.put(job.id(), chat(job), status.getMessageId());
            recordStatus(job, Optional.of(status.getMessageId()));
        } catch (TelegramApi.NotWanted e) {
            LOG.debug("job {}: finished before its status message's turn", job.id());
        } catch (TelegramApiException e) {
            LOG.warn("job {}: status message failed: {}", job.id(), e.getMessage());
        } finally {
            posting.end(chat(job));
        }
    }

    /**
     * A job queued again (after a restart) edits the status message it already has; false when that
     * message is gone and a new one is needed.
     */
    private boolean reuseStatus(Job job, int message, String text) {
        statuses.put(job.id(), chat(job), message);
        try {
            api.execute(EditMessageText.builder()
                    .chatId(chat(job))
                    .messageId(message)
                    .text(text)
                    .build());
            return true;
        } catch (TelegramApiRequestException e) {
            if (e.getApiResponse() != null && e.getApiResponse().contains("not modified")) {
                return true;
            }
            if (e.getErrorCode() != null && e.getErrorCode() == 400) {
                statuses.remove(job.id(), chat(job));
                return false;
            }
            LOG.debug("job {}: status edit failed: {}", job.id(), e.getMessage());
            return true;
        } catch (TelegramApiException e) {
            LOG.debug("job {}: status edit failed: {}", job.id(), e.getMessage());
            return true;
        }
    }

    /** The job's status message: the one shown in this run, or the one recorded by an earlier run. */
    private Integer statusOf(Job job) {
        Integer shown = statuses.messageOf(job.id());
        if (shown != null) {
            return shown;
        }
        Integer recorded = job.statusMessageId().map(Integer::valueOf).orElse(null);
        if (recorded != null) {
            // Shown by an earlier run: known again here, so /cancel in reply to it works.
            statuses.put(job.id(), chat(job), recorded);
        }
        return recorded;
    }

    private void recordStatus(Job job, Optional<Integer> message) {
        try {
            if (message.isPresent()) {
                statusRecords.posted(job.id(), Integer.toString(message.get()));
            } else {
                statusRecords.removed(job.id());
            }
        } catch (RuntimeException e) {
            LOG.warn("job {}: its status message could not be recorded: {}", job.id(), e.getMessage());
        }
    }

    @Override
    public void started(Job job) {
        String generating = texts(job).withJobNumber(texts(job).generating(job.model()), job.id());
        lane(job).edit(() -> editStatus(job, generating));
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
            lane(job).edit(() -> editStatus(job, text));
        }
    }

    private void editStatus(Job job, String text) {
        Integer status = statusOf(job);
        if (status != null) {
            api.quietly(EditMessageText.builder()
                    .chatId(chat(job))
                    .messageId(status)
                    .text(text)
                    .build());
        }
    }

    /**
     * Posts the result, or throws so the core tries again later: a second call goes on where the
     * first stopped (nothing already posted is posted again), and the status message goes only once
     * the whole result is there.
     */
    @Override
    public Optional<String> deliver(Job job) throws TelegramApiException, IOException, UndeliverableException {
        posting.begin(chat(job));
        try {
            return post(job);
        } catch (TelegramApiRequestException e) {
            if (refusedForGood(e)) {
                progress.remove(job.id());
                StatusLane lane = lanes.remove(job.id());
                if (lane != null) {
                    lane.finish(() -> {});
                }
                statuses.remove(job.id(), chat(job));
                throw new UndeliverableException(e.getErrorCode() + " " + e.getApiResponse());
            }
            throw e;
        } finally {
            posting.end(chat(job));
        }
    }

    /** Telegram will not take anything for this chat again: the bot was blocked or removed, or the chat is gone. */
    static boolean refusedForGood(TelegramApiRequestException e) {
        Integer code = e.getErrorCode();
        String why = e.getApiResponse() == null ? "" : e.getApiResponse().toLowerCase(java.util.Locale.ROOT);
        return code != null
                && (code == 403
                        || code == 400
                                && (why.contains("chat not found")
                                        || why.contains("chat_write_forbidden")
                                        || why.contains("not enough rights")
                                        || why.contains("group chat was upgraded")));
    }

    private Optional<String> post(Job job) throws TelegramApiException, IOException {
        Thread action = actions.remove(job.id());
        if (action != null) {
            action.interrupt();
        }
        throttle.done(job.id());
        Optional<String> first = postResult(job);
        progress.remove(job.id());
        // The status message goes once the result is there, without delaying it.
        StatusLane lane = lanes.remove(job.id());
        Runnable removeStatus = () -> removeStatus(job);
        if (lane == null) {
            removeStatus.run();
        } else {
            lane.finish(removeStatus);
        }
        return first;
    }

    private void removeStatus(Job job) {
        Integer status = statuses.remove(job.id(), chat(job));
        if (status == null) {
            status = job.statusMessageId().map(Integer::valueOf).orElse(null);
        }
        if (status == null) {
            return;
        }
        try {
            api.execute(
                    DeleteMessage.builder().chatId(chat(job)).messageId(status).build());
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() == null || e.getErrorCode() != 400) {
                LOG.debug("job {}: deleting the status message failed: {}", job.id(), e.getMessage());
                return;
            }
            // Already gone.
        } catch (TelegramApiException e) {
            LOG.debug("job {}: deleting the status message failed: {}", job.id(), e.getMessage());
            return;
        }
        recordStatus(job, Optional.empty());
    }

    private Optional<String> postResult(Job job) throws TelegramApiException, IOException {
        ResultPost post = posts.prepare(job);
        Messages texts = Messages.forLanguage(post.recipient().language().orElse(null));
        OptionalLong answer = post.answerTurnId();
        if (answer.isPresent()) {
            Progress done = progress.computeIfAbsent(job.id(), id -> alreadyPosted(post));
            relink(done, Long.toString(chat(job)), answer.getAsLong());
            var steps = new Steps(done, answer);
            switch (post.content()) {
                case ResultPost.Content.Images images -> photos(post, images.images(), texts, steps);
                case ResultPost.Content.Answer text -> textParts(job, text.text(), steps);
                case ResultPost.Content.Report report -> textParts(job, texts.outcome(job), steps);
            }
            return steps.first();
        }
        var steps = new Steps(progress.computeIfAbsent(job.id(), id -> new Progress()), OptionalLong.empty());
        textParts(job, texts.outcome(job), steps);
        return steps.first();
    }

    /**
     * After a restart, the messages an earlier run posted and recorded for this answer in this chat,
     * oldest first: posting goes on after them.
     */
    private Progress alreadyPosted(ResultPost post) {
        var done = new Progress();
        post.linkedIn(Long.toString(chat(post.job()))).stream()
                .map(Integer::valueOf)
                .sorted()
                .forEach(done.posted::add);
        return done;
    }

    /** Records the messages a failed attempt posted but could not record. */
    private void relink(Progress done, String chat, long answer) {
        for (var it = done.unlinked.iterator(); it.hasNext(); ) {
            Integer message = it.next();
            posts.record(answer, new MessageRef(UpdateHandler.PLATFORM, chat, Integer.toString(message)));
            it.remove();
        }
    }

    /** A post that sends one message. */
    private interface Step {
        Message send() throws TelegramApiException, IOException;
    }

    /**
     * The messages of a result in order; each is posted unless an earlier attempt already did, and
     * linked to the answer at once, before anything else can come between.
     */
    private final class Steps {
        private final Progress done;
        private final OptionalLong answer;
        private int next;

        Steps(Progress done, OptionalLong answer) {
            this.done = done;
            this.answer = answer;
        }

        /** The id of the message the next step posts (or posted). */
        int run(Step step) throws TelegramApiException, IOException {
            int index = next++;
            if (index < done.posted.size()) {
                return done.posted.get(index);
            }
            Message posted = step.send();
            int id = posted.getMessageId();
            done.posted.add(id);
            if (answer.isPresent()) {
                done.unlinked.add(id);
                link(posted, answer.getAsLong());
                done.unlinked.remove(id);
            }
            return id;
        }

        Optional<String> first() {
            return done.posted.isEmpty() ? Optional.empty() : Optional.of(Integer.toString(done.posted.getFirst()));
        }
    }

    /** Telegram cannot be asked what a chat holds, so a result that may have been posted is posted again. */
    @Override
    public DeliveryCheck check(Job job) {
        return DeliveryCheck.UNKNOWN;
    }

    private void photos(ResultPost post, List<ResultPost.Image> images, Messages texts, Steps steps)
            throws TelegramApiException, IOException {
        Job job = post.job();
        String caption = texts.caption(post.caption().prompt(), post.caption().model());
        for (ResultPost.Image image : images) {
            boolean fits = fitsAsPhoto(image.ref());
            Integer replyTo = requestMessage(job);
            int photo = steps.run(() -> {
                byte[] bytes = image.bytes();
                byte[] upload = fits ? bytes : preview(bytes);
                String name = "redraw-" + job.id() + (fits ? image.extension() : ".jpg");
                return api.sendPhoto(() -> {
                    var send = SendPhoto.builder()
                            .chatId(chat(job))
                            .photo(new InputFile(new ByteArrayInputStream(upload), name))
                            .caption(caption)
                            .replyMarkup(Replies.keyboard(List.of(post.buttons().stream()
                                    .map(button -> Replies.button(label(button, texts), button.id()))
                                    .toList())));
                    if (replyTo != null) {
                        send.replyParameters(ReplyParameters.builder()
                                .messageId(replyTo)
                                .allowSendingWithoutReply(true)
                                .build());
                    }
                    return send.build();
                });
            });
            if (!fits) {
                // Too big for a photo: the full-quality file follows as a document.
                steps.run(() -> sendOriginal(chat(job), photo, image, image.bytes(), texts));
            }
        }
    }

    /** A result button's label in the user's language. */
    private static String label(ResultPost.Button button, Messages texts) {
        return switch (button.action()) {
            case REROLL -> texts.rerollButton();
            case EDIT -> texts.editButton();
            case ORIGINAL -> texts.originalButton();
        };
    }

    /** A text in Telegram-sized parts, each a reply to the request. */
    private void textParts(Job job, String text, Steps steps) throws TelegramApiException, IOException {
        Integer replyTo = requestMessage(job);
        for (String part : ChatText.split(text)) {
            steps.run(() -> {
                var message = SendMessage.builder().chatId(chat(job)).text(part);
                if (replyTo != null) {
                    message.replyParameters(ReplyParameters.builder()
                            .messageId(replyTo)
                            .allowSendingWithoutReply(true)
                            .build());
                }
                return api.execute(message.build());
            });
        }
    }

    /** The full-quality files of a result, as documents (the 📄 button). */
    void sendOriginals(long chat, int replyTo, Turn answer, Messages texts) throws TelegramApiException {
        for (ResultPost.Image image : posts.images(answer)) {
            byte[] bytes;
            try {
                bytes = image.bytes();
            } catch (MissingImageException e) {
                new Replies(api).reply(chat, replyTo, texts.originalMissing());
                continue;
            }
            link(sendOriginal(chat, replyTo, image, bytes, texts), answer.id());
        }
    }

    private Message sendOriginal(long chat, int replyTo, ResultPost.Image image, byte[] bytes, Messages texts)
            throws TelegramApiException {
        if (bytes.length > DOCUMENT_BYTES) {
            return new Replies(api)
                    .reply(chat, replyTo, texts.extra(Messages.Extra.ORIGINAL_TOO_LARGE))
                    .getFirst();
        }
        return api.sendDocument(() -> SendDocument.builder()
                .chatId(chat)
                .document(new InputFile(new ByteArrayInputStream(bytes), "redraw-original" + image.extension()))
                .replyParameters(ReplyParameters.builder()
                        .messageId(replyTo)
                        .allowSendingWithoutReply(true)
                        .build())
                .build());
    }

    /**
     * Records a posted message for its turn, so a reply to it continues the branch; the core holds
     * a stop's interrupt back until the record is written.
     */
    private void link(Message posted, long turnId) {
        posts.record(
                turnId,
                new MessageRef(
                        UpdateHandler.PLATFORM,
                        Long.toString(posted.getChatId()),
                        Integer.toString(posted.getMessageId())));
    }

    static boolean fitsAsPhoto(ImageRef image) {
        double ratio = (double) Math.max(image.width(), image.height()) / Math.min(image.width(), image.height());
        return image.byteSize() <= PHOTO_BYTES && image.width() + image.height() <= PHOTO_SIDES && ratio <= PHOTO_RATIO;
    }

    /**
     * A JPEG Telegram takes as a photo: small enough, and no longer than 20 to 1 (a longer image is
     * shown on a neutral band; the full file follows as a document).
     */
    static byte[] preview(byte[] bytes) throws IOException {
        BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        if (decoded == null) {
            throw new IOException("the stored image could not be decoded");
        }
        double scale = Math.min(1.0, (double) PREVIEW_SIDE / Math.max(decoded.getWidth(), decoded.getHeight()));
        int width = Math.max(1, (int) Math.round(decoded.getWidth() * scale));
        int height = Math.max(1, (int) Math.round(decoded.getHeight() * scale));
        BufferedImage shown = ImageCodec.toOpaqueRgb(ImageCodec.resize(decoded, width, height));
        int minShort = (int) Math.ceil(Math.max(width, height) / PHOTO_RATIO);
        if (Math.min(width, height) < minShort) {
            shown = onBand(shown, Math.max(width, minShort), Math.max(height, minShort));
        }
        return ImageCodec.encodeJpeg(shown, 0.85f);
    }

    /** {@code image} centred on a neutral canvas of {@code width} by {@code height}. */
    private static BufferedImage onBand(BufferedImage image, int width, int height) {
        var canvas = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = canvas.createGraphics();
        try {
            graphics.setColor(new java.awt.Color(0x2b, 0x2b, 0x2b));
            graphics.fillRect(0, 0, width, height);
            graphics.drawImage(image, (width - image.getWidth()) / 2, (height - image.getHeight()) / 2, null);
        } finally {
            graphics.dispose();
        }
        return canvas;
    }
}
