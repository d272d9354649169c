package dev.redraw.discord;

import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.image.ImageCodec;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobEvents;
import dev.redraw.core.job.ProgressThrottle;
import dev.redraw.core.job.QueueState;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.job.UndeliverableException;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.ResultPost;
import dev.redraw.core.request.ResultPosts;
import dev.redraw.core.text.ChatText;
import dev.redraw.core.text.Messages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import javax.imageio.ImageIO;
import net.dv8tion.jda.api.EmbedBuilder;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.IncomingWebhookClient;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.entities.MessageHistory;
import net.dv8tion.jda.api.entities.WebhookClient;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.ErrorResponse;
import net.dv8tion.jda.api.sharding.ShardManager;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.TimeUtil;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import net.dv8tion.jda.api.utils.messages.MessageEditBuilder;
import net.dv8tion.jda.api.utils.messages.MessageEditData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discord's side of the job runner: the deferred response of the interaction is edited with the
 * queue position, then progress, then the image with an embed and buttons, as the core prepared
 * them ({@link ResultPosts}); the posted message is recorded through the core. Several variations of
 * one request are one message: all the images, a row of numbered buttons for each, and a line
 * saying how many could not be made. A result over the upload limits (one file's, or the request's
 * for several files together) is re-encoded under them (📄 Original then offers the full file), and
 * a job whose interaction token has expired, or that came from a reply, is posted as a channel
 * message.
 *
 * <p>Status updates go out in the background, paced per channel and per response: only a job's
 * latest state is sent, and none once its result is being posted. Results are paced too, never
 * dropped.
 *
 * <p>Posting a result is safe to repeat, so the core can retry it (and does, until it succeeds,
 * including while Discord is not connected yet):
 *
 * <ul>
 *   <li>While the interaction token lives (15 minutes), the result is an edit of the interaction's
 *       original response, which is idempotent. The response is stored as the job's status
 *       message, so a restart still edits it.
 *   <li>Otherwise it is a channel message sent with a {@code nonce} derived from the job id and
 *       {@code enforce_nonce}: a repeat within Discord's dedupe window (a few minutes) returns the
 *       message already created. When an earlier attempt may have posted (a retry, or a crash while
 *       posting), the channel's recent messages are first searched for the result's files.
 *   <li>A status message left in the channel (also by an earlier run) is deleted once the result is
 *       posted.
 * </ul>
 *
 * <p>What remains: a text-only result (an outcome without images) posted as a channel message
 * carries no file to search for, so after a crash older than the nonce window it may be posted
 * twice; and a status message whose id was never recorded (a crash right after sending it) stays.
 */
final class DiscordDelivery implements JobEvents {

    static final String PLATFORM = "discord";
    private static final Logger LOG = LoggerFactory.getLogger(DiscordDelivery.class);
    private static final int CONTENT_LIMIT = 2000;
    private static final int MAX_SHRINKS = 4;
    /** Discord's most action rows in a message. */
    private static final int MAX_ROWS = 5;

    private static final String ORIGINAL = "@original";
    /** How many recent channel messages are searched for a result an earlier attempt may have posted. */
    private static final int SEARCHED = 100;

    /** Answers meaning the result can never be posted there. */
    private static final Set<ErrorResponse> REFUSALS = EnumSet.of(
            ErrorResponse.MISSING_ACCESS,
            ErrorResponse.UNKNOWN_CHANNEL,
            ErrorResponse.CANNOT_SEND_TO_USER,
            ErrorResponse.UNKNOWN_USER);
    /** Answers meaning the interaction token is no longer accepted. */
    private static final Set<ErrorResponse> TOKEN_REFUSED = EnumSet.of(
            ErrorResponse.UNKNOWN_WEBHOOK, ErrorResponse.INVALID_WEBHOOK_TOKEN, ErrorResponse.UNKNOWN_INTERACTION);

    private final Responses responses;
    private final ResultPosts posts;
    private final StatusRecords statuses;
    private final ProgressThrottle throttle;
    private final Clock clock;
    private final Pacer channelPacer;
    private final Pacer responsePacer;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();
    /** Jobs whose result may have been sent to a channel by an earlier, failed attempt of this run. */
    private final Set<Long> attempted = ConcurrentHashMap.newKeySet();

