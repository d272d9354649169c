package dev.redraw.core.generation;

import java.util.List;
import java.util.Objects;

/** A provider and the models it serves, in configuration order. */
public record ProviderRoute(ImageProvider provider, List<String> models) {
    public ProviderRoute {
        Objects.requireNonNull(provider, "provider");
        models = List.copyOf(models);
    }
}
