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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMediaGroup;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.media.InputMedia;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
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
        Map<Long, Progress> progress,
        Consumer<Job> posted)
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
    /** How long a result waits for its status message's call under way before it is posted anew instead. */
    private static final Duration STATUS_SETTLE = Duration.ofSeconds(10);

    /** @param posted told of each job whose result is posted in full (to share it where that is automatic) */
    Delivery(
            TelegramApi api,
            ChatServices core,
            StatusMessages statuses,
            ProgressThrottle throttle,
            Consumer<Job> posted) {
        this(
                api,
                core.posts(),
                core.statuses(),
                statuses,
                throttle,
                new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>(),
                new PostingChats(),
                new ConcurrentHashMap<>(),
                posted);
    }

    /**
     * What of a job's result is already in the chat, so that posting it again after a failure goes
     * on where it stopped: the messages posted, in order, and those not yet recorded, each with its
     * place in the result (which says what it is recorded against).
     */
    static final class Progress {
        final List<Integer> posted = new ArrayList<>();
        final Map<Integer, Integer> unlinked = new LinkedHashMap<>();
        /** An attempt gave up waiting for the status message and dropped its record: it stays out of the result. */
        boolean statusDropped;
    }

    /** How the message at a place of a result (counted from 0) is recorded, so a reply to it continues its branch. */
    @FunctionalInterface
    private interface Recorder {
        Recorder NONE = (place, posted) -> {};

        void record(int place, MessageRef posted);
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
        Messages texts = texts(job);
        String text = texts.withJobNumber(texts.queueState(state, job.model()), job.id());
        // Until the status message is recorded, a reply to it (/cancel) waits rather than miss it.
        posting.begin(chat(job));
        try {
            Integer known = statusOf(job);
            if (known != null) {
                if (record(job, known) != StatusRecord.RECORDED) {
                    // Finished meanwhile (on another instance), or not known to be unfinished: its
                    // result takes this message over or removes it, and an edit here could overwrite
                    // that result. (The edit below is paced, so a finish can still come between.)
                    statuses.remove(job.id(), chat(job));
                    lanes.remove(job.id());
                    return;
                }
                if (reuseStatus(job, known, text)) {
                    shown(job, text);
                    return;
                }
            }
            Message status = api.execute(SendMessage.builder()
                    .chatId(chat(job))
                    .text(text)
                    .replyParameters(replyingTo(job))
                    .build());
            StatusRecord record = record(job, status.getMessageId());
            if (record == StatusRecord.UNKNOWN) {
                // Perhaps written after all: left for a result that finds it in the record to take
                // over or remove, and never turned into a result from memory alone.
                return;
            }
            if (record == StatusRecord.REFUSED) {
                // The job finished while this was sent: its result goes out without this message,
                // here or on another instance, and a message no record names is never turned into
                // a result, which a crash could then repeat.
                LOG.debug("job {}: finished before its status message was recorded; removing it", job.id());
                lanes.remove(job.id());
                // Off the lane: a result waiting for this step is not held up by the deletion.
                int unrecorded = status.getMessageId();
                Thread.ofVirtual().name("telegram-status-" + job.id()).start(() -> {
                    try {
                        deleteQuietly(job, unrecorded);
                    } catch (RuntimeException e) {
                        LOG.debug("job {}: its unrecorded status message stays: {}", job.id(), e.toString());
                    }
                });
                return;
            }
            // Known here only once recorded: a result that takes it over finds it again after a crash.
            statuses.put(job.id(), chat(job), status.getMessageId());
            shown(job, text);
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
            if (notModified(e)) {
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

    /** How recording a status message went. */
    private enum StatusRecord {
        RECORDED,
        /** The job had finished: whoever posts its result does not know the message. */
        REFUSED,
        /** The write failed; it may still have been carried out. */
        UNKNOWN
    }

    /** Records {@code message} as the job's status message while the job is unfinished. */
    private StatusRecord record(Job job, int message) {
        try {
            return statusRecords.postedWhileUnfinished(job.id(), Integer.toString(message))
                    ? StatusRecord.RECORDED
                    : StatusRecord.REFUSED;
        } catch (RuntimeException e) {
            LOG.warn("job {}: its status message could not be recorded: {}", job.id(), e.getMessage());
            return StatusRecord.UNKNOWN;
        }
    }

    private void recordRemoved(Job job) {
        try {
            statusRecords.removed(job.id());
        } catch (RuntimeException e) {
            LOG.warn("job {}: its status message could not be recorded: {}", job.id(), e.getMessage());
        }
    }

    @Override
    public void started(Job job) {
        Messages texts = texts(job);
        String generating = texts.withJobNumber(texts.generating(job.model()), job.id());
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
        StatusLane lane = lanes.get(job.id());
        if (lane != null && throttle.shouldShow(job.id())) {
            Messages texts = texts(job);
            String text = texts.withJobNumber(texts.progress(percent), job.id());
            lane.edit(() -> editStatus(job, text));
        }
    }

    /** Notes what the job's status message shows, while its lane lives (never making a new one). */
    private void shown(Job job, String text) {
        StatusLane lane = lanes.get(job.id());
        if (lane != null) {
            lane.shown(text);
        }
    }

    /**
     * Edits the status message to {@code text}, unless it shows that already (a job that started at
     * once was posted as drawing): Telegram would refuse the edit, and it would take a send slot.
     */
    private void editStatus(Job job, String text) {
        Integer status = statusOf(job);
        StatusLane lane = lanes.get(job.id());
        if (status == null || lane == null || lane.shows(text)) {
            return;
        }
        try {
            api.execute(EditMessageText.builder()
                    .chatId(chat(job))
                    .messageId(status)
                    .text(text)
                    .build());
            lane.shown(text);
        } catch (TelegramApiException e) {
            LOG.debug("job {}: status edit failed: {}", job.id(), e.getMessage());
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
        StatusLane lane = lanes.get(job.id());
        ResultPost post = posts.prepare(job);
        Progress done = progress.computeIfAbsent(job.id(), id -> new Progress());
        Integer status = takenOver(job, lane, post, done);
        Optional<String> first = postResult(post, done, status);
        progress.remove(job.id());
        lanes.remove(job.id());
        if (post.answerTurnId().isPresent()) {
            posted.accept(job);
        }
        if (status != null && done.posted.contains(status)) {
            // The status message became the result's first message: it stays, no longer as a
            // status. Its record goes with the delivery's: until then a retry edits it again.
            statuses.remove(job.id(), chat(job));
            return first;
        }
        // The status message goes once the result is there, without delaying it.
        Runnable removeStatus = () -> removeStatus(job);
        if (lane == null || done.statusDropped) {
            // A step still under way on the lane that lands after this fails harmlessly; one that
            // sends the status message finds the job finished and removes that message itself.
            removeStatus.run();
        } else {
            lane.finish(removeStatus);
        }
        return first;
    }

    /** The status message the result's first message takes over, or null to post the result anew. */
    private Integer takenOver(Job job, StatusLane lane, ResultPost post, Progress done) throws TelegramApiException {
        if (done.statusDropped) {
            return null; // an earlier attempt gave up on it and posted anew: so does every retry
        }
        Integer status = statusOf(job);
        if (status != null && lane != null && startsWithPhoto(post)) {
            // Known already, and about to show a photo: a text edit still under way that lands
            // after it is refused by Telegram (a photo has no text to edit), so nothing waits for it.
            lane.finish(() -> {});
            return status;
        }
        if (settled(job, lane)) {
            return statusOf(job);
        }
        // Posted anew while the status message is still being sent or edited. Its record goes
        // first, for good: a crash or a retry after the post must not turn the message into a
        // second copy of the result. The message goes right after the post.
        statusRecords.removed(job.id());
        done.statusDropped = true;
        return null;
    }

    /**
     * Stops the job's status lane and waits for the step under way (a status message being posted or
     * edited), so the status message is known and nothing edits it after the result has taken it
     * over; false when that step has not ended within {@link #STATUS_SETTLE}, and the result is then
     * posted as new messages.
     */
    private static boolean settled(Job job, StatusLane lane) throws TelegramApiException {
        if (lane == null) {
            return true;
        }
        try {
            lane.finish(() -> {}).get(STATUS_SETTLE.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            LOG.debug("job {}: its status message is still being sent; the result is posted anew", job.id());
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramApiException("interrupted while the status message settled", e);
        }
    }

    /** Whether the result's first message is a photo (one that can take over a status message). */
    private static boolean startsWithPhoto(ResultPost post) {
        return post.variations().isEmpty()
                && post.answerTurnId().isPresent()
                && post.content() instanceof ResultPost.Content.Images;
    }

    private void removeStatus(Job job) {
        Integer status = statuses.remove(job.id(), chat(job));
        if (status == null) {
            status = job.statusMessageId().map(Integer::valueOf).orElse(null);
        }
        if (status != null && deleteQuietly(job, status)) {
            recordRemoved(job);
        }
    }

    /** Deletes one of the job's status messages; true when it is gone (also when it was already). */
    private boolean deleteQuietly(Job job, int message) {
        try {
            api.execute(
                    DeleteMessage.builder().chatId(chat(job)).messageId(message).build());
            return true;
        } catch (TelegramApiRequestException e) {
            if (e.getErrorCode() != null && e.getErrorCode() == 400) {
                return true; // already gone
            }
            LOG.debug("job {}: deleting the status message failed: {}", job.id(), e.getMessage());
        } catch (TelegramApiException e) {
            LOG.debug("job {}: deleting the status message failed: {}", job.id(), e.getMessage());
        }
        return false;
    }

    /**
     * Posts what of the result is not in the chat yet. The first message replaces {@code status}
     * (the job's status message, or null) where it can: Telegram takes an edit of the same message
     * again, so a crash between posting it and recording it cannot make a second copy.
     */
    private Optional<String> postResult(ResultPost post, Progress done, Integer status)
            throws TelegramApiException, IOException {
        Job job = post.job();
        Messages texts = Messages.forLanguage(post.recipient().language().orElse(null));
        OptionalLong answer = post.answerTurnId();
        if (post.variations().isPresent()) {
            ResultPost.Variations variations = post.variations().get();
            var steps = new Steps(job, alreadyPosted(post, done), recorder(variations), null);
            variations(post, variations, texts, steps);
            return steps.first();
        }
        if (answer.isPresent()) {
            long turn = answer.getAsLong();
            var steps =
                    new Steps(job, alreadyPosted(post, done), (place, posted) -> posts.record(turn, posted), status);
            switch (post.content()) {
                case ResultPost.Content.Images images -> photos(post, images.images(), texts, steps);
                case ResultPost.Content.Answer text -> textParts(job, text.text(), steps);
                case ResultPost.Content.Report report -> textParts(job, texts.outcome(job), steps);
            }
            return steps.first();
        }
        var steps = new Steps(job, done, Recorder.NONE, status);
        textParts(job, texts.outcome(job), steps);
        return steps.first();
    }

    /**
     * {@code done}, with the messages an earlier run posted and recorded for this answer in this
     * chat (after a restart, or on another instance) when it knows of none: posting goes on after them.
     */
    private Progress alreadyPosted(ResultPost post, Progress done) {
        if (done.posted.isEmpty()) {
            post.linkedIn(Long.toString(chat(post.job()))).stream()
                    .map(Integer::valueOf)
                    .sorted()
                    .forEach(done.posted::add);
        }
        return done;
    }

    /**
     * Several variations: each photo of the album recorded against its own image's turn, so a reply
     * to it continues from that image; the message of numbered buttons after them as showing them all.
     */
    private Recorder recorder(ResultPost.Variations variations) {
        List<ResultPost.Variation> items = variations.items();
        return (place, posted) -> {
            if (place < items.size()) {
                posts.record(items.get(place).turnId(), posted);
            } else {
                posts.recordShared(variations, posted);
            }
        };
    }

    /** A post that sends one message; returns its id. */
    private interface Step {
        int send() throws TelegramApiException, IOException;
    }

    /** A post that turns the existing message {@code message} into the next one of the result. */
    private interface Replace {
        void into(int message) throws TelegramApiException, IOException;
    }

    /** A post that sends several messages at once (an album), in order; returns their ids. */
    private interface Batch {
        List<Integer> send() throws TelegramApiException, IOException;
    }

    /**
     * The messages of a result in order; each is posted unless an earlier attempt already did, and
     * recorded at once, before anything else can come between. A record that fails is written by
     * the next attempt, before it posts anything.
     */
    private final class Steps {
        private final String chat;
        private final Progress done;
        private final Recorder recorder;
        private final Integer status;
        private int next;

        /** @param status the message the result's first message replaces, or null to post it anew */
        Steps(Job job, Progress done, Recorder recorder, Integer status) {
            this.chat = Long.toString(chat(job));
            this.done = done;
            this.recorder = recorder;
            this.status = status;
            for (var it = done.unlinked.entrySet().iterator(); it.hasNext(); ) {
                var unrecorded = it.next();
                recorder.record(unrecorded.getValue(), ref(unrecorded.getKey()));
                it.remove();
            }
        }

        private MessageRef ref(int messageId) {
            return new MessageRef(UpdateHandler.PLATFORM, chat, Integer.toString(messageId));
        }

        /** The id of the message the next step posts (or posted). */
        int run(Step step) throws TelegramApiException, IOException {
            return runAll(1, () -> List.of(step.send())).getFirst();
        }

        /**
         * Like {@link #run}, but the result's first message replaces the status message when there
         * is one: done again after a crash, the edit changes that same message. A status message that
         * can no longer be edited (deleted, or too old) leaves the message to be posted anew.
         */
        int runReplacing(Replace replace, Step step) throws TelegramApiException, IOException {
            if (next != 0 || status == null) {
                return run(step);
            }
            return run(() -> {
                try {
                    replace.into(status);
                } catch (TelegramApiRequestException e) {
                    if (!notModified(e)) {
                        if (e.getErrorCode() == null || e.getErrorCode() != 400 || refusedForGood(e)) {
                            throw e;
                        }
                        LOG.debug(
                                "status message {} could not become the result ({}); posting it anew",
                                status,
                                e.getApiResponse());
                        return step.send();
                    }
                }
                return status;
            });
        }

        /**
         * The ids of the {@code count} messages the next step posts at once (or posted). Once one of
         * them is known to be in the chat (after a restart, some of an album's records may be
         * missing), all of them are.
         */
        List<Integer> runAll(int count, Batch batch) throws TelegramApiException, IOException {
            int place = next;
            next += count;
            if (place < done.posted.size()) {
                return List.copyOf(done.posted.subList(place, Math.min(place + count, done.posted.size())));
            }
            List<Integer> ids = batch.send();
            for (int i = 0; i < ids.size(); i++) {
                done.posted.add(ids.get(i));
                done.unlinked.put(ids.get(i), place + i);
            }
            for (int i = 0; i < ids.size(); i++) {
                recorder.record(place + i, ref(ids.get(i)));
                done.unlinked.remove(ids.get(i));
            }
            return ids;
        }

        Optional<String> first() {
            return done.posted.isEmpty() ? Optional.empty() : Optional.of(Integer.toString(done.posted.getFirst()));
        }
    }

    /**
     * Telegram cannot be asked what a chat holds, so a result that may have been posted is posted
     * again: its first message as the same edit of the status message (when the job had one), the
     * rest anew.
     */
    @Override
    public DeliveryCheck check(Job job) {
        return DeliveryCheck.UNKNOWN;
    }

    private void photos(ResultPost post, List<ResultPost.Image> images, Messages texts, Steps steps)
            throws TelegramApiException, IOException {
        Job job = post.job();
        String caption = caption(post, texts);
        InlineKeyboardMarkup buttons = Replies.keyboard(List.of(post.buttons().stream()
                .map(button -> Replies.button(label(button, texts), button.id()))
                .toList()));
        for (ResultPost.Image image : images) {
            int photo = steps.runReplacing(
                    status -> editIntoPhoto(job, status, PhotoUpload.of(job, image, ""), caption, buttons),
                    () -> sendPhoto(job, PhotoUpload.of(job, image, ""), caption, buttons));
            if (!fitsAsPhoto(image.ref())) {
                // Too big for a photo: the full-quality file follows as a document.
                steps.run(() -> sendOriginal(chat(job), photo, image, image.bytes(), texts)
                        .getMessageId());
            }
        }
    }

    private static String caption(ResultPost post, Messages texts) {
        return texts.caption(
                post.caption().prompt(),
                post.caption().model(),
                post.caption().remixOf().map(author -> texts.remixCredit(author.name())));
    }

    /** One photo, in reply to the request; {@code buttons} may be null for none. */
    private int sendPhoto(Job job, PhotoUpload photo, String caption, InlineKeyboardMarkup buttons)
            throws TelegramApiException {
        return api.sendPhoto(() -> SendPhoto.builder()
                        .chatId(chat(job))
                        .photo(new InputFile(new UploadBytes(photo.bytes()), photo.name()))
                        .caption(caption)
                        .replyMarkup(buttons)
                        .replyParameters(replyingTo(job))
                        .build())
                .getMessageId();
    }

    /** Turns {@code message} (the status message, a reply to the request) into the photo. */
    private void editIntoPhoto(Job job, int message, PhotoUpload photo, String caption, InlineKeyboardMarkup buttons)
            throws TelegramApiException {
        api.editMedia(() -> {
            var media = new InputMediaPhoto(new UploadBytes(photo.bytes()), photo.name());
            media.setCaption(caption);
            return EditMessageMedia.builder()
                    .chatId(chat(job))
                    .messageId(message)
                    .media(media)
                    .replyMarkup(buttons)
                    .build();
        });
    }

    private static boolean notModified(TelegramApiRequestException e) {
        return e.getApiResponse() != null && e.getApiResponse().contains("not modified");
    }

    /**
     * The bytes a result image is uploaded as a photo with, and its file name: the image itself, or
     * when Telegram would refuse it as a photo a JPEG preview (see {@link #preview}).
     */
    private record PhotoUpload(byte[] bytes, String name) {

        /** @param suffix told apart from the other photos of the same job ("-2" for the second of an album) */
        static PhotoUpload of(Job job, ResultPost.Image image, String suffix) throws IOException {
            String name = "redraw-" + job.id() + suffix;
            return fitsAsPhoto(image.ref())
                    ? new PhotoUpload(image.bytes(), name + image.extension())
                    : new PhotoUpload(preview(image.bytes()), name + ".jpg");
        }
    }

    /** Replies to the request, and still posts when the request was deleted; null when there is no request message. */
    private static ReplyParameters replyingTo(Job job) {
        Integer request = requestMessage(job);
        return request == null
                ? null
                : ReplyParameters.builder()
                        .messageId(request)
                        .allowSendingWithoutReply(true)
                        .build();
    }

    /**
     * Several variations: one album of their photos in order, the caption on the first (Telegram
     * shows it as the album's), each photo recorded against its own image's turn; then one message of
     * numbered buttons, saying how many failed when some did. A single image made of several asked
     * for is one photo, as Telegram takes no album of one. A photo too big for Telegram is shown as a
     * preview; its 📄 button sends the file.
     *
     * <p>What a failed {@code sendMediaGroup} leaves: an error answer (a 5xx, a 429 waited out by
     * {@link TelegramApi}) means no album was posted, and the next attempt posts it; a call that got
     * no answer (a timeout, a reset) may have posted it, yet Telegram can neither be asked nor sent
     * the album idempotently, so it is posted again, as for a single photo. The album, once
     * answered, is recorded at once and never posted again, in this run (its records come first in
     * the next attempt) or after a restart (its recorded photos tell it is there).
     */
    private void variations(ResultPost post, ResultPost.Variations variations, Messages texts, Steps steps)
            throws TelegramApiException, IOException {
        Job job = post.job();
        List<ResultPost.Variation> items = variations.items();
        String caption = caption(post, texts);
        if (items.size() == 1) {
            steps.run(() -> sendPhoto(job, PhotoUpload.of(job, items.getFirst().image(), ""), caption, null));
        } else {
            steps.runAll(items.size(), () -> sendAlbum(job, items, caption));
        }
        InlineKeyboardMarkup buttons = Replies.keyboard(items.stream()
                .map(item -> item.buttons().stream()
                        .map(button -> Replies.button(
                                texts.variationButton(new ResultPost.NumberedButton(item.number(), button)),
                                button.id()))
                        .toList())
                .toList());
        steps.run(() -> api.execute(SendMessage.builder()
                        .chatId(chat(job))
                        .text(texts.variationButtons(items.size(), variations.asked()))
                        .replyMarkup(buttons)
                        .replyParameters(replyingTo(job))
                        .build())
                .getMessageId());
    }

    private List<Integer> sendAlbum(Job job, List<ResultPost.Variation> items, String caption)
            throws TelegramApiException, IOException {
        List<PhotoUpload> uploads = new ArrayList<>();
        for (ResultPost.Variation item : items) {
            uploads.add(PhotoUpload.of(job, item.image(), "-" + item.number()));
        }
        return api
                .sendMediaGroup(() -> SendMediaGroup.builder()
                        .chatId(chat(job))
                        .medias(uploads.stream()
                                .map(upload -> {
                                    var photo = new InputMediaPhoto(new UploadBytes(upload.bytes()), upload.name());
                                    if (upload == uploads.getFirst()) {
                                        photo.setCaption(caption);
                                    }
                                    return (InputMedia) photo;
                                })
                                .toList())
                        .replyParameters(replyingTo(job))
                        .build())
                .stream()
                .map(Message::getMessageId)
                .toList();
    }

    /** A result button's label in the user's language. */
    private static String label(ResultPost.Button button, Messages texts) {
        return switch (button.action()) {
            case REROLL -> texts.rerollButton();
            case EDIT -> texts.editButton();
            case ORIGINAL -> texts.originalButton();
            case SHARE -> texts.shareButton();
        };
    }

    /** A text in Telegram-sized parts, each a reply to the request; the first replaces the status message. */
    private void textParts(Job job, String text, Steps steps) throws TelegramApiException, IOException {
        for (String part : ChatText.split(text)) {
            steps.runReplacing(
                    status -> api.execute(EditMessageText.builder()
                            .chatId(chat(job))
                            .messageId(status)
                            .text(part)
                            .build()),
                    () -> api.execute(SendMessage.builder()
                                    .chatId(chat(job))
                                    .text(part)
                                    .replyParameters(replyingTo(job))
                                    .build())
                            .getMessageId());
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
                .document(new InputFile(new UploadBytes(bytes), "redraw-original" + image.extension()))
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
        posts.record(turnId, UpdateHandler.ref(posted));
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
