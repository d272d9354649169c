package dev.redraw.core.image;

import java.util.Objects;

/** An image was refused; the message is meant for the user who sent it. */
public class ImageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final IntakeResult.Reason reason;

    public ImageRejectedException(IntakeResult.Reason reason, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ImageRejectedException(IntakeResult.Reason reason, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public IntakeResult.Reason reason() {
        return reason;
    }

    public IntakeResult.Rejected toResult() {
        return new IntakeResult.Rejected(reason, getMessage());
    }

    static ImageRejectedException corrupt() {
        return new ImageRejectedException(IntakeResult.Reason.CORRUPT, Messages.CORRUPT);
    }

    static ImageRejectedException corrupt(Throwable cause) {
        return new ImageRejectedException(IntakeResult.Reason.CORRUPT, Messages.CORRUPT, cause);
    }
}