    private final CountDownLatch connected = new CountDownLatch(1);
    private volatile ShardManager shards;
    private final BiConsumer<Job, Boolean> posted;
    /** The shards over every instance and those this one runs, as configured (known before connecting). */
    private final ShardPlan plan;

    /**
     * @param posted told of each job whose result is posted, and whether it was shown to its owner
     *     alone (to share it where that is automatic)
     */
    DiscordDelivery(
            Responses responses,
            ChatServices core,
            ProgressThrottle throttle,
            Pacing pacing,
            ShardPlan plan,
            BiConsumer<Job, Boolean> posted) {
        this.plan = plan;
        this.posted = posted;
        this.responses = responses;
        this.throttle = throttle;
        this.posts = core.posts();
        this.statuses = core.statuses();
        this.clock = core.clock();
        this.channelPacer = pacing.channels();
        this.responsePacer = pacing.responses();
    }

    /** Discord is connected: results and status updates go out from now on. */
    void attach(ShardManager connected) {
        this.shards = connected;
        this.connected.countDown();
    }

    /** Discord is going away: results are refused (and retried by the core) from now on. */
    void detach() {
        this.shards = null;
    }

    /** The connection the job's chat is served on; null when it is not up (or another instance runs it). */
    private JDA jdaFor(Job job) {
        ShardManager current = shards;
        return current == null ? null : current.getShardById(ShardPlan.shardOf(job, current.getShardsTotal()));
    }

    /** Whether this instance runs the shard the job's chat is served on (built yet or not). */
    @Override
    public boolean reaches(Job job) {
        ShardManager current = shards;
        return current == null ? plan.runs(job) : plan.runs(job, current.getShardsTotal());
    }

    private Messages texts(Job job) {
        return Messages.forLanguage(posts.recipient(job).language().orElse(null));
    }

    @Override
    public void accepted(Job job, QueueState state) {
        remember(job);
        Messages texts = texts(job);
        show(job, texts.withJobNumber(texts.queueState(state, job.model()), job.id()));
    }

    @Override
    public void started(Job job) {
        Messages texts = texts(job);
        show(job, texts.withJobNumber(texts.generating(job.model()), job.id()));
    }

    @Override
    public void progress(Job job, int percent) {
        if (throttle.shouldShow(job.id())) {
            Messages texts = texts(job);
            show(job, texts.withJobNumber(texts.progress(percent), job.id()));
        }
    }

    /** Stores the job's interaction response with the job, so a later start can still edit it. */
    private void remember(Job job) {
        responses.live(job.requestMessageId()).ifPresent(response -> {
            String stored = response.stored();
            if (!job.statusMessageId().equals(Optional.of(stored))) {
                try {
                    statuses.posted(job.id(), stored);
                } catch (RuntimeException e) {
                    LOG.warn("job {}: its response could not be recorded: {}", job.id(), e.getMessage());
                }
            }
        });
    }

    /** A status line: the response's text while it can be edited, else one status message in the channel. */
    private void show(Job job, String text) {
        Lane lane = lanes.computeIfAbsent(job.id(), id -> new Lane(job));
        if (lane.offer(job, text)) {
            Thread.ofVirtual().name("discord-status-" + job.id()).start(() -> drain(lane));
        }
    }

    /** Sends a lane's latest text, each when the pacing allows, until there is nothing new. */
    private void drain(Lane lane) {
        try {
            connected.await();
            while (true) {
                Job job = lane.job();
                JDA current = jdaFor(job);
                if (current == null) {
                    lane.stop();
                    return;
                }
                Optional<Responses.Response> response = responses.find(job, clock.instant());
                Pacer.Slot slot = response.isPresent()
                        ? responsePacer.acquire(responseKey(response.get()))
                        : channelPacer.acquire(channelKey(job));
                lane.sending.lock();
                try {
                    String text = lane.take();
                    if (text == null) {
                        slot.unused();
                        return;
                    }
                    try {
                        showNow(current, job, lane, response, text);
                    } catch (RuntimeException e) {
                        LOG.debug("job {}: status not shown: {}", job.id(), e.getMessage());
                    } finally {
                        slot.close();
                    }
                } finally {
                    lane.sending.unlock();
                }
            }
        } catch (InterruptedException e) {
            lane.stop();
            Thread.currentThread().interrupt();
        }
    }

