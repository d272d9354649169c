package dev.redraw.core.provider.openai;

import dev.redraw.core.generation.ImageUrls;
import dev.redraw.core.provider.Flattened;
import java.util.List;

/**
 * Models that take their reference images as URLs inside the prompt. Seed 003 (generations): "如果支持
 * 参考图，例如 flux-kontext，参考图url 放 prompt 用空格隔开" — the URLs go into the prompt, separated by
 * spaces; and "flux-kontext-dev 必须有参考图" — the dev model must have one.
 */
final class PromptLinks {

    private PromptLinks() {}

    static boolean takesLinks(String model) {
        return model.startsWith("flux-kontext");
    }

    static boolean needsImage(String model) {
        return model.equals("flux-kontext-dev");
    }

    /** The request with its images as links at the start of the prompt, each followed by a space. */
    static Flattened inPrompt(Flattened flat, ImageUrls urls) {
        StringBuilder prompt = new StringBuilder();
        flat.images().forEach(image -> prompt.append(urls.linkTo(image)).append(' '));
        return new Flattened(prompt.append(flat.instruction()).toString(), List.of());
    }
}
