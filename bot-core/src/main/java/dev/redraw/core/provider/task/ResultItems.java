package dev.redraw.core.provider.task;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.ResultDownloader;
import dev.redraw.core.provider.ResultImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a list of result items, each with a {@code b64_json} or a {@code url} and maybe a
 * {@code revised_prompt}: the images (URLs downloaded now, they expire), else the text alone.
 */
public final class ResultItems {

    private final ResultImages results;

    public ResultItems(ResultDownloader downloader) {
        this.results = new ResultImages(downloader);
    }

    public Outcome read(JsonNode items) {
        List<GeneratedImage> images = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (JsonNode item : items) {
            PollingProvider.text(item, "revised_prompt").ifPresent(texts::add);
            try {
                results.image(item, Optional.empty()).ifPresent(images::add);
            } catch (ResultDownloader.DownloadException e) {
                return e.outcome();
            }
        }
        Optional<String> text = texts.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", texts));
        if (!images.isEmpty()) {
            return new Outcome.Images(images, text);
        }
        return text.<Outcome>map(Outcome.TextOnly::new)
                .orElseGet(() -> new Outcome.Failed(false, Cause.of(Cause.Kind.NO_IMAGE)));
    }
}
