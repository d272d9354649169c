package dev.redraw.core.provider;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.history.History;
import java.util.ArrayList;
import java.util.List;

/**
 * A history squeezed into one request for dialects without native history: the new instruction,
 * its own images in the order sent, then the newest images before it, newest first, up to the
 * model's limit.
 */
public record Flattened(String instruction, List<ImageRef> images) {

    public Flattened {
        images = List.copyOf(images);
    }

    public static Flattened of(History history, int maxImages) {
        History.Entry last = history.instruction();
        List<ImageRef> images = new ArrayList<>(imagesOf(last));
        List<History.Entry> earlier = history.turns().subList(0, history.turns().size() - 1);
        for (History.Entry turn : earlier.reversed()) {
            images.addAll(imagesOf(turn).reversed());
        }
        StringBuilder text = new StringBuilder();
        for (Part part : last.parts()) {
            if (part instanceof Part.Text t) {
                text.append(text.isEmpty() ? "" : "\n").append(t.text());
            }
        }
        return new Flattened(text.toString(), images.subList(0, Math.min(maxImages, images.size())));
    }

    private static List<ImageRef> imagesOf(History.Entry turn) {
        List<ImageRef> images = new ArrayList<>();
        for (Part part : turn.parts()) {
            if (part instanceof Part.Image image) {
                images.add(image.image());
            }
        }
        return images;
    }
}