    private void showNow(JDA jda, Job job, Lane lane, Optional<Responses.Response> response, String text) {
        if (response.isPresent()) {
            try {
                webhook(jda, response.get()).editMessageById(ORIGINAL, text).complete();
            } catch (ErrorResponseException e) {
                if (TOKEN_REFUSED.contains(e.getErrorResponse())) {
                    responses.refused(response.get());
                }
                throw e;
            }
            return;
        }
        MessageChannel channel = channel(jda, job);
        String existing = lane.statusMessage;
        if (existing != null) {
            try {
                channel.editMessageById(existing, text).complete();
                return;
            } catch (ErrorResponseException e) {
                if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
                    throw e;
                }
            }
        }
        Message status =
                send(job, channel, new MessageCreateBuilder().setContent(text).build(), "rds" + job.id());
        lane.statusMessage = status.getId();
        statuses.posted(job.id(), status.getId());
    }

    @Override
    public Optional<String> deliver(Job job) throws Exception {
        JDA current = jdaFor(job);
        if (current == null) {
            throw new IllegalStateException("Discord is not connected yet");
        }
        String status = lanes.computeIfAbsent(job.id(), id -> new Lane(job)).close();
        throttle.done(job.id());
        ResultPost post = posts.prepare(job);
        Messages texts = Messages.forLanguage(post.recipient().language().orElse(null));
        Message posted;
        try {
            if (post.content() instanceof ResultPost.Content.Images images) {
                posted = postImages(current, post, images.images(), texts);
            } else {
                String text =
                        post.content() instanceof ResultPost.Content.Answer answer ? answer.text() : texts.outcome(job);
                posted = post(
                        current,
                        job,
                        () -> new MessageEditBuilder().setContent(shorten(text)).build());
            }
        } catch (ErrorResponseException e) {
            if (REFUSALS.contains(e.getErrorResponse())) {
                forget(job);
                throw new UndeliverableException(e.getMeaning());
            }
            throw e;
        }
        link(post, posted);
        clearStatus(current, job, status, posted);
        forget(job);
        if (post.answerTurnId().isPresent()) {
            this.posted.accept(job, posted.isEphemeral() || !posted.isFromGuild() || DiscordGallery.restricted(posted));
        }
        return Optional.of(posted.getId());
    }

    private void forget(Job job) {
        lanes.remove(job.id());
        attempted.remove(job.id());
        responses.forget(job.requestMessageId());
    }

    /** Deletes a status message left in the channel (by this run or an earlier one) once the result is there. */
    private void clearStatus(JDA jda, Job job, String status, Message posted) {
        if (status != null && !status.equals(posted.getId())) {
            try {
                channel(jda, job).deleteMessageById(status).complete();
            } catch (ErrorResponseException e) {
                if (e.getErrorResponse() != ErrorResponse.UNKNOWN_MESSAGE) {
                    LOG.info("job {}: its status message could not be removed: {}", job.id(), e.getMeaning());
                }
            } catch (RuntimeException e) {
                LOG.info("job {}: its status message could not be removed: {}", job.id(), e.getMessage());
            }
        }
        // A stored response stays recorded until the core records the result as delivered (which
        // drops it): a crash before that must still find the response, to edit it again rather than
        // post the result a second time in the channel.
        if (status != null
                || job.statusMessageId().filter(id -> !Responses.isStored(id)).isPresent()) {
            try {
                statuses.removed(job.id());
            } catch (RuntimeException e) {
                LOG.warn("job {}: its status message could not be unrecorded: {}", job.id(), e.getMessage());
            }
        }
    }

    /**
     * Whether the result was posted, when it can be told: the interaction's response already shows
     * the result's files, or the channel holds a message of the bot with them.
     */
    @Override
    public DeliveryCheck check(Job job) {
        JDA current = jdaFor(job);
        if (current == null) {
            // Not connected yet: the result is posted again, which repeats nothing (see deliver).
            return DeliveryCheck.UNKNOWN;
        }
        try {
            Optional<Responses.Response> response = responses.find(job, clock.instant());
            if (response.isPresent()) {
                Message original = webhook(current, response.get())
                        .retrieveMessageById(ORIGINAL)
                        .complete();
                return carriesResult(original, job)
                        ? new DeliveryCheck.Delivered(Optional.of(original.getId()))
                        : DeliveryCheck.NOT_DELIVERED;
            }
            return findPosted(current, job)
                    .<DeliveryCheck>map(found -> new DeliveryCheck.Delivered(Optional.of(found.getId())))
                    .orElse(DeliveryCheck.UNKNOWN);
        } catch (RuntimeException e) {
            LOG.debug("job {}: could not tell whether its result was posted: {}", job.id(), e.getMessage());
            return DeliveryCheck.UNKNOWN;
        }
    }

    private static String shorten(String text) {
        return ChatText.caption(text, "", CONTENT_LIMIT);
    }

    /**
     * Posts the images under the upload limits the bot knows of; when Discord still answers 413 (the
     * channel's limit is lower), the images are re-encoded smaller and posted again, so the result
     * is never lost to its size.
     */
    private Message postImages(JDA jda, ResultPost post, List<ResultPost.Image> images, Messages texts)
            throws Exception {
        Job job = post.job();
        UploadBudget budget = UploadBudget.under(responses
                .find(job, clock.instant())
                .map(Responses.Response::uploadLimit)
                .orElseGet(() -> guildUploadLimit(jda, job)));
        for (int attempt = 1; ; attempt++) {
            UploadBudget current = budget;
            try {
                return post(jda, job, () -> message(post, images, texts, current));
            } catch (ErrorResponseException e) {
                if (e.getErrorResponse() != ErrorResponse.REQUEST_ENTITY_TOO_LARGE || attempt >= MAX_SHRINKS) {
                    throw e;
                }
                budget = budget.shrunk(images);
                LOG.info("job {}: upload too large for the channel; re-encoding under {}", job.id(), budget);
            }
        }
    }

    private static long guildUploadLimit(JDA jda, Job job) {
        return job.origin()
                .guildId()
                .map(jda::getGuildById)
                .map(Guild::getMaxFileSize)
                .orElse(Responses.DEFAULT_UPLOAD_LIMIT);
    }

    /**
     * The result's message; its files are named after the job, so the bot can find it again. The
     * images are read from storage here, once for each try. Several variations share one message:
     * each image gets a row of numbered buttons, and a line says how many could not be made.
     */
    private static MessageEditData message(
            ResultPost post, List<ResultPost.Image> images, Messages texts, UploadBudget budget) {
        Job job = post.job();
        long[] caps = budget.caps(images);
        List<FileUpload> files = new ArrayList<>();
        boolean[] compressed = new boolean[images.size()];
        for (int i = 0; i < images.size(); i++) {
            ResultPost.Image image = images.get(i);
            byte[] bytes = image.bytes();
            if (bytes.length > caps[i]) {
                try {
                    bytes = underLimit(bytes, caps[i]);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                compressed[i] = true;
            }
            files.add(FileUpload.fromData(bytes, fileName(job) + i + (compressed[i] ? ".jpg" : image.extension())));
        }
        List<String> lines = new ArrayList<>();
        if (anyOf(compressed)) {
            lines.add(texts.extra(Messages.Extra.RESULT_COMPRESSED));
        }
        post.variations()
                .filter(variations -> variations.failed() > 0)
                .ifPresent(variations -> lines.add(texts.variationsFailed(variations.failed(), variations.asked())));
        return new MessageEditBuilder()
                .setContent(String.join("\n", lines))
                .setEmbeds(embed(post, texts))
                .setFiles(files)
                .setComponents(post.variations()
                        .map(variations -> variationRows(variations, compressed, texts))
                        .orElseGet(() -> List.of(ActionRow.of(buttons(post.buttons(), anyOf(compressed), texts)))))
                .build();
    }

    private static boolean anyOf(boolean[] flags) {
        for (boolean flag : flags) {
            if (flag) {
                return true;
            }
        }
        return false;
    }

    /** A single result's buttons; the full file is shown unless it had to be re-encoded: only then is Original offered. */
    private static List<Button> buttons(List<ResultPost.Button> buttons, boolean compressed, Messages texts) {
        return buttons.stream()
                .filter(button -> button.action() != ResultPost.Button.Action.ORIGINAL || compressed)
                .map(button -> Button.secondary(button.id(), label(button, texts)))
                .toList();
    }

    /**
     * One row per image of several variations (🔁 N ✏️ N, and 📄 N where its file was re-encoded):
     * at most {@value #MAX_ROWS} images of 3 buttons, within Discord's 5 rows of 5 buttons.
     */
    private static List<ActionRow> variationRows(
            ResultPost.Variations variations, boolean[] compressed, Messages texts) {
        List<ActionRow> rows = new ArrayList<>();
        List<ResultPost.Variation> items = variations.items();
        for (int i = 0; i < items.size(); i++) {
            // The content's images are the variations' own, in the same order.
            ResultPost.Variation item = items.get(i);
            boolean reEncoded = compressed[i];
            List<Button> row = item.buttons().stream()
                    .filter(button -> button.action() != ResultPost.Button.Action.ORIGINAL || reEncoded)
                    .map(button -> Button.secondary(
                            button.id(), texts.variationButton(new ResultPost.NumberedButton(item.number(), button))))
                    .toList();
            rows.add(ActionRow.of(row));
        }
        return rows.subList(0, Math.min(rows.size(), MAX_ROWS));
    }

    /** The start of the names of a job's result files. */
    private static String fileName(Job job) {
        return "redraw-" + job.id() + "-";
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

    private static MessageEmbed embed(ResultPost post, Messages texts) {
        ResultPost.Caption caption = post.caption();
        return new EmbedBuilder()
                .setDescription(ChatText.caption(
                        caption.prompt(),
                        caption.remixOf()
                                .map(author -> "\n\n" + texts.remixCredit(Optional.of("<@" + author.userId() + ">")))
                                .orElse(""),
                        MessageEmbed.DESCRIPTION_MAX_LENGTH))
                .addField(texts.embedLabels().get(0), caption.model(), true)
                .addField(texts.embedLabels().get(1), caption.aspectRatio().orElse("—"), true)
                .addField(texts.embedLabels().get(2), "<@" + caption.requesterId() + ">", true)
                .build();
    }

    /**
     * Edits the interaction's response while its token lives, else posts in the channel, replying to
     * the request. {@code content} is built afresh for each try: its files are read once.
     */
    private Message post(JDA jda, Job job, Supplier<MessageEditData> content) throws InterruptedException {
        Optional<Responses.Response> response = responses.find(job, clock.instant());
        if (response.isPresent()) {
            try (Pacer.Slot slot = responsePacer.acquire(responseKey(response.get()))) {
                return webhook(jda, response.get())
                        .editMessageById(ORIGINAL, content.get())
                        .complete();
            } catch (ErrorResponseException e) {
                if (!TOKEN_REFUSED.contains(e.getErrorResponse())) {
                    throw e;
                }
                LOG.info("job {}: Discord no longer accepts its response; posting in the channel", job.id());
                responses.refused(response.get());
            }
        }
        MessageChannel channel = channel(jda, job);
        if (attempted.contains(job.id()) || job.delivery() == DeliveryState.DELIVERING) {
            Optional<Message> earlier = searchPosted(jda, job);
            if (earlier.isPresent()) {
                LOG.info("job {}: its result was already posted", job.id());
                return earlier.get();
            }
        }
        attempted.add(job.id());
        try (Pacer.Slot slot = channelPacer.acquire(channelKey(job))) {
            return send(job, channel, MessageCreateData.fromEditData(content.get()), "rdr" + job.id());
        }
    }

    /**
     * Posts in the channel, replying to the request when it was a message (not an interaction). The
     * nonce makes Discord answer a repeat within its dedupe window with the message already sent.
     */
    private Message send(Job job, MessageChannel channel, MessageCreateData message, String nonce) {
        var action = channel.sendMessage(message).setNonce(nonce);
        Optional<String> replyTo = job.requestMessageId().filter(id -> !id.startsWith(Responses.PREFIX));
        if (replyTo.isPresent() && channel.getId().equals(job.origin().chatId())) {
            action = action.setMessageReference(replyTo.get()).failOnInvalidReply(false);
        }
        return action.complete();
    }

    /**
     * The bot's message in the job's channel that carries this job's result files, among the
     * messages since the job was made.
     */
    private Optional<Message> findPosted(JDA jda, Job job) {
        MessageChannel channel = channel(jda, job);
        long since = TimeUtil.getDiscordTimestamp(job.createdAt().toEpochMilli() - 60_000);
        List<Message> recent = MessageHistory.getHistoryAfter(channel, Long.toUnsignedString(since))
                .limit(SEARCHED)
                .complete()
                .getRetrievedHistory();
        return recent.stream()
                .filter(message ->
                        message.getAuthor().getIdLong() == jda.getSelfUser().getIdLong())
                .filter(message -> carriesResult(message, job))
                .findFirst();
    }

    /** {@link #findPosted}, empty when the channel cannot be read: the nonce still guards the send. */
    private Optional<Message> searchPosted(JDA jda, Job job) {
        try {
            return findPosted(jda, job);
        } catch (ErrorResponseException e) {
            LOG.info("job {}: the channel could not be searched for its result: {}", job.id(), e.getMeaning());
            return Optional.empty();
        }
    }

    private static boolean carriesResult(Message message, Job job) {
        return message.getAttachments().stream()
                .anyMatch(file -> file.getFileName().startsWith(fileName(job)));
    }

    private static IncomingWebhookClient webhook(JDA jda, Responses.Response response) {
        return WebhookClient.createClient(jda, response.applicationId(), response.token());
    }

    private static String responseKey(Responses.Response response) {
        return "i:" + response.interactionId();
    }

    private static String channelKey(Job job) {
        return "c:" + job.origin().chatId();
    }

    /**
     * The job's channel; private results asked for with a command (once their response can no
     * longer be edited), and channels not known to the bot, go to the user's direct messages.
     */
    private MessageChannel channel(JDA jda, Job job) {
        boolean privately = job.origin().guildId().isPresent()
                && job.requestMessageId()
                        .filter(id -> id.startsWith(Responses.PREFIX))
                        .isPresent()
                && posts.recipient(job).privateResults();
        MessageChannel channel = privately
                ? null
                : jda.getChannelById(MessageChannel.class, job.origin().chatId());
        if (channel != null) {
            return channel;
        }
        return jda.retrieveUserById(job.origin().userId())
                .complete()
                .openPrivateChannel()
                .complete();
    }

    /**
     * Records the posted result: for its answer's turn, so a reply to it continues the branch; a
     * message of several variations for their request, so its numbered buttons act on their own image
     * and a reply to it is asked to press one.
     */
    private void link(ResultPost post, Message posted) {
        var ref = new MessageRef(PLATFORM, posted.getChannelId(), posted.getId());
        if (post.variations().isPresent()) {
            posts.recordShared(post.variations().get(), ref);
        } else {
            post.answerTurnId().ifPresent(turn -> posts.record(turn, ref));
        }
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

    /**
     * One job's status line: the latest text waits for its turn (older ones are skipped), and the
     * lane closes for good before the result is posted, so no status overwrites a result.
     */
    private static final class Lane {
        /** Held while a status is being sent. */
        final ReentrantLock sending = new ReentrantLock();
        /** The channel message showing the job's state, if any (possibly left by an earlier run). */
        volatile String statusMessage;

        private Job job;
        private String pending;
        private boolean draining;
        private boolean closed;

        Lane(Job job) {
            this.job = job;
            this.statusMessage =
                    job.statusMessageId().filter(id -> !Responses.isStored(id)).orElse(null);
        }

        /** Sets the text to show next; true when nobody is sending yet and a sender must start. */
        synchronized boolean offer(Job latest, String text) {
            if (closed) {
                return false;
            }
            job = latest;
            pending = text;
            if (draining) {
                return false;
            }
            draining = true;
            return true;
        }

        synchronized Job job() {
            return job;
        }

        /** The text to send now; null when there is none, and the sender then stops. */
        synchronized String take() {
            String text = closed ? null : pending;
            pending = null;
            if (text == null) {
                draining = false;
            }
            return text;
        }

        synchronized void stop() {
            draining = false;
        }

        /** No more status updates: waits for one being sent, then tells the status message known. */
        String close() {
            synchronized (this) {
                closed = true;
                pending = null;
            }
            sending.lock();
            sending.unlock();
            return statusMessage;
        }
    }
}
