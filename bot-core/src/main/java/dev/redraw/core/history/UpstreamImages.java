package dev.redraw.core.history;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.image.IntakeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every image of a history within the model's byte limit. Intake already holds the images
 * users send to it, but earlier results can be larger (a 4K PNG is often over 10 MB): those are
 * re-encoded under the limit, stored beside the original (which users keep getting), and sent
 * instead of it.
 */
public final class UpstreamImages {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamImages.class);

    private final ImageStore images;
    private final Map<Long, ImageIntake> intakeByLimit = new ConcurrentHashMap<>();

    public UpstreamImages(ImageStore images) {
        this.images = images;
    }

    /** {@code history} with each image over {@code maxBytes} replaced by a copy that fits. */
    public History fit(History history, long maxBytes) {
        List<History.Entry> entries = new ArrayList<>(history.turns().size());
        for (History.Entry entry : history.turns()) {
            List<Part> parts = entry.parts().stream()
                    .map(part ->
                            part instanceof Part.Image image && image.image().byteSize() > maxBytes
                                    ? new Part.Image(fit(image.image(), maxBytes), image.providerData())
                                    : part)
                    .toList();
            entries.add(new History.Entry(entry.role(), parts));
        }
        return new History(entries, history.droppedImages());
    }

    /** A copy of {@code image} under {@code maxBytes}; the image itself when it cannot be made to fit. */
    public ImageRef fit(ImageRef image, long maxBytes) {
        byte[] bytes = images.bytes(image.sha256())
                .orElseThrow(() -> new IllegalStateException("image " + image.sha256() + " is missing from storage"));
        ImageIntake intake = intakeByLimit.computeIfAbsent(
                maxBytes,
                limit ->
                        new ImageIntake(new IntakePolicy(IntakePolicy.defaults().maxPixels(), limit)));
        return switch (intake.accept(bytes)) {
            case IntakeResult.Accepted accepted -> accepted.image().storeIn(images);
            case IntakeResult.Rejected rejected -> {
                LOG.warn(
                        "image {} of {} bytes could not be brought under {} bytes: {}",
                        image.sha256(),
                        image.byteSize(),
                        maxBytes,
                        rejected.problem());
                yield image;
            }
        };
    }
}
