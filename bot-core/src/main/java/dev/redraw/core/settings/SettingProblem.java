package dev.redraw.core.settings;

import java.util.List;
import java.util.Objects;

/** Why a change to a user's defaults was not saved; nothing of the change was. */
public sealed interface SettingProblem {

    /** {@code model} is not one of the models this bot is configured with; {@code available} are. */
    record UnknownModel(String model, List<String> available) implements SettingProblem {
        public UnknownModel {
            Objects.requireNonNull(model, "model");
            available = List.copyOf(available);
        }
    }

    /** {@code model} does not take the ratio {@code ratio}; it takes {@code accepted}. */
    record UnsupportedRatio(String model, String ratio, List<String> accepted) implements SettingProblem {
        public UnsupportedRatio {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(ratio, "ratio");
            accepted = List.copyOf(accepted);
        }
    }

    /** {@code model} makes images of one size only: there is no size to choose. */
    record NoSizeChoice(String model) implements SettingProblem {
        public NoSizeChoice {
            Objects.requireNonNull(model, "model");
        }
    }

    /** {@code model} does not take the size {@code size}; it takes {@code accepted}. */
    record UnsupportedSize(String model, String size, List<String> accepted) implements SettingProblem {
        public UnsupportedSize {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(size, "size");
            accepted = List.copyOf(accepted);
        }
    }

    /**
     * A value no menu or option offers: blank, too long, or not plain text. It is not repeated back
     * to the user, since it may be anything.
     */
    record Malformed() implements SettingProblem {}
}
