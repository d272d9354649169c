package dev.redraw.core.generation;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Why an outcome came about, where the bot itself can tell: a {@link Kind} and the one number or
 * name it needs (seconds, an HTTP status, a size, a provider's or model's name, an upstream code).
 * Never a sentence: the adapters say it in each user's language. The upstream's own words travel
 * apart from it, as the outcome's detail.
 *
 * @param number the number the kind speaks of, if any (see each {@link Kind})
 * @param name the name or code the kind speaks of, if any (see each {@link Kind})
 */
public record Cause(Kind kind, OptionalLong number, Optional<String> name) {

    /** What went wrong; each says which of {@link #number} and {@link #name} it uses. */
    public enum Kind {
        /** No answer within {@code number} seconds. */
        TIMEOUT,
        /** The image service could not be reached. */
        UNREACHABLE,
        /** The answer was too large to read. */
        ANSWER_TOO_LARGE,
        /** The answer was not JSON. */
        NOT_JSON,
        /** The model's answer held nothing. */
        EMPTY_ANSWER,
        /** The answer held no image and no words. */
        NO_IMAGE,
        /** What came back as the image is not an image. */
        NOT_AN_IMAGE,
        /** The image's data was damaged (bad base64). */
        DAMAGED_IMAGE,
        /** The service took the request but named no task to follow. */
        NO_TASK,
        /** The service named task status {@code name}, which the bot does not know. */
        UNKNOWN_TASK_STATUS,
        /** The service gave the task up without a word. */
        TASK_GAVE_UP,
        /** The service could not say how the task stands. */
        TASK_UNREPORTED,
        /** The task did not finish within {@code number} seconds of waiting. */
        TASK_TIMEOUT,
        /** The bot stopped waiting for the service (it is shutting down). */
        INTERRUPTED,
        /** The request was cancelled while the service worked on it. */
        CANCELLED,
        /** Every provider of model {@code name} is failing, so none was asked. */
        ALL_PROVIDERS_FAILING,
        /** Provider {@code name}, which holds the job's task, is no longer configured. */
        PROVIDER_GONE,
        /** Provider {@code name} cannot pick a task up again after a restart. */
        CANNOT_RESUME,
        /** The service answered HTTP status {@code number} without any words. */
        HTTP_STATUS,
        /** Downloading the result failed with HTTP status {@code number}. */
        DOWNLOAD_HTTP_STATUS,
        /** Downloading the result failed on the way (connection, timeout). */
        DOWNLOAD_FAILED,
        /** The result's address redirects too often. */
        DOWNLOAD_REDIRECTS,
        /** The result is larger than {@code number} bytes. */
        DOWNLOAD_TOO_LARGE,
        /** The result's host is not known. */
        DOWNLOAD_HOST_UNKNOWN,
        /** The result's address is not an http(s) address. */
        DOWNLOAD_NOT_HTTP,
        /** The result's address points into a private network, which the bot does not fetch from. */
        DOWNLOAD_PRIVATE_ADDRESS,
        /**
         * The model stopped without an image for reason {@code name}, its own code (see {@link
         * FinishReason}); without a name it gave none.
         */
        FINISH_REASON,
        /** The request was blocked before any image was made, for reason {@code name} (the upstream's code). */
        PROMPT_BLOCKED
    }

    public Cause {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(name, "name");
        name = name.map(String::strip).filter(text -> !text.isEmpty());
    }

    public static Cause of(Kind kind) {
        return new Cause(kind, OptionalLong.empty(), Optional.empty());
    }

    public static Cause of(Kind kind, long number) {
        return new Cause(kind, OptionalLong.of(number), Optional.empty());
    }

    public static Cause of(Kind kind, String name) {
        return new Cause(kind, OptionalLong.empty(), Optional.ofNullable(name));
    }

    /** For log lines: {@code TIMEOUT 120}, {@code PROVIDER_GONE p1}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(kind.name());
        number.ifPresent(value -> text.append(' ').append(value));
        name.ifPresent(value -> text.append(' ').append(value));
        return text.toString();
    }
}
