package dev.redraw.core.conversation;

import java.util.Optional;

/** One piece of a turn: text or an image, each with the provider's opaque data if it had any. */
public sealed interface Part {

    Optional<ProviderData> providerData();

    record Text(String text, Optional<ProviderData> providerData) implements Part {
        public Text(String text) {
            this(text, Optional.empty());
        }
    }

    record Image(ImageRef image, Optional<ProviderData> providerData) implements Part {
        public Image(ImageRef image) {
            this(image, Optional.empty());
        }
    }
}
