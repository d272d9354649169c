package dev.redraw.core.text;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.FinishReason;
import dev.redraw.core.image.ImageNote;
import dev.redraw.core.image.ImageProblem;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.job.QueueState;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.request.CancelChoice;
import dev.redraw.core.request.Gallery;
import dev.redraw.core.request.GalleryPost;
import dev.redraw.core.request.ResultPost;
import dev.redraw.core.request.UsageReport;
import dev.redraw.core.settings.SettingProblem;
import dev.redraw.core.settings.UnusedDefault;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.SequencedMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every text the bot shows its users, in the user's language: English, simplified Chinese, or any
 * language that has a bundle beside {@link Text}. All texts are plain text, meant to be sent without
 * a parse mode.
 *
 * <p>The core hands over data (a {@link Refusal}, a job's outcome and its {@link OutcomeDetails}, a
 * {@link UsageReport}); every sentence is made here, from the bundles. Only the upstream's own words
 * (a provider's reason or error) are quoted as they came, as the details.
 */
public final class Messages {

    /** The configuration key an operator sets to give the bot a public address (not translated). */
    private static final String PUBLIC_URL_KEY = "server.public-url";

    static final Messages ENGLISH = new Messages(Text.bundle(Locale.ROOT));
    static final Messages CHINESE = new Messages(Text.bundle(Locale.CHINESE));

    private static final Map<String, Messages> BY_LANGUAGE = new ConcurrentHashMap<>();

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");
    private static final long MIB = 1024 * 1024;
    private static final long KIB = 1024;
    private static final long MEGAPIXEL = 1_000_000;
    /** How much of a prompt a cancel button shows. */
    static final int CANCEL_CHOICE_PROMPT = 40;

    private final ResourceBundle bundle;

    private Messages(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    /**
     * The texts for a platform's language code ({@code zh}, {@code zh-hans}, {@code zh-CN},
     * {@code en-US}, {@code pt_BR} …): the bundle of that language where one exists (traditional
     * Chinese variants get simplified Chinese), else English.
     */
    public static Messages forLanguage(String languageCodeOrNull) {
        if (languageCodeOrNull == null || languageCodeOrNull.isBlank()) {
            return ENGLISH;
        }
        String code = languageCodeOrNull.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = code.indexOf('-');
        String language = dash < 0 ? code : code.substring(0, dash);
        if (language.equals("zh")) {
            return CHINESE;
        }
        if (language.isEmpty() || language.equals("en") || !language.chars().allMatch(Character::isLetter)) {
            return ENGLISH;
        }
        return BY_LANGUAGE.computeIfAbsent(language, key -> {
            ResourceBundle found = Text.bundle(Locale.of(key));
            return found.getLocale().getLanguage().isEmpty() ? ENGLISH : new Messages(found);
        });
    }

    /**
     * Every language that has texts of its own besides English, as ISO 639 codes ({@code zh}):
     * the files beside {@link Text} decide.
     */
    public static List<String> languages() {
        return java.util.Arrays.stream(Locale.getISOLanguages())
                .filter(code ->
                        !code.equals("en") && Text.class.getResource("messages_" + code + ".properties") != null)
                .sorted()
                .toList();
    }

    String text(Text text, Object... arguments) {
        return text.format(bundle, arguments);
    }

    /** Whether these are the default (English) texts. */
    private boolean english() {
        return bundle.getLocale().getLanguage().isEmpty();
    }

    /**
     * The language for Telegram's {@code setMyCommands} and Discord's localisations: empty for the
     * default (English) texts, else the ISO 639 code, such as {@code zh}.
     */
    public String menuLanguageCode() {
        return bundle.getLocale().getLanguage();
    }

    /** The command menu: each command, without its slash, and its description. */
    public SequencedMap<String, String> commandMenu() {
        SequencedMap<String, String> menu = new LinkedHashMap<>();
        menu.put("imagine", text(Text.MENU_IMAGINE));
        menu.put("edit", text(Text.MENU_EDIT));
        menu.put("settings", text(Text.MENU_SETTINGS));
        menu.put("usage", text(Text.MENU_USAGE));
        menu.put("cancel", text(Text.MENU_CANCEL));
        menu.put("forget", text(Text.MENU_FORGET));
        menu.put("tree", text(Text.MENU_TREE));
        menu.put("help", text(Text.MENU_HELP));
        return menu;
    }

    /** The administrators' commands in this language. */
    public AdminTexts admin() {
        return new AdminTexts(this);
    }

    /** Descriptions of commands and options that only some platforms have. */
    public String blendCommand() {
        return text(Text.MENU_BLEND);
    }

    /** The description of a command option: prompt, ratio, model, image, job, private or remix. */
    public String optionDescription(String option) {
        return text(
                switch (option) {
                    case "prompt" -> Text.OPTION_PROMPT;
                    case "ratio" -> Text.OPTION_RATIO;
                    case "model" -> Text.OPTION_MODEL;
                    case "job" -> Text.OPTION_JOB;
                    case "private" -> Text.OPTION_PRIVATE;
                    case "remix" -> Text.OPTION_REMIX;
                    case "size" -> Text.OPTION_SIZE;
                    case "count" -> Text.OPTION_COUNT;
                    case "remix-role" -> Text.OPTION_REMIX_ROLE;
                    case "auto-share" -> Text.OPTION_AUTO_SHARE;
                    case "channel" -> Text.OPTION_GALLERY_CHANNEL;
                    default -> Text.OPTION_IMAGE;
                });
    }

    /** The labels of a result's embed fields: model, ratio, and who asked. */
    public List<String> embedLabels() {
        return List.of(text(Text.EMBED_MODEL), text(Text.EMBED_RATIO), text(Text.EMBED_ASKED_BY));
    }

    /** A note of what was changed about the images sent so they could be used (see {@link #imageNote}). */
    public String imageAdjusted(List<ImageNote> notes) {
        return text(
                Text.IMAGE_ADJUSTED,
                String.join(" ", notes.stream().map(this::imageNote).toList()));
    }

    /** A status line with its job number, which /cancel takes. */
    public String withJobNumber(String status, long jobId) {
        return text(Text.JOB_NUMBER, status, Long.toString(jobId));
    }

    /** Short texts some platforms need: button answers, the Edit image command, notes on files. */
    public String extra(Extra which) {
        return text(
                switch (which) {
                    case EDIT_IMAGE -> Text.EDIT_IMAGE_COMMAND;
                    case RESULT_COMPRESSED -> Text.RESULT_COMPRESSED;
                    case FORGET_KEPT -> Text.FORGET_KEPT;
                    case REROLLING -> Text.REROLLING;
                    case ORIGINAL_TOO_LARGE -> Text.ORIGINAL_TOO_LARGE;
                });
    }

    /** See {@link #extra}. */
    public enum Extra {
        EDIT_IMAGE,
        RESULT_COMPRESSED,
        FORGET_KEPT,
        REROLLING,
        ORIGINAL_TOO_LARGE
    }

    // --- Texts made from values

    public String welcome(String botUsername) {
        return text(Text.WELCOME, botUsername);
    }

    /** Telegram's /help: {@code botUsername} without the {@code @}. */
    public String telegramHelp(String botUsername) {
        return text(Text.HELP, botUsername, text(Text.OPTIONS), rerollButton(), editButton(), originalButton());
    }

    /**
     * Discord's /help: the bot by its name, its commands, and how messages to it are taken, which
     * depends on whether the bot may read them ({@code readsMessages}, the message-content intent);
     * {@code imageLimit}: the most images /imagine and /blend take (at least 2).
     */
    public String discordHelp(String botName, String botMention, boolean readsMessages, int imageLimit) {
        String messages = readsMessages
                ? text(Text.HELP_DISCORD_MESSAGES, botMention, text(Text.OPTIONS))
                : text(Text.HELP_DISCORD_NO_MESSAGES);
        return text(
                Text.HELP_DISCORD,
                botName,
                messages,
                rerollButton(),
                editButton(),
                originalButton(),
                extra(Extra.EDIT_IMAGE),
                imageLimit,
                discordVariationsHelp());
    }

    /** A direct message or mention on Discord while the bot may not read messages: use /imagine. */
    public String discordUseImagine() {
        return text(Text.DISCORD_USE_IMAGINE);
    }

    /** Images sent on Discord without a word of what to do with them. */
    public String discordImageNeedsText() {
        return text(Text.DISCORD_IMAGE_NEEDS_TEXT);
    }

    /** An album sent without a caption. */
    public String albumNeedsCaption() {
        return text(Text.ALBUM_NEEDS_CAPTION);
    }

    /** A command the bot does not have; {@code command} without its slash. */
    public String unknownCommand(String command) {
        return text(Text.UNKNOWN_COMMAND, command);
    }

    /**
     * A Discord message to the bot written as a command ({@code /start}), which Discord did not
     * send as one: commands are picked from Discord's menu; {@code command} without its slash.
     */
    public String discordTypedCommand(String command) {
        return text(Text.DISCORD_TYPED_COMMAND, command);
    }

    /** The original is over the upload limit of the Discord channel, {@code limitBytes}. */
    public String originalTooLargeForDiscord(long limitBytes) {
        return text(Text.ORIGINAL_TOO_LARGE_DISCORD, megabytes(limitBytes));
    }

    /** {@code ahead} jobs will start before this one; 0: it is next. */
    public String queued(int ahead) {
        return switch (ahead) {
            case 0 -> text(Text.QUEUED_NEXT);
            case 1 -> text(Text.QUEUED_ONE);
            default -> text(Text.QUEUED_MANY, ahead);
        };
    }

    public String generating(String model) {
        return text(Text.GENERATING, model);
    }

    public String progress(int percent) {
        return text(Text.PROGRESS, percent);
    }

    /**
     * A result photo's caption: the prompt and the model, in at most {@link
     * ChatText#CAPTION_LIMIT} characters (the prompt is shortened when both do not fit).
     */
    public String caption(String prompt, String model) {
        return ChatText.caption(prompt, text(Text.CAPTION_MODEL, model));
    }

    /** A result's caption with the credit a remix gives the author of the image it was made from. */
    public String caption(String prompt, String model, Optional<String> credit) {
        return ChatText.caption(
                prompt,
                text(Text.CAPTION_MODEL, model)
                        + credit.map(line -> "\n" + line).orElse(""));
    }

    /**
     * The credit a remix gives: {@code who} as the platform shows a user (a Discord mention, a
     * Telegram name); without one, to another user.
     */
    public String remixCredit(Optional<String> who) {
        return who.map(name -> text(Text.REMIX_CREDIT, name)).orElseGet(() -> text(Text.REMIX_CREDIT_UNNAMED));
    }

    // --- Galleries and community rules

    public String shareButton() {
        return text(Text.SHARE_BUTTON);
    }

    public String remixButton() {
        return text(Text.REMIX_BUTTON);
    }

    /** What a press of 📢 Share became, for its presser. */
    public String shared(Gallery.Shared shared) {
        return text(
                switch (shared) {
                    case Gallery.Shared.Posted ignored -> Text.SHARED;
                    case Gallery.Shared.AlreadyShared ignored -> Text.SHARED_ALREADY;
                    case Gallery.Shared.InProgress ignored -> Text.SHARE_IN_PROGRESS;
                    case Gallery.Shared.NoGallery ignored -> Text.SHARE_NO_GALLERY;
                    case Gallery.Shared.NotAuthor ignored -> Text.SHARE_NOT_AUTHOR;
                    case Gallery.Shared.PrivateResult ignored -> Text.SHARE_PRIVATE;
                    case Gallery.Shared.RemixOff ignored -> Text.SHARE_REMIX_OFF;
                    case Gallery.Shared.Gone ignored -> Text.IMAGE_GONE;
                    case Gallery.Shared.Forged ignored -> Text.IMAGE_GONE;
                    case Gallery.Shared.Failed ignored -> Text.SHARE_FAILED;
                    case Gallery.Shared.Refused ignored -> Text.SHARE_REFUSED;
                });
    }

    /**
     * A gallery post's caption: the prompt, cut to leave room for the rest within a Telegram
     * caption's length (a Discord embed takes more), then who made it ({@code author}, as the platform writes it; empty for one whose
     * name is not known) and with which model.
     */
    public String galleryCaption(GalleryPost post, Optional<String> author) {
        String byline =
                text(Text.GALLERY_CAPTION, author.orElseGet(() -> text(Text.GALLERY_CAPTION_UNNAMED)), post.model());
        return ChatText.caption(post.prompt(), byline);
    }

    /** Under a Telegram gallery post: what its Remix link does. */
    public String galleryRemixHint() {
        return text(Text.GALLERY_REMIX_HINT);
    }

    /** What a gallery post taken down by its author's /forget says where it could not be deleted. */
    public String galleryPostRemoved() {
        return text(Text.GALLERY_POST_REMOVED);
    }

    /**
     * What a manager's command became; {@code gallery} is the gallery as the platform writes it,
     * {@code role} the remix role so written (for a Telegram group, {@link #remixAdmins()}).
     */
    public String managed(Gallery.Managed managed, String gallery, String role) {
        return switch (managed) {
            case Gallery.Managed.GallerySet ignored -> text(Text.GALLERY_SET, gallery);
            case Gallery.Managed.GalleryCleared ignored -> text(Text.GALLERY_CLEARED);
            case Gallery.Managed.RemixSet set when !set.on() -> text(Text.REMIX_OFF);
            case Gallery.Managed.RemixSet set when set.role().isEmpty() -> text(Text.REMIX_ON);
            case Gallery.Managed.RemixSet ignored -> text(Text.REMIX_ROLE_SET, role);
            case Gallery.Managed.AutoShareSet set -> text(set.on() ? Text.AUTO_SHARE_ON : Text.AUTO_SHARE_OFF);
            case Gallery.Managed.NotManager ignored -> text(Text.NOT_ADMIN);
            // A private chat has no managers: nobody can change a community's rules there.
            case Gallery.Managed.PrivateChat ignored -> text(Text.NOT_ADMIN);
        };
    }

    /** A community's gallery and rules: {@code gallery} and {@code role} as the platform writes them. */
    public String galleryOverview(Gallery.Overview overview, Optional<String> gallery, String role) {
        String remix;
        if (!overview.remixOn()) {
            remix = text(Text.REMIX_NOBODY);
        } else if (overview.rules().remixRole().isEmpty()) {
            remix = text(Text.REMIX_EVERYONE);
        } else {
            remix = role;
        }
        return text(
                Text.GALLERY_OVERVIEW,
                gallery.orElseGet(() -> text(Text.GALLERY_NONE)),
                remix,
                text(overview.rules().autoShare() ? Text.ON : Text.OFF));
    }

    /** Who may remix where the rule names a role: {@code role} as the platform writes it. */
    public String remixRole(String role) {
        return text(Text.REMIX_ROLE, role);
    }

    /** Who may remix where only a Telegram group's administrators may. */
    public String remixAdmins() {
        return text(Text.REMIX_ADMINS);
    }

    public String galleryUsage() {
        return text(Text.GALLERY_USAGE);
    }

    public String galleryNotFound(String channel) {
        return text(Text.GALLERY_NOT_FOUND, channel);
    }

    public String galleryBotCannotPost(String channel) {
        return text(Text.GALLERY_BOT_CANNOT_POST, channel);
    }

    /** On Discord: the manager may not post in the channel they named, so it cannot be made the gallery. */
    public String galleryYouCannotPost(String channel) {
        return text(Text.GALLERY_YOU_CANNOT_POST, channel);
    }

    public String galleryNotChannelAdmin(String channel) {
        return text(Text.GALLERY_NOT_CHANNEL_ADMIN, channel);
    }

    /** Discord's /gallery and its subcommands ({@code set}, {@code off}, {@code show}): what each does. */
    public String galleryCommand(String subcommand) {
        return text(
                switch (subcommand) {
                    case "set" -> Text.GALLERY_SET_DESCRIPTION;
                    case "off" -> Text.GALLERY_OFF_DESCRIPTION;
                    case "show" -> Text.GALLERY_SHOW_DESCRIPTION;
                    default -> Text.MENU_GALLERY;
                });
    }

    public String galleryPrivateChat() {
        return text(Text.GALLERY_PRIVATE_CHAT);
    }

    public String imagineUsage() {
        return text(Text.IMAGINE_USAGE, text(Text.OPTIONS));
    }

    /** What is wrong with the options of a prompt. */
    public String invalidFlag(Flags.Invalid invalid) {
        return switch (invalid.problem()) {
            case UNKNOWN -> text(Text.UNKNOWN_FLAG, invalid.flag(), text(Text.OPTIONS));
            case MISSING_VALUE -> text(Text.FLAG_NEEDS_VALUE, invalid.flag());
            case REPEATED -> text(Text.FLAG_REPEATED, invalid.flag());
        };
    }

    /** A request the core refused before queueing it, said in this language. */
    public String refusal(Refusal refusal) {
        return text(Text.REFUSED_BEFORE_QUEUE, reason(refusal));
    }

    /** Why a request was refused, without the leading sign. */
    public String reason(Refusal refusal) {
        return switch (refusal) {
            case Refusal.NotAllowed denied ->
                text(
                        switch (denied.reason()) {
                            case DENIED -> Text.REFUSAL_DENIED;
                            case USER_NOT_LISTED -> Text.REFUSAL_USER_NOT_LISTED;
                            case CHAT_NOT_ENABLED -> Text.REFUSAL_CHAT_NOT_ENABLED;
                            case SERVER_NOT_ENABLED -> Text.REFUSAL_SERVER_NOT_ENABLED;
                            case BANNED -> Text.REFUSAL_BANNED;
                        });
            case Refusal.Paused paused -> text(Text.REFUSAL_PAUSED, time(paused.since()));
            case Refusal.SwitchedOff ignored -> text(Text.REFUSAL_SWITCHED_OFF);
            case Refusal.QuotaUsed used -> quotaUsed(used);
            case Refusal.QuotaPending pending ->
                text(Text.REFUSAL_QUOTA_PENDING, pending.limit(), window(pending.window()));
            case Refusal.QuotaTooFewLeft few ->
                text(
                        Text.REFUSAL_QUOTA_TOO_FEW_LEFT,
                        images(few.requested()),
                        images(few.limit()),
                        window(few.window()),
                        images(few.left()));
            case Refusal.ChooseVariation choose -> text(Text.REFUSAL_CHOOSE_VARIATION, choose.count());
            case Refusal.GlobalQuotaUsed global ->
                text(
                        Text.REFUSAL_GLOBAL_QUOTA,
                        global.cap(),
                        time(global.resetsAt()),
                        in(global.now(), global.resetsAt()));
            case Refusal.Restarting ignored -> text(Text.REFUSAL_RESTARTING);
            case Refusal.ImageGone ignored -> imageGone();
            case Refusal.ImageExpired ignored -> text(Text.IMAGE_EXPIRED);
            case Refusal.BusyForgetting ignored -> forgetBusy();
            case Refusal.UnknownModel unknown ->
                text(Text.REFUSAL_UNKNOWN_MODEL, unknown.model(), String.join(", ", unknown.available()));
            case Refusal.EmptyInstruction ignored -> text(Text.REFUSAL_EMPTY_INSTRUCTION);
            case Refusal.PromptTooLong tooLong ->
                text(Text.REFUSAL_PROMPT_TOO_LONG, tooLong.chars(), tooLong.model(), tooLong.max());
            case Refusal.TakesNoImages none ->
                none.editors().isEmpty()
                        ? text(Text.REFUSAL_TAKES_NO_IMAGES, none.model())
                        : text(Text.REFUSAL_TEXT_ONLY_MODEL, none.model(), String.join(", ", none.editors()));
            case Refusal.TooManyImages many ->
                text(
                        many.max() == 1 ? Text.REFUSAL_TOO_MANY_IMAGES_ONE : Text.REFUSAL_TOO_MANY_IMAGES,
                        many.sent(),
                        many.model(),
                        many.max());
            case Refusal.ImageTooLarge large ->
                text(Text.REFUSAL_IMAGE_TOO_LARGE, megabytes(large.bytes()), large.model(), megabytes(large.max()));
            case Refusal.UnsupportedRatio ratio ->
                text(Text.REFUSAL_UNSUPPORTED_RATIO, ratio.typed(), ratio.model(), oneOf(ratio.accepted()));
            case Refusal.NoSizeChoice none -> text(Text.REFUSAL_NO_SIZE_CHOICE, none.model());
            case Refusal.UnsupportedSize size ->
                text(Text.REFUSAL_UNSUPPORTED_SIZE, size.model(), oneOf(size.accepted()), size.size());
            case Refusal.UnsuitablePixels pixels ->
                text(Text.REFUSAL_PIXELS, pixels.pixels(), pixels.model(), pixelProblem(pixels.problem()));
            case Refusal.UnsupportedQuality quality ->
                quality.accepted().isEmpty()
                        ? text(Text.REFUSAL_NO_QUALITY_CHOICE, quality.model())
                        : text(
                                Text.REFUSAL_UNSUPPORTED_QUALITY,
                                quality.model(),
                                oneOf(quality.accepted()),
                                quality.quality());
            case Refusal.TakesNoMask mask -> text(Text.REFUSAL_TAKES_NO_MASK, mask.model());
            case Refusal.UnsuitableMask mask ->
                text(
                        switch (mask.problem()) {
                            case NO_IMAGE -> Text.REFUSAL_MASK_NO_IMAGE;
                            case NOT_PNG -> Text.REFUSAL_MASK_NOT_PNG;
                            case OTHER_SIZE -> Text.REFUSAL_MASK_OTHER_SIZE;
                            case TOO_LARGE -> Text.REFUSAL_MASK_TOO_LARGE;
                        },
                        mask.model());
            case Refusal.NeedsPublicUrl links -> text(Text.REFUSAL_NEEDS_PUBLIC_URL, links.model(), PUBLIC_URL_KEY);
            case Refusal.NeedsInputImage needs -> text(Text.REFUSAL_NEEDS_INPUT_IMAGE, needs.model());
        };
    }

    private String pixelProblem(Refusal.PixelProblem problem) {
        return switch (problem) {
            case Refusal.PixelProblem.EdgeTooLong edge -> text(Text.PIXEL_EDGE_TOO_LONG, edge.maxEdge());
            case Refusal.PixelProblem.NotMultipleOf multiple -> text(Text.PIXEL_NOT_MULTIPLE, multiple.multipleOf());
            case Refusal.PixelProblem.TooStretched stretched ->
                text(
                        Text.PIXEL_TOO_STRETCHED,
                        BigDecimal.valueOf(stretched.maxAspect())
                                .stripTrailingZeros()
                                .toPlainString());
            case Refusal.PixelProblem.PixelCount count -> text(Text.PIXEL_COUNT, count.minPixels(), count.maxPixels());
        };
    }

    /** {@code a, b or c} in this language. */
    private String oneOf(List<String> choices) {
        if (choices.isEmpty()) {
            return "";
        }
        String joined = choices.getFirst();
        for (int i = 1; i < choices.size() - 1; i++) {
            joined = text(Text.LIST_MORE, joined, choices.get(i));
        }
        return choices.size() == 1 ? joined : text(Text.LIST_LAST, joined, choices.getLast());
    }

    /** The answer to /tree: the page's link, private, until {@code expiresAt}. */
    public String treeLink(java.net.URI url, Instant expiresAt) {
        return text(Text.TREE_LINK, url, time(expiresAt));
    }

    public String treeNone() {
        return text(Text.TREE_NONE);
    }

    public String treeSentPrivately() {
        return text(Text.TREE_SENT_PRIVATELY);
    }

    /** In a group: the link goes to a private chat, which the user has not started; {@code botUsername} without the {@code @}. */
    public String treeNeedsPrivateChat(String botUsername) {
        return text(Text.TREE_NEEDS_PRIVATE_CHAT, botUsername);
    }

    /** Discord's message context menu that answers with a result's tree page. */
    public String treeMenu() {
        return text(Text.TREE_MENU);
    }

    public String treeUnavailable() {
        return text(Text.TREE_UNAVAILABLE);
    }

    /** The caption of an image a continue link opened. */
    public String continueHere() {
        return text(Text.CONTINUE_HERE);
    }

    /** A continue link to someone else's image, from a chat that lets only its author continue it. */
    public String continueNotAllowed() {
        return text(Text.CONTINUE_NOT_ALLOWED);
    }

    public String continueGone() {
        return text(Text.CONTINUE_GONE);
    }

    /** The texts of a tree page. */
    public TreePageTexts treePage() {
        return new TreePageTexts(this);
    }

    /** The words of a tree page, in one language. */
    public static final class TreePageTexts {
        private final Messages texts;

        private TreePageTexts(Messages texts) {
            this.texts = texts;
        }

        /** The page's language as HTML names it: {@code en}, {@code zh}. */
        public String language() {
            String code = texts.menuLanguageCode();
            return code.isEmpty() ? "en" : code;
        }

        public String title() {
            return texts.text(Text.TREE_PAGE_TITLE);
        }

        public String intro(int images, Instant expiresAt) {
            return texts.text(Text.TREE_PAGE_INTRO, images, time(expiresAt));
        }

        public String truncated(int steps) {
            return texts.text(Text.TREE_PAGE_TRUNCATED, steps);
        }

        public String photos() {
            return texts.text(Text.TREE_PAGE_PHOTOS);
        }

        public String noWords() {
            return texts.text(Text.TREE_PAGE_NO_WORDS);
        }

        public String openDiscord() {
            return texts.text(Text.TREE_PAGE_OPEN_DISCORD);
        }

        public String continueTelegram() {
            return texts.text(Text.TREE_PAGE_CONTINUE_TELEGRAM);
        }

        public String marked() {
            return texts.text(Text.TREE_PAGE_MARKED);
        }

        public String empty() {
            return texts.text(Text.TREE_PAGE_EMPTY);
        }
    }

    static String time(java.time.Instant instant) {
        return TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    /** "in 5 min", "in 2 h 10 min", rounded up to the minute. */
    private String in(java.time.Instant now, java.time.Instant then) {
        long minutes = Math.max(1, (Duration.between(now, then).toSeconds() + 59) / 60);
        return minutes < 60 ? text(Text.IN_MINUTES, minutes) : text(Text.IN_HOURS, minutes / 60, minutes % 60);
    }

    /** The settings screen; an empty ratio or size stands for the model's default. */
    public String settingsTitle(String model, Optional<String> ratio, Optional<String> size) {
        return text(
                Text.SETTINGS_TITLE, model, ratio.orElseGet(this::defaultChoice), size.orElseGet(this::defaultChoice));
    }

    /** A change of the user's defaults that was not saved, and why. */
    public String settingRefused(SettingProblem problem) {
        return text(
                Text.SETTING_NOT_SAVED,
                switch (problem) {
                    case SettingProblem.UnknownModel unknown ->
                        text(Text.SETTING_UNKNOWN_MODEL, unknown.model(), oneOf(unknown.available()));
                    case SettingProblem.UnsupportedRatio ratio ->
                        text(Text.SETTING_UNSUPPORTED_RATIO, ratio.ratio(), ratio.model(), oneOf(ratio.accepted()));
                    case SettingProblem.NoSizeChoice none -> text(Text.SETTING_NO_SIZE_CHOICE, none.model());
                    case SettingProblem.UnsupportedSize size ->
                        text(Text.SETTING_UNSUPPORTED_SIZE, size.model(), oneOf(size.accepted()), size.size());
                    case SettingProblem.Malformed ignored -> text(Text.SETTING_MALFORMED);
                });
    }

    /** A stored default left out of a request, or of the user's next ones, because it does not fit. */
    public String unusedDefault(UnusedDefault unused) {
        return switch (unused) {
            case UnusedDefault.Model model -> text(Text.DEFAULT_UNUSED_MODEL, model.stored(), model.used());
            case UnusedDefault.Ratio ratio -> text(Text.DEFAULT_UNUSED_RATIO, ratio.ratio(), ratio.model());
            case UnusedDefault.Size size -> text(Text.DEFAULT_UNUSED_SIZE, size.size(), size.model());
        };
    }

    /** The answer to a press on another user's settings menu; {@code owner} names them where the platform says. */
    public String menuNotYours(Optional<String> owner) {
        return owner.map(name -> text(Text.MENU_NOT_YOURS, name)).orElseGet(() -> text(Text.MENU_NOT_YOURS_UNNAMED));
    }

    /** The reply to {@code /usage}; may be longer than one message, see {@link ChatText#split}. */
    public String usage(UsageReport report) {
        Quotas.Status own = report.own();
        String window = window(own.window());
        List<String> lines = new ArrayList<>();
        lines.add(text(Text.USAGE_TITLE));
        lines.add("");
        String made = own.used() == 0
                ? text(Text.USAGE_MADE_NONE, window)
                : text(Text.USAGE_MADE, images(own.used()), window);
        if (report.admin()) {
            lines.add(text(Text.SENTENCES, text(Text.USAGE_ADMIN_OWN), made));
            lines.add(text(report.everyone().isEmpty() ? Text.USAGE_NOBODY : Text.USAGE_EVERYONE, report.days()));
            for (JobStore.UsageRow row : report.everyone()) {
                String user = row.platform() + ":" + row.userId();
                lines.add(text(Text.USAGE_ROW, row.day(), user, row.chatId(), row.model(), images(row.images())));
            }
        } else {
            lines.add(text(Text.SENTENCES, made, standing(own, report.at())));
            if (own.granted() > 0) {
                lines.add(text(Text.USAGE_GRANTED, images(own.granted())));
            }
        }
        return String.join("\n", lines);
    }

    /** What a user may still make, and when they may make more once they cannot. */
    private String standing(Quotas.Status own, Instant now) {
        return switch (own.standing()) {
            case SWITCHED_OFF -> text(Text.REFUSAL_SWITCHED_OFF);
            case UNDER -> text(Text.USAGE_LEFT, images(own.limit()), own.left());
            case AT -> {
                Instant free = own.freeAgainAt(now).orElseThrow();
                yield text(Text.USAGE_AT_LIMIT, time(free), in(now, free));
            }
            case OVER -> {
                Instant free = own.freeAgainAt(now).orElseThrow();
                yield text(Text.USAGE_OVER_LIMIT, images(own.limit()), window(own.window()), time(free), in(now, free));
            }
        };
    }

    /** The quota is used up: the next image frees one, or several must leave the window first. */
    private String quotaUsed(Refusal.QuotaUsed used) {
        String made = images(used.used());
        String window = window(used.window());
        String at = time(used.nextFree());
        String in = in(used.now(), used.nextFree());
        if (used.nextOneFrees()) {
            return text(Text.REFUSAL_QUOTA_USED, made, window, at, in);
        }
        return used.inProgress() > 0
                ? text(Text.REFUSAL_QUOTA_OVER_IN_PROGRESS, made, window, images(used.limit()), at, in)
                : text(Text.REFUSAL_QUOTA_OVER, made, window, images(used.limit()), at, in);
    }

    /** "1 image", "5 images". */
    String images(long count) {
        return count == 1 ? text(Text.COUNT_IMAGES_ONE) : text(Text.COUNT_IMAGES, count);
    }

    /** "24 h", "7 days", "90 min". */
    String window(Duration window) {
        if (window.toDays() > 1 && window.equals(Duration.ofDays(window.toDays()))) {
            return text(Text.WINDOW_DAYS, window.toDays());
        }
        if (window.toHours() > 0 && window.equals(Duration.ofHours(window.toHours()))) {
            return text(Text.WINDOW_HOURS, window.toHours());
        }
        return text(Text.WINDOW_MINUTES, window.toMinutes());
    }

    /** The reply to a cancel request, by what the core did. */
    public String cancelResult(JobRunner.CancelResult result, long jobId) {
        Text text = switch (result) {
            case CANCELLED -> Text.CANCELLED;
            case CANCELLING -> Text.CANCELLING;
            case ALREADY_FINISHED -> Text.ALREADY_FINISHED;
            case NOT_YOURS -> Text.NOT_YOUR_JOB;
            case NOT_FOUND -> Text.JOB_NOT_FOUND;
        };
        return text(text, jobId);
    }

    /**
     * What to tell the user about a finished job: for a failure, what happened and, where it is the
     * user's to fix, what to change (rephrase after a policy refusal, fix what a bad request names,
     * try again when rate limited, later when the quota is used up, again after a failure; a refused
     * key is the operator's to fix). The upstream's own words follow as the details.
     */
    public String outcome(Job job) {
        OutcomeKind kind = job.outcome().orElseThrow();
        return job.outcomeDetails()
                .map(details -> outcome(kind, details, job.outcomeMessage()))
                .orElseGet(() -> storedSentence(kind, job.outcomeMessage()));
    }

    /**
     * An outcome from its facts; {@code modelText} is the model's own words, for a text answer.
     *
     * @see #outcome(Job)
     */
    public String outcome(OutcomeKind kind, OutcomeDetails details, Optional<String> modelText) {
        return switch (kind) {
            case IMAGES -> text(Text.DONE);
            case TEXT_ONLY -> textOnly(modelText.orElse(""));
            case REFUSED -> failure("🚫", text(Text.REFUSED), details);
            case REJECTED ->
                failure(
                        "✋",
                        text(details.change()
                                .map(change -> switch (change) {
                                    case SMALLER -> Text.REJECTED_SMALLER;
                                    case SIZE_OR_RATIO -> Text.REJECTED_SIZE_OR_RATIO;
                                    case MODEL -> Text.REJECTED_MODEL;
                                    case PROMPT_OR_IMAGES -> Text.REJECTED;
                                })
                                .orElse(Text.REJECTED)),
                        details);
            // The upstream's words about the bot's key or account are the operator's business.
            case UNAUTHORIZED -> "🔑 " + text(Text.UNAUTHORIZED);
            case RATE_LIMITED ->
                "⏳ "
                        + (details.retryAfterSeconds().isPresent()
                                ? text(
                                        Text.RATE_LIMITED_RETRY_IN,
                                        details.retryAfterSeconds().getAsLong())
                                : text(Text.RATE_LIMITED));
            case QUOTA_EXHAUSTED -> "🪫 " + text(Text.QUOTA_EXHAUSTED);
            case FAILED ->
                details.problem()
                        .map(problem -> switch (problem) {
                            case MODEL_GONE ->
                                "❌ " + text(Text.MODEL_GONE, details.model().orElse("?"));
                            case INTERNAL_ERROR -> "❌ " + internalError();
                        })
                        .orElseGet(() -> failure(
                                "❌", text(worthAnotherTry(details) ? Text.FAILED : Text.FAILED_PERMANENT), details));
            case CANCELLED -> text(Text.JOB_CANCELLED);
            case INTERRUPTED -> text(Text.INTERRUPTED);
        };
    }

    /**
     * Whether to tell the user to simply try again: the upstream said so, or what failed was the
     * bot's wait or its providers rather than the request.
     */
    private static boolean worthAnotherTry(OutcomeDetails details) {
        return details.transientFailure()
                || details.cause()
                        .map(cause -> switch (cause.kind()) {
                            case TASK_TIMEOUT,
                                    INTERRUPTED,
                                    CANCELLED,
                                    ALL_PROVIDERS_FAILING,
                                    PROVIDER_GONE,
                                    CANNOT_RESUME -> true;
                            default -> false;
                        })
                        .orElse(false);
    }

    /**
     * A job stored before outcomes were kept as data: its {@code outcomeMessage} is the English
     * sentence the core wrote then. English shows it as written; any other language says the
     * kind's explanation and leaves the English sentence out.
     */
    private String storedSentence(OutcomeKind kind, Optional<String> sentence) {
        Optional<String> stored = sentence.filter(message -> !message.isBlank());
        if (english()
                && stored.isPresent()
                && !kind.succeeded()
                && kind != OutcomeKind.CANCELLED
                && kind != OutcomeKind.INTERRUPTED) {
            return icon(kind) + " " + stored.get();
        }
        OutcomeDetails general = kind == OutcomeKind.FAILED ? OutcomeDetails.failure(true) : OutcomeDetails.NONE;
        return outcome(kind, general, kind.succeeded() ? sentence : Optional.empty());
    }

    private static String icon(OutcomeKind kind) {
        return switch (kind) {
            case REFUSED -> "🚫";
            case REJECTED -> "✋";
            case UNAUTHORIZED -> "🔑";
            case RATE_LIMITED -> "⏳";
            case QUOTA_EXHAUSTED -> "🪫";
            default -> "❌";
        };
    }

    /** The model answered in words only; {@code text} is its answer. */
    private String textOnly(String text) {
        return text.isBlank() ? text(Text.TEXT_ONLY_EMPTY) : text(Text.TEXT_ONLY, text);
    }

    /**
     * Our explanation, then why where the bot can tell, then the upstream's own words, labelled as
     * theirs.
     */
    private String failure(String icon, String explanation, OutcomeDetails details) {
        return icon + " " + explanation
                + details.cause().map(cause -> text(Text.CAUSE, cause(cause))).orElse("")
                + details.detail()
                        .filter(detail -> !detail.isBlank())
                        .map(detail -> text(Text.UPSTREAM_WORDS, detail))
                        .orElse("");
    }

    /** Why an outcome came about, said in this language without a leading capital or full stop. */
    private String cause(Cause cause) {
        long number = cause.number().orElse(0);
        String name = cause.name().orElse("?");
        return switch (cause.kind()) {
            case TIMEOUT -> text(Text.CAUSE_TIMEOUT, duration(number));
            case UNREACHABLE -> text(Text.CAUSE_UNREACHABLE);
            case ANSWER_TOO_LARGE -> text(Text.CAUSE_ANSWER_TOO_LARGE);
            case NOT_JSON -> text(Text.CAUSE_NOT_JSON);
            case EMPTY_ANSWER -> text(Text.CAUSE_EMPTY_ANSWER);
            case NO_IMAGE -> text(Text.CAUSE_NO_IMAGE);
            case NOT_AN_IMAGE -> text(Text.CAUSE_NOT_AN_IMAGE);
            case DAMAGED_IMAGE -> text(Text.CAUSE_DAMAGED_IMAGE);
            case NO_TASK -> text(Text.CAUSE_NO_TASK);
            case UNKNOWN_TASK_STATUS -> text(Text.CAUSE_UNKNOWN_TASK_STATUS, name);
            case TASK_GAVE_UP -> text(Text.CAUSE_TASK_GAVE_UP);
            case TASK_UNREPORTED -> text(Text.CAUSE_TASK_UNREPORTED);
            case TASK_TIMEOUT -> text(Text.CAUSE_TASK_TIMEOUT, duration(number));
            case INTERRUPTED -> text(Text.CAUSE_INTERRUPTED);
            case CANCELLED -> text(Text.CAUSE_CANCELLED);
            case ALL_PROVIDERS_FAILING -> text(Text.CAUSE_ALL_PROVIDERS_FAILING, name);
            case PROVIDER_GONE -> text(Text.CAUSE_PROVIDER_GONE, name);
            case CANNOT_RESUME -> text(Text.CAUSE_CANNOT_RESUME, name);
            case HTTP_STATUS -> text(Text.CAUSE_HTTP_STATUS, number);
            case DOWNLOAD_HTTP_STATUS -> text(Text.CAUSE_DOWNLOAD_HTTP_STATUS, number);
            case DOWNLOAD_FAILED -> text(Text.CAUSE_DOWNLOAD_FAILED);
            case DOWNLOAD_REDIRECTS -> text(Text.CAUSE_DOWNLOAD_REDIRECTS);
            case DOWNLOAD_TOO_LARGE -> text(Text.CAUSE_DOWNLOAD_TOO_LARGE, bytes(number, RoundingMode.FLOOR));
            case DOWNLOAD_HOST_UNKNOWN -> text(Text.CAUSE_DOWNLOAD_HOST_UNKNOWN);
            case DOWNLOAD_NOT_HTTP -> text(Text.CAUSE_DOWNLOAD_NOT_HTTP);
            case DOWNLOAD_PRIVATE_ADDRESS -> text(Text.CAUSE_DOWNLOAD_PRIVATE_ADDRESS);
            case FINISH_REASON -> finishReason(cause.name());
            case PROMPT_BLOCKED -> text(Text.CAUSE_PROMPT_BLOCKED, name);
        };
    }

    /** Why the model stopped without an image: a reason the bot knows with its code, or the code alone. */
    private String finishReason(Optional<String> code) {
        if (code.isEmpty()) {
            return text(Text.FINISH_NO_REASON);
        }
        return FinishReason.of(code.get())
                .map(reason -> text(
                        Text.WITH_CODE,
                        text(
                                switch (reason) {
                                    case IMAGE_SAFETY -> Text.FINISH_IMAGE_SAFETY;
                                    case IMAGE_PROHIBITED_CONTENT -> Text.FINISH_IMAGE_PROHIBITED_CONTENT;
                                    case IMAGE_RECITATION -> Text.FINISH_IMAGE_RECITATION;
                                    case SAFETY -> Text.FINISH_SAFETY;
                                    case PROHIBITED_CONTENT -> Text.FINISH_PROHIBITED_CONTENT;
                                    case BLOCKLIST -> Text.FINISH_BLOCKLIST;
                                    case SPII -> Text.FINISH_SPII;
                                    case RECITATION -> Text.FINISH_RECITATION;
                                    case MAX_TOKENS -> Text.FINISH_MAX_TOKENS;
                                    case NO_IMAGE -> Text.FINISH_NO_IMAGE;
                                    case IMAGE_OTHER -> Text.FINISH_IMAGE_OTHER;
                                }),
                        code.get()))
                .orElseGet(() -> text(Text.FINISH_OTHER, code.get()));
    }

    /** "45 s", "2 min", "1 h": a wait the bot gave up after. */
    private String duration(long seconds) {
        return seconds >= 60 && seconds % 60 == 0
                ? window(Duration.ofSeconds(seconds))
                : text(Text.DURATION_SECONDS, seconds);
    }

    /**
     * An image of a request that could not be used, and so nothing was: which one ({@code position}
     * of {@code count}, with its file {@code name} where it has one) and why.
     */
    public String imageRejected(int position, int count, String name, ImageProblem problem) {
        switch (problem) {
            case ImageProblem.TooLargeToDownload large -> {
                return text(Text.PHOTO_TOO_LARGE, megabytes(large.size()), megabytes(large.maxBytes()));
            }
            default -> {}
        }
        String reason = imageProblem(problem);
        if (count > 1) {
            reason = name == null || name.isBlank()
                    ? text(Text.INTAKE_WHICH, position, count, reason)
                    : text(Text.INTAKE_WHICH_NAMED, position, count, name, reason);
        }
        return text(Text.REFUSED_BEFORE_QUEUE, reason);
    }

    /** Why an image cannot be used, said in this language. */
    public String imageProblem(ImageProblem problem) {
        return switch (problem) {
            case ImageProblem.NotAnImage ignored -> text(Text.INTAKE_NOT_AN_IMAGE);
            case ImageProblem.Corrupt ignored -> text(Text.INTAKE_CORRUPT);
            case ImageProblem.UnsupportedJpeg ignored -> text(Text.INTAKE_UNSUPPORTED_JPEG);
            case ImageProblem.NoReader none -> text(Text.INTAKE_NO_READER, none.format());
            // The image's size rounds up and the limit down, so the two never print as equal.
            case ImageProblem.TooManyPixels pixels ->
                text(
                        Text.INTAKE_TOO_MANY_PIXELS,
                        dimensions(pixels.width(), pixels.height()),
                        pixels((long) pixels.width() * pixels.height(), RoundingMode.CEILING),
                        pixels(pixels.maxPixels(), RoundingMode.FLOOR));
            case ImageProblem.TooLarge large ->
                text(
                        Text.INTAKE_TOO_LARGE,
                        bytes(large.size(), RoundingMode.CEILING),
                        bytes(large.maxBytes(), RoundingMode.FLOOR));
            case ImageProblem.TooLargeToDownload large ->
                text(Text.PHOTO_TOO_LARGE, megabytes(large.size()), megabytes(large.maxBytes()));
            case ImageProblem.DownloadFailed ignored -> text(Text.INTAKE_DOWNLOAD_FAILED);
        };
    }

    /** What was changed about an accepted image, said in this language. */
    public String imageNote(ImageNote note) {
        return switch (note) {
            case ImageNote.FirstFrameOnly first -> text(Text.NOTE_FIRST_FRAME, first.format());
            case ImageNote.Shrunk shrunk ->
                text(
                        shrunk.convertedFirst() ? Text.NOTE_SHRUNK_CONVERTED : Text.NOTE_SHRUNK,
                        bytes(shrunk.size(), RoundingMode.CEILING),
                        bytes(shrunk.maxBytes(), RoundingMode.FLOOR),
                        dimensions(shrunk.width(), shrunk.height()),
                        shrunk.format(),
                        bytes(shrunk.newSize(), RoundingMode.FLOOR));
        };
    }

    static String dimensions(int width, int height) {
        return width + "\u00d7" + height;
    }

    /** "12.4 MB", "7 MB", "512 KB", "100 bytes" (binary units, one decimal at most). */
    String bytes(long bytes, RoundingMode rounding) {
        if (bytes >= MIB) {
            return oneDecimal(bytes, MIB, rounding) + " MB";
        }
        if (bytes >= KIB) {
            return oneDecimal(bytes, KIB, rounding) + " KB";
        }
        return text(Text.UNIT_BYTES, bytes);
    }

    /** "400 megapixels", "2.1 megapixels", or plain pixels below a tenth of a megapixel. */
    String pixels(long pixels, RoundingMode rounding) {
        if (pixels >= MEGAPIXEL / 10) {
            return text(Text.UNIT_MEGAPIXELS, oneDecimal(pixels, MEGAPIXEL, rounding));
        }
        return text(Text.UNIT_PIXELS, pixels);
    }

    private static String oneDecimal(long value, long unit, RoundingMode rounding) {
        return BigDecimal.valueOf(value)
                .divide(BigDecimal.valueOf(unit), 1, rounding)
                .stripTrailingZeros()
                .toPlainString();
    }

    /**
     * A size in megabytes (binary), one decimal at most, rounded up so a size over a limit never
     * prints as the limit: "20 MB", "23.5 MB".
     */
    static String megabytes(long bytes) {
        return BigDecimal.valueOf(bytes)
                        .divide(BigDecimal.valueOf(MIB), 1, RoundingMode.CEILING)
                        .stripTrailingZeros()
                        .toPlainString()
                + " MB";
    }

    // --- Fixed texts

    public String rerollButton() {
        return text(Text.REROLL_BUTTON);
    }

    public String editButton() {
        return text(Text.EDIT_BUTTON);
    }

    public String originalButton() {
        return text(Text.ORIGINAL_BUTTON);
    }

    /** The force-reply question after Edit was pressed. */
    public String editPrompt() {
        return text(Text.EDIT_PROMPT);
    }

    /** The placeholder of the force-reply input field (Telegram allows 64 characters). */
    public String editPlaceholder() {
        return text(Text.EDIT_PLACEHOLDER);
    }

    public String emptyPrompt() {
        return text(Text.EMPTY_PROMPT);
    }

    public String editNeedsReply() {
        return text(Text.EDIT_NEEDS_REPLY);
    }

    public String photoNeedsCaption() {
        return text(Text.PHOTO_NEEDS_CAPTION);
    }

    public String notAnImage() {
        return text(Text.NOT_AN_IMAGE);
    }

    /** The choice that leaves a setting to the model's default. */
    private String defaultChoice() {
        return text(Text.DEFAULT_CHOICE);
    }

    /** The settings button that leaves the aspect ratio to the model's default. */
    public String ratioDefaultButton() {
        return text(Text.RATIO_DEFAULT_BUTTON);
    }

    /** The settings button that leaves the image size to the model's default. */
    public String sizeDefaultButton() {
        return text(Text.SIZE_DEFAULT_BUTTON);
    }

    public String settingsSaved() {
        return text(Text.SETTINGS_SAVED);
    }

    public String remixOn() {
        return text(Text.REMIX_ON);
    }

    public String remixOff() {
        return text(Text.REMIX_OFF);
    }

    public String remixNotAllowed() {
        return text(Text.REMIX_NOT_ALLOWED);
    }

    public String notAdmin() {
        return text(Text.NOT_ADMIN);
    }

    public String nothingToCancel() {
        return text(Text.NOTHING_TO_CANCEL);
    }

    /** The question of a bare /cancel when the user has {@code jobs} requests in progress in the chat. */
    public String cancelWhich(int jobs) {
        return text(Text.CANCEL_WHICH, jobs);
    }

    /**
     * The button that cancels one of them: its number and the start of its prompt, on one line and
     * in at most {@link #CANCEL_CHOICE_PROMPT} characters.
     */
    public String cancelChoice(CancelChoice choice) {
        String prompt = choice.prompt().replaceAll("\\s+", " ").strip();
        return prompt.isEmpty()
                ? text(Text.CANCEL_CHOICE_NO_PROMPT, choice.jobId())
                : text(Text.CANCEL_CHOICE, choice.jobId(), ChatText.caption(prompt, "", CANCEL_CHOICE_PROMPT));
    }

    /** Why a typed number was not taken, and which numbers are. */
    public String numberProblem(TypedNumber.Invalid invalid) {
        String rule = text(
                switch (invalid.kind()) {
                    case JOB -> Text.NUMBER_RULE_JOB;
                    case IMAGE -> Text.NUMBER_RULE_IMAGE;
                    case VARIATIONS -> Text.NUMBER_RULE_VARIATIONS;
                },
                String.format(Locale.ROOT, "%,d", TypedNumber.max(invalid.kind())));
        Text problem = switch (invalid.problem()) {
            case NOT_A_NUMBER -> Text.NUMBER_NOT_A_NUMBER;
            case NEGATIVE -> Text.NUMBER_NEGATIVE;
            case ZERO -> Text.NUMBER_ZERO;
            case TOO_BIG -> Text.NUMBER_TOO_BIG;
        };
        return text(problem, invalid.typed(), rule);
    }

    /** A status line for a job just accepted: drawing when it starts at once, else its place in the queue. */
    public String queueState(QueueState state, String model) {
        return switch (state) {
            case QueueState.StartsNow now -> generating(model);
            case QueueState.Waiting waiting -> queued(waiting.ahead());
        };
    }

    public String forgetConfirm() {
        return text(Text.FORGET_CONFIRM);
    }

    public String forgetDone() {
        return text(Text.FORGET_DONE);
    }

    public String forgetBusy() {
        return text(Text.FORGET_BUSY);
    }

    public String forgetButton() {
        return text(Text.FORGET_BUTTON);
    }

    public String keepButton() {
        return text(Text.KEEP_BUTTON);
    }

    public String imageGone() {
        return text(Text.IMAGE_GONE);
    }

    public String originalMissing() {
        return text(Text.ORIGINAL_MISSING);
    }

    /** Something inside the bot failed: try again, and tell the operator if it keeps happening. */
    public String internalError() {
        return text(Text.INTERNAL_ERROR);
    }

    /**
     * When the database cannot be written or reached for now ({@link
     * dev.redraw.core.storage.StorageUnavailableException}): nothing was saved, so the user should
     * send the request again later.
     */
    public String storageUnavailable() {
        return text(Text.STORAGE_UNAVAILABLE);
    }

    public String privateResults(boolean on) {
        return text(on ? Text.PRIVATE_ON : Text.PRIVATE_OFF);
    }

    // --- Variations (several images from one request)

    /** The label of a button of one of several variations: "🔁 3", "✏️ 3", "📄 3". */
    public String variationButton(ResultPost.NumberedButton numbered) {
        return text(
                switch (numbered.button().action()) {
                    case REROLL -> Text.VARIATION_REROLL;
                    case EDIT -> Text.VARIATION_EDIT;
                    case ORIGINAL -> Text.VARIATION_ORIGINAL;
                    case SHARE -> Text.VARIATION_SHARE;
                },
                numbered.number());
    }

    /**
     * Under several variations, when some failed ({@link ResultPost.Variations#failed()} above 0):
     * how many of the images asked for could not be made, and that they are not charged.
     */
    public String variationsFailed(int failed, int asked) {
        return text(Text.VARIATIONS_FAILED, images(failed), images(asked));
    }

    /** The settings screen's line of how many images each request makes. */
    public String settingsVariations(int count) {
        return text(Text.SETTINGS_VARIATIONS, images(count));
    }

    /** The label of the settings button that makes each request make {@code count} images. */
    public String variationsButton(int count) {
        return text(Text.VARIATIONS_BUTTON, count);
    }

    /**
     * The message of numbered buttons under several variations posted together (a Telegram album):
     * what the numbered buttons do for the {@code made} images, and how many of the {@code asked}
     * failed when some did ({@link ResultPost.Variations#items()} and {@link ResultPost.Variations#asked()}).
     */
    public String variationButtons(int made, int asked) {
        String buttons = text(Text.VARIATIONS_BUTTONS, images(made));
        return made < asked ? buttons + "\n" + variationsFailed(asked - made, asked) : buttons;
    }

    // --- Variations on Discord

    /** The description of /imagine's and /blend's option saying how many images to make. */
    public String variationsOption() {
        return text(Text.OPTION_VARIATIONS, TypedNumber.MAX_VARIATIONS);
    }

    /** What Discord's /help says of several variations: the count option and the numbered buttons. */
    public String discordVariationsHelp() {
        return text(Text.HELP_DISCORD_VARIATIONS, TypedNumber.MAX_VARIATIONS, text(Text.VARIATION_EDIT, 3));
    }
}
