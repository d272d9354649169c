package dev.redraw.core.settings;

import java.util.Objects;

/**
 * A stored default left out of a request (or of what the user's next request will use) because it
 * no longer fits: the request is made without it rather than refused.
 */
public sealed interface UnusedDefault {

    /** What this note says, as a key: the same key for the same left-out value and model. */
    default String key() {
        return switch (this) {
            case Model model -> "model:" + model.stored() + ">" + model.used();
            case Ratio ratio -> "ratio:" + ratio.ratio() + "@" + ratio.model();
            case Size size -> "size:" + size.size() + "@" + size.model();
        };
    }

    /** The default model {@code stored} is no longer configured; {@code used} is used instead. */
    record Model(String stored, String used) implements UnusedDefault {
        public Model {
            Objects.requireNonNull(stored, "stored");
            Objects.requireNonNull(used, "used");
        }
    }

    /** The default ratio {@code ratio} is not one {@code model} takes. */
    record Ratio(String ratio, String model) implements UnusedDefault {
        public Ratio {
            Objects.requireNonNull(ratio, "ratio");
            Objects.requireNonNull(model, "model");
        }
    }

    /** The default size {@code size} is not one {@code model} takes. */
    record Size(String size, String model) implements UnusedDefault {
        public Size {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(model, "model");
        }
    }
}
