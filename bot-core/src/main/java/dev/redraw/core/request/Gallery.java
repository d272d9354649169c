package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.job.Job;
import dev.redraw.core.limits.RecentlyUsed;
import dev.redraw.core.settings.CommunityRules;
import dev.redraw.core.settings.CommunityStore;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.tree.Trees;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A community's gallery and its rules: managers name the gallery and set who may remix and whether
 * results are shared by themselves; authors share their results there, once each; a user's
 * {@code /forget} takes their posts down. What is posted is decided here; the platform's {@link
 * GalleryChannel} only posts and deletes.
 */
public final class Gallery {

    private static final Logger LOG = LoggerFactory.getLogger(Gallery.class);

    /** A share that has not finished in this long was cut off (its process died): another may take it over. */
    static final Duration STALE_CLAIM = Duration.ofMinutes(2);

    /**
     * How long this instance trusts what it last read of whether a community has a gallery, for
     * offering Share and sharing by itself (a gallery set on another instance shows within this);
     * a share itself always reads the database.
     */
    static final Duration KNOWN_GALLERIES = Duration.ofSeconds(30);

    /** The most communities whose gallery this instance keeps in mind. */
    private static final int KNOWN_GALLERIES_MAX = 10_000;

    /** Removals taken at once by a sweep. */
    private static final int SWEEP_BATCH = 50;

    /** Removals looked at by a sweep, of which it takes those this instance reaches. */
    private static final int SWEEP_LOOK = 1000;

    private final java.util.Map<String, java.util.concurrent.locks.ReentrantLock> sweeping =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final CommunityStore store;
    private final RemixRules remixRules;
    private final ConversationStore conversations;
    private final ImageStore images;
    private final SettingsStore settings;
    private final ResultActions results;
    private final Trees trees;
    private final Clock clock;
    private final java.util.Map<String, Known> known = RecentlyUsed.map(KNOWN_GALLERIES_MAX);

    /** What was last read of a community's gallery, and when. */
    private record Known(Optional<String> chatId, Instant readAt) {}

