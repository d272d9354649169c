package dev.redraw.core.tree;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a tree page shows: every result of one conversation its viewer may see, as a tree. A node is
 * a result (a model's answer) with the prompt that asked for it; a conversation that began with
 * photos the user sent has them as its first node. The children of a node are the results made from
 * it, so branches stand side by side.
 *
 * @param language the language to write the page in
 * @param expiresAt when the page's link stops working
 * @param roots the first nodes, oldest first
 * @param size how many nodes the tree shows
 * @param truncated whether the conversation has more turns than one page shows
 */
public record TreePage(String language, Instant expiresAt, List<Node> roots, int size, boolean truncated) {

    public TreePage {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(expiresAt, "expiresAt");
        roots = List.copyOf(roots);
    }

    /** Where a node stands against the image the page was asked for. */
    public enum Mark {
        /** Not on the way to it. */
        NONE,
        /** One of the steps it was made from. */
        ON_PATH,
        /** The image itself. */
        MARKED
    }

    /**
     * One node.
     *
     * @param turnId the turn it shows: a model turn, or the user turn of the photos a conversation began with
     * @param images its images, in order
     * @param prompt what was asked for it; empty for photos sent without words
     * @param model the model that made it; empty for photos a user sent
     * @param author who asked for it
     * @param mark where it stands against the marked image
     * @param posted the messages it was posted as, oldest first; on Discord, with {@code guildId}
     * @param children the results made from it, oldest first
     */
    public record Node(
            long turnId,
            List<ImageRef> images,
            String prompt,
            Optional<String> model,
            Origin author,
            Mark mark,
            List<MessageRef> posted,
            List<Node> children) {

        public Node {
            images = List.copyOf(images);
            Objects.requireNonNull(prompt, "prompt");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(author, "author");
            Objects.requireNonNull(mark, "mark");
            posted = List.copyOf(posted);
            children = List.copyOf(children);
        }
    }
}
