package dev.redraw.core.request;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.OutcomeKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A finished job's result as the core hands it to a platform: what to show, the facts a caption
 * is made of, the buttons under it, whom it is for, and which messages an earlier attempt already
 * linked to it. Everything is data; the platform renders it in the recipient's language, posts it,
 * and records each message it posted with {@link ResultPosts#record}, so a reply to it continues
 * the branch.
 *
 * @param job the finished job
 * @param recipient the job owner's language and choices
 * @param content what to post
 * @param caption the facts a result's caption or embed shows
 * @param buttons the buttons under the images, in order; empty for a text
 * @param answerTurnId the model turn the posted messages belong to; empty when the job has no
 *     answer to show (what went wrong is posted, linked to nothing)
 * @param links the messages on the job's platform already linked to the answer, oldest link first:
 *     what an earlier attempt (possibly of a run that crashed) posted; for several variations, those
 *     of every variation and the shared ones
 * @param variations for a request that asked for several images ({@code --n}) and got at least one:
 *     each image with its own turn, number and buttons, and how many failed (see {@link Variations});
 *     empty for a request of one image, which is posted as before
 */
public record ResultPost(
        Job job,
        Recipient recipient,
        Content content,
        Caption caption,
        List<Button> buttons,
        OptionalLong answerTurnId,
        List<MessageRef> links,
        Optional<Variations> variations) {

    public ResultPost {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(caption, "caption");
        buttons = List.copyOf(buttons);
        Objects.requireNonNull(answerTurnId, "answerTurnId");
        links = List.copyOf(links);
        Objects.requireNonNull(variations, "variations");
    }

    /**
     * The images of a request for several variations. Each image is its own answer (a model turn,
     * a sibling under the request), so it is posted as its own part where the platform can (each
     * photo of a Telegram album, recorded with {@link ResultPosts#record} against {@link
     * Variation#turnId()}): a reply to it continues from that image. A message that shows several
     * of them at once (Discord's one message, Telegram's message of numbered buttons) is recorded
     * with {@link ResultPosts#recordShared}: a reply to it is answered with a request to press the
     * ✏️ N of the image to change ({@link dev.redraw.core.refusal.Refusal.ChooseVariation}). The
     * buttons keep the ids of single results ({@code r:<turn>}, {@code e:<turn>}, {@code
     * o:<turn>}), each naming its own image's turn; a press under a shared message is checked by the
     * core to name one of the request's answers.
     *
     * <p>The user is charged for the images made only: {@code failed} images are not charged.
     *
     * @param requestTurnId the user turn of the request; shared messages are linked to it
     * @param items the images made, in order, numbered from 1
     * @param asked how many images the request asked for
     * @param sharedLinks the shared messages already posted on the job's platform (by an earlier
     *     attempt), oldest first
     */
    public record Variations(long requestTurnId, List<Variation> items, int asked, List<MessageRef> sharedLinks) {

        public Variations {
            items = List.copyOf(items);
            sharedLinks = List.copyOf(sharedLinks);
            if (items.isEmpty() || items.size() > asked) {
                throw new IllegalArgumentException(items.size() + " variations of " + asked);
            }
        }

        /** How many of the images asked for could not be made (to tell the user, who is not charged for them). */
        public int failed() {
            return asked - items.size();
        }

        /**
         * Every numbered button in order: 🔁 1, ✏️ 1, 📄 1, 🔁 2… (a platform that shows the files in
         * full quality leaves the Original buttons out). Label them with {@link
         * dev.redraw.core.text.Messages#variationButton}.
         */
        public List<NumberedButton> buttons() {
            return items.stream()
                    .flatMap(item -> item.buttons().stream().map(button -> new NumberedButton(item.number(), button)))
                    .toList();
        }

        /** The ids of the shared messages already posted in {@code chatId}, oldest first. */
        public List<String> sharedIn(String chatId) {
            return sharedLinks.stream()
                    .filter(link -> link.chatId().equals(chatId))
                    .map(MessageRef::messageId)
                    .toList();
        }
    }

    /**
     * One image of several variations.
     *
     * @param number its number, from 1, as its buttons and the messages name it
     * @param turnId its own model turn: record the message that shows it alone against it
     * @param image the image
     * @param buttons its buttons: Reroll, Edit and Original, each on {@code turnId}
     * @param links the messages on the job's platform already recorded against {@code turnId}, oldest first
     */
    public record Variation(int number, long turnId, Image image, List<Button> buttons, List<MessageRef> links) {

        public Variation {
            if (number < 1) {
                throw new IllegalArgumentException("variations are numbered from 1: " + number);
            }
            Objects.requireNonNull(image, "image");
            buttons = List.copyOf(buttons);
            links = List.copyOf(links);
        }

        /** The ids of the messages already recorded for this image in {@code chatId}, oldest first. */
        public List<String> linkedIn(String chatId) {
            return links.stream()
                    .filter(link -> link.chatId().equals(chatId))
                    .map(MessageRef::messageId)
                    .toList();
        }
    }

    /** A button of one of several variations, {@code number} being the image's. */
    public record NumberedButton(int number, Button button) {
        public NumberedButton {
            Objects.requireNonNull(button, "button");
        }
    }

    /** The ids of the messages already linked to the answer in {@code chatId}, oldest link first. */
    public List<String> linkedIn(String chatId) {
        return links.stream()
                .filter(link -> link.chatId().equals(chatId))
                .map(MessageRef::messageId)
                .toList();
    }

    /** What a result shows. */
    public sealed interface Content {

        /** The answer's images, to upload in this order. */
        record Images(List<Image> images) implements Content {
            public Images {
                images = List.copyOf(images);
            }
        }

        /** The model answered in words only: its text, as it came. */
        record Answer(String text) implements Content {
            public Answer {
                Objects.requireNonNull(text, "text");
            }
        }

        /**
         * No answer to show (the job failed, was refused or cancelled, or its answer is gone): the
         * platform tells the job's outcome, made from its facts in the recipient's language.
         */
        record Report(OutcomeKind kind) implements Content {
            public Report {
                Objects.requireNonNull(kind, "kind");
            }
        }
    }

    /**
     * The facts a result's caption shows.
     *
     * @param prompt what the user asked for (the user turn's text); empty when it is gone
     * @param model the model that made it
     * @param aspectRatio the aspect ratio asked for, if one was
     * @param requesterId the platform's id of the user who asked
     * @param remixOf for a remix, whose image it was made from
     */
    public record Caption(
            String prompt, String model, Optional<String> aspectRatio, String requesterId, Optional<Author> remixOf) {
        public Caption {
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(aspectRatio, "aspectRatio");
            Objects.requireNonNull(requesterId, "requesterId");
            Objects.requireNonNull(remixOf, "remixOf");
        }

        /** A result that is no remix. */
        public Caption(String prompt, String model, Optional<String> aspectRatio, String requesterId) {
            this(prompt, model, aspectRatio, requesterId, Optional.empty());
        }
    }

    /**
     * The author of an image a remix was made from.
     *
     * @param userId their id on the result's platform
     * @param name the name they were last seen with, if one is known
     */
    public record Author(String userId, Optional<String> name) {
        public Author {
            Objects.requireNonNull(userId, "userId");
            Objects.requireNonNull(name, "name");
        }
    }

    /** A button under a result: what it does, on which turn. Platforms label it in the user's language. */
    public record Button(Action action, long turnId) {

        public Button {
            Objects.requireNonNull(action, "action");
        }

        /** What a result button does. */
        public enum Action {
            /** Makes the answer again from the same request. */
            REROLL,
            /** Asks what to change, and continues the branch. */
            EDIT,
            /**
             * Sends the full-quality files; for platforms that show a reduced copy (Telegram always,
             * Discord when the file was re-encoded to fit its upload limit).
             */
            ORIGINAL,
            /** Posts the result to its community's gallery; for its author. */
            SHARE
        }

        /** The button's id as the platform carries it, such as {@code r:42}; see {@link ResultButtons}. */
        public String id() {
            String prefix = switch (action) {
                case REROLL -> ResultButtons.REROLL;
                case EDIT -> ResultButtons.EDIT;
                case ORIGINAL -> ResultButtons.ORIGINAL;
                case SHARE -> ResultButtons.SHARE;
            };
            return prefix + turnId;
        }

        /** The buttons under a result showing {@code turnId}, in order. */
        static List<Button> under(long turnId) {
            return List.of(
                    new Button(Action.REROLL, turnId),
                    new Button(Action.EDIT, turnId),
                    new Button(Action.ORIGINAL, turnId));
        }

        /** The buttons under a result showing {@code turnId}, with Share last when it may be shared. */
        static List<Button> under(long turnId, boolean shareable) {
            if (!shareable) {
                return under(turnId);
            }
            var buttons = new java.util.ArrayList<>(under(turnId));
            buttons.add(new Button(Action.SHARE, turnId));
            return List.copyOf(buttons);
        }
    }

    /**
     * One image of a result. Its bytes are read from the image store only when {@link #bytes()} is
     * called, and again on every call, so a post waiting to be retried holds no image in memory.
     *
     * @param turnId the turn that shows it
     * @param ref the stored image: hash, type, dimensions and size
     * @param loader reads stored bytes by hash
     */
    public record Image(long turnId, ImageRef ref, Loader loader) {

        public Image {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(loader, "loader");
        }

        /** Reads an image's bytes by its hash; empty when it is not stored. */
        @FunctionalInterface
        public interface Loader {
            Optional<byte[]> load(String sha256);
        }

        /**
         * The image's bytes, read now.
         *
         * @throws MissingImageException when the image is no longer stored
         */
        public byte[] bytes() {
            return loader.load(ref.sha256()).orElseThrow(() -> new MissingImageException(turnId, ref));
        }

        /** The file name extension for the image's type, with its dot: {@code .png}, {@code .jpg}, {@code .webp}. */
        public String extension() {
            return switch (ref.mimeType()) {
                case "image/jpeg" -> ".jpg";
                case "image/webp" -> ".webp";
                default -> ".png";
            };
        }
    }
}