    public Gallery(
            CommunityStore store,
            RemixRules remixRules,
            ConversationStore conversations,
            ImageStore images,
            SettingsStore settings,
            ResultActions results,
            Trees trees,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.remixRules = Objects.requireNonNull(remixRules, "remixRules");
        this.conversations = Objects.requireNonNull(conversations, "conversations");
        this.images = Objects.requireNonNull(images, "images");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.results = Objects.requireNonNull(results, "results");
        this.trees = Objects.requireNonNull(trees, "trees");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // --- Managers

    /** What became of a manager's command. */
    public sealed interface Managed {
        /** The gallery is now chat {@code chatId}. */
        record GallerySet(String chatId) implements Managed {}

        /** The community has no gallery any more. */
        record GalleryCleared() implements Managed {}

        /** Remixing is now {@code on}; where on, only holders of {@code role} may (empty: everyone). */
        record RemixSet(boolean on, Optional<String> role) implements Managed {}

        /** Results are now shared by themselves, or not. */
        record AutoShareSet(boolean on) implements Managed {}

        /** The asker may not manage the community. */
        record NotManager() implements Managed {}

        /** Asked in a private chat, which is no community. */
        record PrivateChat() implements Managed {}
    }

    /** A community's gallery and rules, as its members may see them. */
    public record Overview(Optional<String> galleryChatId, boolean remixOn, CommunityRules rules) {
        public Overview {
            Objects.requireNonNull(galleryChatId, "galleryChatId");
            Objects.requireNonNull(rules, "rules");
        }
    }

    /** The gallery and rules of the community {@code where} is in. */
    public Overview overview(Origin where) {
        return new Overview(
                store.gallery(where.platform(), where.community()),
                remixRules.switchedOn(where.platform(), where.community()),
                store.rules(where.platform(), where.community()));
    }

    /**
     * Names chat {@code chatId} the gallery of the manager's community. The platform has checked
     * that the chat exists, that the bot may post there, and that the manager may too.
     */
    public Managed setGallery(Origin manager, Preferences.ChatRole role, String chatId) {
        Objects.requireNonNull(chatId, "chatId");
        return managed(role, () -> {
            store.setGallery(manager.platform(), manager.community(), chatId, manager.userId(), clock.instant());
            known.put(key(manager), new Known(Optional.of(chatId), clock.instant()));
            LOG.info(
                    "gallery of {} {} set to chat {} by {}",
                    manager.platform(),
                    manager.community(),
                    chatId,
                    manager.userKey());
            return new Managed.GallerySet(chatId);
        });
    }

    /** Removes the gallery of the manager's community; its posts stay. */
    public Managed clearGallery(Origin manager, Preferences.ChatRole role) {
        return managed(role, () -> {
            store.clearGallery(manager.platform(), manager.community());
            known.put(key(manager), new Known(Optional.empty(), clock.instant()));
            return new Managed.GalleryCleared();
        });
    }

    /**
     * Sets who may remix others' results in the manager's community: nobody ({@code on} false),
     * everyone ({@code role} empty), or holders of {@code role} only.
     */
    public Managed setRemix(Origin manager, Preferences.ChatRole role, boolean on, Optional<String> remixRole) {
        Objects.requireNonNull(remixRole, "remixRole");
        return managed(role, () -> {
            settings.setRemixAllowed(manager.platform(), manager.community(), on);
            if (on) {
                store.setRemixRole(manager.platform(), manager.community(), remixRole);
            }
            return new Managed.RemixSet(on, on ? remixRole : Optional.empty());
        });
    }

    /** Turns the automatic sharing of the manager's community on or off. */
    public Managed setAutoShare(Origin manager, Preferences.ChatRole role, boolean on) {
        return managed(role, () -> {
            store.setAutoShare(manager.platform(), manager.community(), on);
            return new Managed.AutoShareSet(on);
        });
    }

    private static Managed managed(Preferences.ChatRole role, java.util.function.Supplier<Managed> change) {
        return switch (role) {
            case PRIVATE_CHAT -> new Managed.PrivateChat();
            case MEMBER -> new Managed.NotManager();
            case ADMIN -> change.get();
        };
    }

    // --- Sharing

    /** What became of a share. */
    public sealed interface Shared {
        /** Posted now, as message {@code messageId} of the gallery chat {@code chatId}. */
        record Posted(String chatId, String messageId) implements Shared {}

        /** It was shared before, as message {@code messageId} of {@code chatId}: not posted again. */
        record AlreadyShared(String chatId, String messageId) implements Shared {}

        /** Another press is posting it right now. */
        record InProgress() implements Shared {}

        /** The community has no gallery. */
        record NoGallery() implements Shared {}

        /** Only the result's author may share it. */
        record NotAuthor() implements Shared {}

        /** It was shown privately (to its author alone): it is never shared. */
        record PrivateResult() implements Shared {}

        /** Remixing is off in this community: nothing of it is shared. */
        record RemixOff() implements Shared {}

        /** The pressed message shows no result the bot still knows, or no image. */
        record Gone() implements Shared {}

        /** The button's data does not match the message it was pressed under. */
        record Forged() implements Shared {}

        /** The platform did not take the post; pressing again tries again. */
        record Failed() implements Shared {}

        /** The gallery refuses the bot's posts (it was removed, or may no longer post there): a manager must act. */
        record Refused() implements Shared {}
    }

    /**
     * Shares the result of the pressed message to the community's gallery, for its author.
     *
     * @param sharer who pressed, and where
     * @param pressed the message the Share button is under; its chat must be the sharer's
     * @param buttonData the button's data as the client sent it
     * @param shownPrivately whether the pressed message was shown to its author alone (a Discord
     *     ephemeral message or a direct message)
     */
    public Shared share(
            Origin sharer, MessageRef pressed, String buttonData, boolean shownPrivately, GalleryChannel channel) {
        Turn turn;
        switch (results.press(sharer, pressed, buttonData)) {
            case ResultActions.Press.Allowed allowed -> turn = allowed.answer();
            case ResultActions.Press.Gone ignored -> {
                return new Shared.Gone();
            }
            case ResultActions.Press.Forged ignored -> {
                return new Shared.Forged();
            }
            case ResultActions.Press.NotAllowed ignored -> {
                return new Shared.NotAuthor();
            }
        }
        if (!turn.origin().platform().equals(sharer.platform())
                || !turn.origin().userId().equals(sharer.userId())) {
            return new Shared.NotAuthor();
        }
        if (turn.role() != Role.MODEL || turn.images().isEmpty()) {
            return new Shared.Gone();
        }
        if (shownPrivately || settings.user(sharer.platform(), sharer.userId()).privateResults()) {
            return new Shared.PrivateResult();
        }
        if (!remixRules.switchedOn(sharer.platform(), turn.origin().community())) {
            return new Shared.RemixOff();
        }
        Optional<String> gallery =
                store.gallery(sharer.platform(), turn.origin().community());
        if (gallery.isEmpty()) {
            return new Shared.NoGallery();
        }
        if (gallery.get().equals(pressed.chatId())) {
            // Made in the gallery itself: it is there already.
            return new Shared.AlreadyShared(gallery.get(), pressed.messageId());
        }
        return post(turn, gallery.get(), channel);
    }

    /**
     * Whether the result of {@code job} may be offered for sharing (a Share button under it): one
     * image, from a community with a gallery where remixing is on, and not shown privately.
     */
    public boolean shareable(Job job, boolean privately) {
        Origin origin = job.origin();
        // A result made in the gallery itself (a remix pressed there) is in it already.
        return !privately
                && job.variations() <= 1
                && knownGallery(origin)
                        .filter(chat -> !chat.equals(origin.chatId()))
                        .isPresent()
                && remixRules.switchedOn(origin.platform(), origin.community());
    }

    /** The gallery of the community of {@code where}, as last read at most {@link #KNOWN_GALLERIES} ago. */
    private Optional<String> knownGallery(Origin where) {
        String key = key(where);
        Instant now = clock.instant();
        Known last = known.get(key);
        if (last == null || last.readAt().plus(KNOWN_GALLERIES).isBefore(now)) {
            last = new Known(store.gallery(where.platform(), where.community()), now);
            known.put(key, last);
        }
        return last.chatId();
    }

    private static String key(Origin where) {
        return where.platform() + ":" + where.community();
    }

    /**
     * Shares a just posted result by itself where its community wants every result shared. Never
     * throws: a result is delivered whatever becomes of its share.
     *
     * @param privately whether the result was shown to its author alone
     */
    public Optional<Shared> autoShare(Job job, boolean privately, GalleryChannel channel) {
        try {
            Origin origin = job.origin();
            if (job.modelTurnId().isEmpty()
                    || knownGallery(origin).isEmpty()
                    || !shareable(
                            job,
                            privately
                                    || settings.user(origin.platform(), origin.userId())
                                            .privateResults())
                    || !store.rules(origin.platform(), origin.community()).autoShare()) {
                return Optional.empty();
            }
            Optional<Turn> turn = conversations.find(job.modelTurnId().getAsLong());
            if (turn.isEmpty() || turn.get().images().isEmpty()) {
                return Optional.empty();
            }
            Optional<String> gallery = store.gallery(origin.platform(), origin.community());
            return gallery.map(chat -> post(turn.get(), chat, channel));
        } catch (RuntimeException e) {
            LOG.warn("job {}: could not share its result automatically: {}", job.id(), e.toString());
            return Optional.empty();
        }
    }

    private Shared post(Turn turn, String galleryChatId, GalleryChannel channel) {
        String platform = turn.origin().platform();
        CommunityStore.Claim.Claimed claim;
        switch (store.claim(platform, turn.id(), turn.origin().userId(), galleryChatId, clock.instant(), STALE_CLAIM)) {
            case CommunityStore.Claim.Posted posted -> {
                return new Shared.AlreadyShared(galleryChatId, posted.messageId());
            }
            case CommunityStore.Claim.Pending ignored -> {
                return new Shared.InProgress();
            }
            case CommunityStore.Claim.Claimed claimed -> claim = claimed;
        }
        String messageId;
        try {
            messageId = channel.post(galleryPost(turn, galleryChatId, channel));
        } catch (GalleryChannel.Refused e) {
            store.release(claim.postId(), claim.claimedAt());
            LOG.warn(
                    "turn {}: gallery chat {} refuses posts ({}); its managers must act",
                    turn.id(),
                    galleryChatId,
                    e.getMessage());
            return new Shared.Refused();
        } catch (Exception e) {
            store.release(claim.postId(), claim.claimedAt());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("turn {}: the gallery post to chat {} failed: {}", turn.id(), galleryChatId, e.toString());
            return new Shared.Failed();
        }
        boolean recorded;
        try {
            recorded = store.posted(claim.postId(), claim.claimedAt(), messageId);
            if (recorded) {
                // A press of the post's Remix button, or a reply to it, continues from the result.
                conversations.link(new MessageRef(platform, galleryChatId, messageId), turn.id());
            }
        } catch (RuntimeException e) {
            // Posted but not recorded: taken down again, so a later share does not post it twice.
            LOG.warn(
                    "turn {}: gallery post {} could not be recorded ({}); taking it down",
                    turn.id(),
                    messageId,
                    e.toString());
            takeDown(galleryChatId, messageId, channel);
            release(claim);
            return new Shared.Failed();
        }
        if (!recorded) {
            // Its claim was taken over while this post was slow: the other post stands, this one goes.
            LOG.info("turn {}: gallery post {} was overtaken by another share; taking it down", turn.id(), messageId);
            takeDown(galleryChatId, messageId, channel);
            return new Shared.InProgress();
        }
        LOG.info("turn {} shared to gallery chat {} as message {}", turn.id(), galleryChatId, messageId);
        return new Shared.Posted(galleryChatId, messageId);
    }

    private void release(CommunityStore.Claim.Claimed claim) {
        try {
            store.release(claim.postId(), claim.claimedAt());
        } catch (RuntimeException e) {
            // Left pending: taken over once it is stale.
            LOG.warn("gallery post claim {} could not be released: {}", claim.postId(), e.toString());
        }
    }

    /** Deletes a gallery message nothing records; a failure is logged (the message then stays). */
    private static void takeDown(String chatId, String messageId, GalleryChannel channel) {
        try {
            channel.remove(chatId, messageId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("gallery message {} in chat {} could not be taken down: {}", messageId, chatId, e.toString());
        }
    }

    private GalleryPost galleryPost(Turn turn, String galleryChatId, GalleryChannel channel) {
        Origin author = turn.origin();
        String prompt = turn.parentId().isPresent()
                ? conversations
                        .find(turn.parentId().getAsLong())
                        .map(Turn::text)
                        .orElse("")
                : "";
        List<ResultPost.Image> shown = turn.images().stream()
                .map(ref -> new ResultPost.Image(turn.id(), ref, images::bytes))
                .toList();
        Optional<String> remixToken =
                channel.remixesByLink() ? Optional.of(trees.lastingStart(turn.id())) : Optional.empty();
        return new GalleryPost(
                galleryChatId,
                turn.id(),
                shown,
                prompt,
                turn.model().orElse(""),
                new ResultPost.Author(author.userId(), settings.name(author.platform(), author.userId())),
                settings.user(author.platform(), author.userId()).language(),
                remixToken);
    }

    // --- Forgetting

    /**
     * Takes down the gallery posts of results their authors forgot, on {@code platform}. A post
     * the platform could not be reached for stays listed for the next sweep. Never throws.
     *
     * @return how many posts were taken down
     */
    public int sweep(String platform, GalleryChannel channel) {
        // One sweep at a time in this instance: a /forget's and the timer's do not race each other.
        java.util.concurrent.locks.ReentrantLock lock =
                sweeping.computeIfAbsent(platform, key -> new java.util.concurrent.locks.ReentrantLock());
        if (!lock.tryLock()) {
            return 0;
        }
        int removed = 0;
        try {
            List<CommunityStore.Removal> due = store.forgotten(platform, SWEEP_LOOK).stream()
                    .filter(removal -> channel.reaches(removal.chatId()))
                    .limit(SWEEP_BATCH)
                    .toList();
            for (CommunityStore.Removal removal : due) {
                try {
                    if (!channel.remove(removal.chatId(), removal.messageId())) {
                        LOG.warn(
                                "gallery post {} in chat {}: the platform refuses to take it down; given up",
                                removal.messageId(),
                                removal.chatId());
                    }
                    store.removed(removal.postId());
                    removed++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return removed;
                } catch (Exception e) {
                    LOG.warn(
                            "gallery post {} in chat {}: not taken down yet ({}); tried again later",
                            removal.messageId(),
                            removal.chatId(),
                            e.toString());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("the gallery sweep of {} failed: {}", platform, e.toString());
        } finally {
            lock.unlock();
        }
        return removed;
    }
}
