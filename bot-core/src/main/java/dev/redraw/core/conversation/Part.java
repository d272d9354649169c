package dev.redraw.core.conversation;

import java.util.Objects;
import java.util.Optional;

/** One piece of a turn: text or an image, each with the provider's opaque data if it had any. */
public sealed interface Part {

    Optional<ProviderData> providerData();

    record Text(String text, Optional<ProviderData> providerData) implements Part {
        public Text {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(providerData, "providerData");
        }

        public Text(String text) {
            this(text, Optional.empty());
        }
    }

    record Image(ImageRef image, Optional<ProviderData> providerData) implements Part {
        public Image {
            Objects.requireNonNull(image, "image");
            Objects.requireNonNull(providerData, "providerData");
        }

        public Image(ImageRef image) {
            this(image, Optional.empty());
        }
    }
}
