package dev.redraw.core.image;

import java.util.Objects;

/** An image was refused; {@link #problem()} says why, as data. */
public class ImageRejectedException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient ImageProblem problem;

    public ImageRejectedException(ImageProblem problem) {
        super(Objects.requireNonNull(problem, "problem").toString());
        this.problem = problem;
    }

    public ImageRejectedException(ImageProblem problem, Throwable cause) {
        super(Objects.requireNonNull(problem, "problem").toString(), cause);
        this.problem = problem;
    }

    public ImageProblem problem() {
        return problem;
    }

    public IntakeResult.Reason reason() {
        return problem.reason();
    }

    public IntakeResult.Rejected toResult() {
        return new IntakeResult.Rejected(problem);
    }

    static ImageRejectedException corrupt() {
        return new ImageRejectedException(new ImageProblem.Corrupt());
    }

    static ImageRejectedException corrupt(Throwable cause) {
        return new ImageRejectedException(new ImageProblem.Corrupt(), cause);
    }
}
