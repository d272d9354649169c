package dev.redraw.core.job;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.Cause.Kind;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the facts of rows stored in version 1 of {@link OutcomeDetails}, which had no cause: the
 * bot's own English sentence of why stood in the detail, beside the upstream's words. Each sentence
 * the bot wrote then is read back into its cause, and only the upstream's words stay the detail,
 * so such a row is said in the user's language like a new one. A detail that is none of them is
 * the upstream's words and stays as it is.
 */
final class LegacyDetail {

    private LegacyDetail() {}

    /** A cause, with the upstream's words that came with it. */
    private record Read(Cause cause, Optional<String> detail) {
        Read(Cause cause) {
            this(cause, Optional.empty());
        }
    }

    private record Rule(Pattern pattern, Function<Matcher, Optional<Read>> read) {}

    /** The explanations version 1 gave for the finish reasons of a refused image. */
    private static final String FINISH_EXPLANATIONS = String.join(
            "|",
            "the image was blocked by the safety filter",
            "the image would show prohibited content",
            "the image was too close to an existing work",
            "the answer was blocked by the safety filter",
            "the request asks for prohibited content",
            "the request contains blocked terms",
            "the answer would reveal sensitive personal information",
            "the answer was too close to existing material");

    private static final List<Rule> RULES = List.of(
            plain("cancelled", Kind.CANCELLED),
            plain("the image service's answer was too large", Kind.ANSWER_TOO_LARGE),
            plain("the image service could not be reached", Kind.UNREACHABLE),
            plain("the image service answered with something that is not JSON", Kind.NOT_JSON),
            plain("the model sent an empty answer", Kind.EMPTY_ANSWER),
            plain("the service returned something that is not an image", Kind.NOT_AN_IMAGE),
            plain("the image service sent damaged image data", Kind.DAMAGED_IMAGE),
            plain("the image service accepted the request but named no task", Kind.NO_TASK),
            plain("the image service gave up on the task", Kind.TASK_GAVE_UP),
            plain("interrupted while waiting for the image service", Kind.INTERRUPTED),
            plain("the result URL is not an http(s) URL", Kind.DOWNLOAD_NOT_HTTP),
            plain("the result URL redirects too often", Kind.DOWNLOAD_REDIRECTS),
            plain("the result URL's host could not be resolved", Kind.DOWNLOAD_HOST_UNKNOWN),
            plain(
                    "the result URL points to a private address, which the bot does not fetch",
                    Kind.DOWNLOAD_PRIVATE_ADDRESS),
            rule("no answer within (\\d+) s", m -> number(Kind.TIMEOUT, m.group(1))),
            rule("HTTP (\\d+)", m -> number(Kind.HTTP_STATUS, m.group(1))),
            rule("downloading the result failed with HTTP (\\d+)", m -> number(Kind.DOWNLOAD_HTTP_STATUS, m.group(1))),
            rule("downloading the result failed: \\w+", m -> Optional.of(new Read(Cause.of(Kind.DOWNLOAD_FAILED)))),
            rule("the result is larger than (\\d+) bytes", m -> number(Kind.DOWNLOAD_TOO_LARGE, m.group(1))),
            rule(
                    "the image service did not finish within (\\d+) (min|s); try again later",
                    m -> number(Kind.TASK_TIMEOUT, m.group(1), m.group(2).equals("min") ? 60 : 1)),
            rule("provider (.+) cannot resume upstream tasks", m -> named(Kind.CANNOT_RESUME, m.group(1), null)),
            rule("provider (.+) is no longer configured", m -> named(Kind.PROVIDER_GONE, m.group(1), null)),
            rule(
                    "every provider of (.+) is failing right now; try again in a minute",
                    m -> named(Kind.ALL_PROVIDERS_FAILING, m.group(1), null)),
            rule(
                    "the image service answered without an image(?: \\((.*)\\))?",
                    m -> Optional.of(new Read(Cause.of(Kind.NO_IMAGE), Optional.ofNullable(m.group(1))))),
            rule(
                    "the image service answered with an unknown task status '(.*?)'(?: \\((.*)\\))?",
                    m -> named(Kind.UNKNOWN_TASK_STATUS, m.group(1), m.group(2))),
            rule(
                    "the image service could not report on the task: (.*)",
                    m -> Optional.of(new Read(
                            Cause.of(Kind.TASK_UNREPORTED),
                            Optional.of(m.group(1)).filter(words -> !words.equals("no details"))))),
            rule(
                    "the request was blocked before any image was made \\((.*?)\\)(?:: (.*))?",
                    m -> named(Kind.PROMPT_BLOCKED, m.group(1), m.group(2))),
            rule(
                    "(?:" + FINISH_EXPLANATIONS + ") \\(([A-Z_]+)\\)(?:; the model said: (.*))?",
                    m -> named(Kind.FINISH_REASON, m.group(1), m.group(2))),
            rule(
                    "the model made no image \\((.*)\\); try rephrasing",
                    m -> Optional.of(new Read(
                            m.group(1).equals("no reason given")
                                    ? Cause.of(Kind.FINISH_REASON)
                                    : Cause.of(Kind.FINISH_REASON, m.group(1))))));

    /** Version 1's words where the bot had nothing to add: the kind says it all. */
    private static final List<String> EMPTY =
            List.of("the image service refused the request under its content policy", "no details");

    static OutcomeDetails read(OutcomeDetails details) {
        if (details.cause().isPresent() || details.detail().isEmpty()) {
            return details;
        }
        String detail = details.detail().get();
        if (EMPTY.contains(detail)) {
            return details.withDetail(Optional.empty());
        }
        for (Rule rule : RULES) {
            Matcher matcher = rule.pattern().matcher(detail);
            if (matcher.matches()) {
                Optional<Read> read = rule.read().apply(matcher);
                if (read.isPresent()) {
                    return details.withCause(Optional.of(read.get().cause()))
                            .withDetail(read.get().detail());
                }
            }
        }
        return details;
    }

    private static Rule plain(String sentence, Kind kind) {
        return new Rule(Pattern.compile(Pattern.quote(sentence)), m -> Optional.of(new Read(Cause.of(kind))));
    }

    private static Rule rule(String regex, Function<Matcher, Optional<Read>> read) {
        return new Rule(Pattern.compile(regex, Pattern.DOTALL), read);
    }

    private static Optional<Read> number(Kind kind, String digits) {
        return number(kind, digits, 1);
    }

    private static Optional<Read> number(Kind kind, String digits, long unit) {
        try {
            return Optional.of(new Read(Cause.of(kind, Long.parseLong(digits) * unit)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Read> named(Kind kind, String name, String words) {
        return Optional.of(new Read(Cause.of(kind, name), Optional.ofNullable(words)));
    }
}
