package dev.redraw.core.history;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Turn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a path of the conversation tree into the history sent upstream, trimmed to the model's
 * image count and to a byte budget (an image over the model's limit counted at that limit, as it goes
 * upstream re-encoded under it) by leaving out the oldest images first. The new instruction and
 * its images are never left out, and neither is the newest image before it when the instruction
 * has none of its own (it is the image being edited) — unless the model takes no images at all.
 */
public final class HistoryBuilder {

    /** Shown to the model in place of a turn whose only content was left out. */
    static final String OMITTED = "(earlier image omitted)";

    private static final int DATA_URI_PREFIX = "data:image/jpeg;base64,".length();

    public History build(List<Turn> path, HistoryLimits limits) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        List<Slot> slots = imageSlots(path);
        Set<Slot> keep = new HashSet<>(slots);
        Set<Slot> protectedSlots = limits.maxImages() == 0 ? Set.of() : protectedSlots(path, slots);
        long bytes = textBytes(path)
                + slots.stream()
                        .mapToLong(slot -> slot.encodedSize(limits.maxImageBytes()))
                        .sum();
        int dropped = 0;
        for (Slot oldest : slots) {
            if (keep.size() <= limits.maxImages() && bytes <= limits.byteBudget()) {
                break;
            }
            if (!protectedSlots.contains(oldest)) {
                keep.remove(oldest);
                bytes -= oldest.encodedSize(limits.maxImageBytes());
                dropped++;
            }
        }
        return new History(entries(path, keep), dropped);
    }

    private static List<History.Entry> entries(List<Turn> path, Set<Slot> keep) {
        List<History.Entry> entries = new ArrayList<>(path.size());
        for (int t = 0; t < path.size(); t++) {
            List<Part> parts = new ArrayList<>();
            List<Part> original = path.get(t).parts();
            for (int p = 0; p < original.size(); p++) {
                Part part = original.get(p);
                if (part instanceof Part.Image image && !keep.contains(new Slot(t, p, image.image()))) {
                    continue;
                }
                parts.add(part);
            }
            if (parts.isEmpty()) {
                parts.add(new Part.Text(OMITTED));
            }
            entries.add(new History.Entry(path.get(t).role(), parts));
        }
        return entries;
    }

    private static List<Slot> imageSlots(List<Turn> path) {
        List<Slot> slots = new ArrayList<>();
        for (int t = 0; t < path.size(); t++) {
            List<Part> parts = path.get(t).parts();
            for (int p = 0; p < parts.size(); p++) {
                if (parts.get(p) instanceof Part.Image image) {
                    slots.add(new Slot(t, p, image.image()));
                }
            }
        }
        return slots;
    }

    private static Set<Slot> protectedSlots(List<Turn> path, List<Slot> slots) {
        int last = path.size() - 1;
        Set<Slot> result = new HashSet<>();
        for (Slot slot : slots) {
            if (slot.turn() == last) {
                result.add(slot);
            }
        }
        if (result.isEmpty() && !slots.isEmpty()) {
            result.add(slots.getLast());
        }
        return result;
    }

    private static long textBytes(List<Turn> path) {
        long total = 0;
        for (Turn turn : path) {
            for (Part part : turn.parts()) {
                if (part instanceof Part.Text text) {
                    total += text.text().getBytes(StandardCharsets.UTF_8).length;
                }
            }
        }
        return total;
    }

    /** Where an image sits in the path; identity is its position, not its hash. */
    private record Slot(int turn, int part, ImageRef image) {
        /** Its size in base64, as sent: re-encoded under {@code maxImageBytes} when it is larger. */
        long encodedSize(long maxImageBytes) {
            return DATA_URI_PREFIX + 4 * ((Math.min(image.byteSize(), maxImageBytes) + 2) / 3);
        }
    }
}
