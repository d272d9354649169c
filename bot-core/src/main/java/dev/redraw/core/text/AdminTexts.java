package dev.redraw.core.text;

import dev.redraw.core.access.AdminStore;
import dev.redraw.core.admin.AdminAnswer;
import dev.redraw.core.admin.AdminRequests;
import dev.redraw.core.admin.ConfigReloader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** The administrators' commands and their answers, said in one language. */
public final class AdminTexts {

    /** At most this many bans are named in a status; the rest are counted. */
    static final int BANS_SHOWN = 20;

    private final Messages texts;

    AdminTexts(Messages texts) {
        this.texts = texts;
    }

    /** What {@code /admin} can do. */
    public String help() {
        return texts.text(Text.ADMIN_HELP, AdminRequests.MAX_GRANT);
    }

    public String command() {
        return texts.text(Text.ADMIN_COMMAND);
    }

    /** The description of one action of the command, for platforms that list them. */
    public String action(String action) {
        return texts.text(
                switch (action) {
                    case "status" -> Text.ADMIN_SUB_STATUS;
                    case "ban" -> Text.ADMIN_SUB_BAN;
                    case "unban" -> Text.ADMIN_SUB_UNBAN;
                    case "grant" -> Text.ADMIN_SUB_GRANT;
                    case "pause" -> Text.ADMIN_SUB_PAUSE;
                    case "resume" -> Text.ADMIN_SUB_RESUME;
                    case "reload" -> Text.ADMIN_SUB_RELOAD;
                    default -> throw new IllegalArgumentException("no such action: " + action);
                });
    }

    /** The description of an option: {@code user}, {@code id} or {@code images}. */
    public String option(String option) {
        return switch (option) {
            case "user" -> texts.text(Text.OPTION_USER);
            case "id" -> texts.text(Text.OPTION_USER_ID);
            case "images" -> texts.text(Text.OPTION_IMAGES, AdminRequests.MAX_GRANT);
            default -> throw new IllegalArgumentException("no such option: " + option);
        };
    }

    /** What is wrong with a command's words. */
    public String problem(AdminRequests.Problem problem) {
        return switch (problem.kind()) {
            case USAGE ->
                problem.typed().isEmpty()
                        ? help()
                        : texts.text(Text.ADMIN_UNKNOWN_ACTION, problem.typed()) + "\n\n" + help();
            case NO_USER -> texts.text(Text.ADMIN_NO_USER, verb(problem.action()));
            case BAD_USER -> texts.text(Text.ADMIN_BAD_USER, problem.typed(), verb(problem.action()));
            case BAD_COUNT ->
                problem.typed().isEmpty()
                        ? texts.text(Text.ADMIN_COUNT_MISSING, AdminRequests.MAX_GRANT)
                        : texts.text(Text.ADMIN_COUNT_BAD, problem.typed(), AdminRequests.MAX_GRANT);
            case EXTRA_WORDS -> texts.text(Text.ADMIN_EXTRA_WORDS, problem.action(), problem.typed());
        };
    }

    /** Status and reload, asked in a group: they answer only in a private chat. */
    public String privateOnly() {
        return texts.text(Text.ADMIN_PRIVATE_ONLY);
    }

    /** What is done to a user, in this language: {@code ban}, {@code unban}, {@code give images to}. */
    private String verb(String action) {
        return texts.text(
                switch (action) {
                    case "unban" -> Text.ADMIN_VERB_UNBAN;
                    case "grant" -> Text.ADMIN_VERB_GRANT;
                    default -> Text.ADMIN_VERB_BAN;
                });
    }

