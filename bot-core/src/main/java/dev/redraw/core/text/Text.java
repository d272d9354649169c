package dev.redraw.core.text;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The keys of every text of the bot. The texts themselves live in resource bundles beside this
 * class, {@code messages.properties} (English, the default) and one {@code messages_xx.properties}
 * per further language, so a new language is one new file. {@code {0}}, {@code {1}} … stand for the
 * arguments {@link Messages} fills in; every language uses the same ones.
 */
enum Text {
    MENU_IMAGINE,
    MENU_EDIT,
    MENU_SETTINGS,
    MENU_USAGE,
    MENU_CANCEL,
    MENU_FORGET,
    MENU_HELP,
    MENU_BLEND,
    OPTION_PROMPT,
    OPTION_RATIO,
    OPTION_MODEL,
    OPTION_IMAGE,
    OPTION_JOB,
    OPTION_PRIVATE,
    OPTION_REMIX,
    EDIT_IMAGE_COMMAND,
    RESULT_COMPRESSED,
    EMBED_MODEL,
    EMBED_RATIO,
    EMBED_ASKED_BY,
    PRIVATE_ON,
    PRIVATE_OFF,
    OPTIONS,
    WELCOME,
    HELP,
    QUEUED_NEXT,
    QUEUED_ONE,
    QUEUED_MANY,
    GENERATING,
    PROGRESS,
    DONE,
    CAPTION_MODEL,
    REROLL_BUTTON,
    EDIT_BUTTON,
    ORIGINAL_BUTTON,
    EDIT_PROMPT,
    EDIT_PLACEHOLDER,
    EMPTY_PROMPT,
    IMAGINE_USAGE,
    EDIT_NEEDS_REPLY,
    PHOTO_NEEDS_CAPTION,
    NOT_AN_IMAGE,
    PHOTO_TOO_LARGE,
    UNKNOWN_FLAG,
    FLAG_NEEDS_VALUE,
    FLAG_REPEATED,
    REFUSED_BEFORE_QUEUE,
    SETTINGS_TITLE,
    DEFAULT_CHOICE,
    RATIO_DEFAULT_BUTTON,
    SIZE_DEFAULT_BUTTON,
    SETTINGS_SAVED,
    REMIX_ON,
    REMIX_OFF,
    REMIX_NOT_ALLOWED,
    NOT_ADMIN,
    USAGE_TITLE,
    USAGE_OWN,
    USAGE_NEXT_FREE,
    USAGE_ADMIN_OWN,
    USAGE_EVERYONE,
    USAGE_NOBODY,
    USAGE_ROW,
    WINDOW_DAYS,
    WINDOW_HOURS,
    WINDOW_MINUTES,
    CANCELLED,
    CANCELLING,
    ALREADY_FINISHED,
    NOT_YOUR_JOB,
    JOB_NOT_FOUND,
    NOTHING_TO_CANCEL,
    CANCEL_WHICH,
    CANCEL_CHOICE,
    CANCEL_CHOICE_NO_PROMPT,
    NUMBER_NOT_A_NUMBER,
    NUMBER_NEGATIVE,
    NUMBER_ZERO,
    NUMBER_TOO_BIG,
    NUMBER_RULE_JOB,
    NUMBER_RULE_IMAGE,
    FORGET_CONFIRM,
    FORGET_DONE,
    FORGET_BUSY,
    FORGET_BUTTON,
    KEEP_BUTTON,
    FORGET_KEPT,
    REROLLING,
    ORIGINAL_TOO_LARGE,
    IMAGE_ADJUSTED,
    JOB_NUMBER,
    IMAGE_GONE,
    ORIGINAL_MISSING,
    INTERNAL_ERROR,
    TEXT_ONLY,
    TEXT_ONLY_EMPTY,
    REFUSED,
    REJECTED,
    REJECTED_SMALLER,
    REJECTED_SIZE_OR_RATIO,
    REJECTED_MODEL,
    UNAUTHORIZED,
    RATE_LIMITED,
    RATE_LIMITED_RETRY_IN,
    QUOTA_EXHAUSTED,
    FAILED,
    FAILED_PERMANENT,
    MODEL_GONE,
    UPSTREAM_WORDS,
    CAUSE,
    WITH_CODE,
    DURATION_SECONDS,
    CAUSE_TIMEOUT,
    CAUSE_UNREACHABLE,
    CAUSE_ANSWER_TOO_LARGE,
    CAUSE_NOT_JSON,
    CAUSE_EMPTY_ANSWER,
    CAUSE_NO_IMAGE,
    CAUSE_NOT_AN_IMAGE,
    CAUSE_DAMAGED_IMAGE,
    CAUSE_NO_TASK,
    CAUSE_UNKNOWN_TASK_STATUS,
    CAUSE_TASK_GAVE_UP,
    CAUSE_TASK_UNREPORTED,
    CAUSE_TASK_TIMEOUT,
    CAUSE_INTERRUPTED,
    CAUSE_CANCELLED,
    CAUSE_ALL_PROVIDERS_FAILING,
    CAUSE_PROVIDER_GONE,
    CAUSE_CANNOT_RESUME,
    CAUSE_HTTP_STATUS,
    CAUSE_DOWNLOAD_HTTP_STATUS,
    CAUSE_DOWNLOAD_FAILED,
    CAUSE_DOWNLOAD_REDIRECTS,
    CAUSE_DOWNLOAD_TOO_LARGE,
    CAUSE_DOWNLOAD_HOST_UNKNOWN,
    CAUSE_DOWNLOAD_NOT_HTTP,
    CAUSE_DOWNLOAD_PRIVATE_ADDRESS,
    CAUSE_PROMPT_BLOCKED,
    FINISH_IMAGE_SAFETY,
    FINISH_IMAGE_PROHIBITED_CONTENT,
    FINISH_IMAGE_RECITATION,
    FINISH_SAFETY,
    FINISH_PROHIBITED_CONTENT,
    FINISH_BLOCKLIST,
    FINISH_SPII,
    FINISH_RECITATION,
    FINISH_MAX_TOKENS,
    FINISH_NO_IMAGE,
    FINISH_IMAGE_OTHER,
    FINISH_OTHER,
    FINISH_NO_REASON,
    JOB_CANCELLED,
    INTERRUPTED,
    REFUSAL_DENIED,
    REFUSAL_USER_NOT_LISTED,
    REFUSAL_CHAT_NOT_ENABLED,
    REFUSAL_SERVER_NOT_ENABLED,
    REFUSAL_SWITCHED_OFF,
    REFUSAL_QUOTA_USED,
    REFUSAL_QUOTA_PENDING,
    REFUSAL_GLOBAL_QUOTA,
    REFUSAL_RESTARTING,
    REFUSAL_UNKNOWN_MODEL,
    REFUSAL_EMPTY_INSTRUCTION,
    REFUSAL_PROMPT_TOO_LONG,
    REFUSAL_TAKES_NO_IMAGES,
    REFUSAL_TOO_MANY_IMAGES,
    REFUSAL_TOO_MANY_IMAGES_ONE,
    REFUSAL_IMAGE_TOO_LARGE,
    REFUSAL_UNSUPPORTED_RATIO,
    REFUSAL_NO_SIZE_CHOICE,
    REFUSAL_UNSUPPORTED_SIZE,
    REFUSAL_PIXELS,
    PIXEL_EDGE_TOO_LONG,
    PIXEL_NOT_MULTIPLE,
    PIXEL_TOO_STRETCHED,
    PIXEL_COUNT,
    LIST_MORE,
    LIST_LAST,
    IN_MINUTES,
    IN_HOURS,
    STORAGE_UNAVAILABLE,
    INTAKE_NOT_AN_IMAGE,
    INTAKE_CORRUPT,
    INTAKE_UNSUPPORTED_JPEG,
    INTAKE_NO_READER,
    INTAKE_TOO_MANY_PIXELS,
    INTAKE_TOO_LARGE,
    INTAKE_WHICH,
    INTAKE_WHICH_NAMED,
    NOTE_FIRST_FRAME,
    NOTE_SHRUNK,
    NOTE_SHRUNK_CONVERTED,
    UNIT_BYTES,
    UNIT_PIXELS,
    UNIT_MEGAPIXELS;

    /** The bundles' base name. */
    static final String BUNDLE = "dev.redraw.core.text.messages";

    /** Loads the bundle of exactly one language (the root bundle for English), never the JVM's default locale. */
    static ResourceBundle bundle(Locale language) {
        return ResourceBundle.getBundle(
                BUNDLE,
                language,
                Text.class.getClassLoader(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The template in {@code bundle}, falling back to English where a language lacks one. */
    String template(ResourceBundle bundle) {
        try {
            return bundle.getString(name());
        } catch (MissingResourceException e) {
            return bundle(Locale.ROOT).getString(name());
        }
    }

    /** The text in {@code bundle}'s language, with {@code {n}} replaced by {@code arguments[n]}. */
    String format(ResourceBundle bundle, Object... arguments) {
        return fill(template(bundle), arguments);
    }

    static String fill(String template, Object... arguments) {
        StringBuilder text = new StringBuilder(template.length() + 32);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{'
                    && i + 2 < template.length()
                    && Character.isDigit(template.charAt(i + 1))
                    && template.charAt(i + 2) == '}') {
                text.append(arguments[template.charAt(i + 1) - '0']);
                i += 2;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
