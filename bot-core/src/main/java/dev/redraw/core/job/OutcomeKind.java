package dev.redraw.core.job;

import dev.redraw.core.generation.Outcome;

/** The kind of outcome a finished job recorded, kept so a report survives a restart. */
public enum OutcomeKind {
    IMAGES,
    TEXT_ONLY,
    REFUSED,
    REJECTED,
    UNAUTHORIZED,
    RATE_LIMITED,
    QUOTA_EXHAUSTED,
    FAILED,
    CANCELLED,
    INTERRUPTED;

    public static OutcomeKind of(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Images ignored -> IMAGES;
            case Outcome.TextOnly ignored -> TEXT_ONLY;
            case Outcome.Refused ignored -> REFUSED;
            case Outcome.Rejected ignored -> REJECTED;
            case Outcome.Unauthorized ignored -> UNAUTHORIZED;
            case Outcome.RateLimited ignored -> RATE_LIMITED;
            case Outcome.QuotaExhausted ignored -> QUOTA_EXHAUSTED;
            case Outcome.Failed ignored -> FAILED;
            case Outcome.ModelGone ignored -> FAILED;
        };
    }

    /** Whether the job produced what was asked for. */
    public boolean succeeded() {
        return this == IMAGES || this == TEXT_ONLY;
    }
}