    /** What a command did. */
    public String answer(AdminAnswer answer) {
        return switch (answer) {
            case AdminAnswer.NotAdmin ignored -> texts.text(Text.ADMIN_NOT_ADMIN);
            case AdminAnswer.UnknownMessage ignored -> texts.text(Text.ADMIN_UNKNOWN_MESSAGE);
            case AdminAnswer.AdminUntouchable admin -> texts.text(Text.ADMIN_UNTOUCHABLE, admin.user());
            case AdminAnswer.Banned banned ->
                texts.text(banned.already() ? Text.ADMIN_BANNED_ALREADY : Text.ADMIN_BANNED, banned.user());
            case AdminAnswer.Unbanned unbanned ->
                texts.text(unbanned.wasBanned() ? Text.ADMIN_UNBANNED : Text.ADMIN_NOT_BANNED, unbanned.user());
            case AdminAnswer.Granted granted ->
                texts.text(
                        Text.ADMIN_GRANTED,
                        granted.user(),
                        texts.images(granted.images()),
                        texts.window(granted.window()),
                        texts.images(granted.total()));
            case AdminAnswer.Paused paused ->
                paused.already()
                        ? texts.text(Text.ADMIN_PAUSED_ALREADY, Messages.time(paused.since()))
                        : texts.text(Text.ADMIN_PAUSED);
            case AdminAnswer.Resumed resumed ->
                texts.text(resumed.wasPaused() ? Text.ADMIN_RESUMED : Text.ADMIN_NOT_PAUSED);
            case AdminAnswer.Reloaded reloaded -> reloaded(reloaded.outcome());
            case AdminAnswer.Status status -> status(status);
        };
    }

    private String reloaded(ConfigReloader.Outcome outcome) {
        return switch (outcome) {
            case ConfigReloader.Refused refused -> texts.text(Text.ADMIN_RELOAD_REFUSED, refused.problem());
            case ConfigReloader.Applied applied -> {
                List<String> lines = new ArrayList<>();
                lines.add(texts.text(Text.ADMIN_RELOADED));
                if (!applied.applied().isEmpty()) {
                    lines.add(texts.text(Text.ADMIN_RELOAD_NOW, String.join(", ", applied.applied())));
                }
                if (applied.applied().isEmpty()) {
                    lines.add(texts.text(Text.ADMIN_RELOAD_NOTHING));
                }
                if (!applied.atRestart().isEmpty()) {
                    lines.add(texts.text(Text.ADMIN_RELOAD_LATER, String.join(", ", applied.atRestart())));
                }
                yield String.join("\n", lines);
            }
        };
    }

    private String status(AdminAnswer.Status status) {
        List<String> lines = new ArrayList<>();
        lines.add(texts.text(Text.ADMIN_STATUS_TITLE));
        lines.add("");
        lines.add(status.paused()
                .map(pause -> texts.text(Text.ADMIN_STATUS_PAUSED, Messages.time(pause.at()), pause.by()))
                .orElseGet(() -> texts.text(Text.ADMIN_STATUS_RUNNING)));
        lines.add(texts.text(Text.ADMIN_STATUS_QUEUE, status.queued(), status.running()));
        if (status.providers().isEmpty()) {
            lines.add(texts.text(Text.ADMIN_STATUS_NO_PROVIDERS));
        }
        String window = texts.window(status.since());
        for (AdminAnswer.ProviderStatus provider : status.providers()) {
            lines.add(texts.text(
                    Text.ADMIN_STATUS_PROVIDER,
                    provider.name(),
                    circuit(provider.circuit()),
                    window,
                    provider.jobs().made(),
                    provider.jobs().failed(),
                    provider.jobs().queued(),
                    provider.jobs().running()));
        }
        if (status.bans().isEmpty()) {
            lines.add(texts.text(Text.ADMIN_STATUS_NO_BANS));
        } else {
            String named = status.bans().stream()
                    .limit(BANS_SHOWN)
                    .map(AdminStore.Ban::user)
                    .collect(Collectors.joining(", "));
            if (status.bans().size() > BANS_SHOWN) {
                named += ", …";
            }
            lines.add(texts.text(Text.ADMIN_STATUS_BANS, status.bans().size(), named));
        }
        return String.join("\n", lines);
    }

    private String circuit(String state) {
        return texts.text(
                switch (state) {
                    case "open" -> Text.CIRCUIT_OPEN;
                    case "half_open" -> Text.CIRCUIT_HALF_OPEN;
                    case "unused" -> Text.CIRCUIT_UNUSED;
                    default -> Text.CIRCUIT_CLOSED;
                });
    }
}
