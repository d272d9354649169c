package dev.redraw.core.request;

import dev.redraw.core.job.JobStore;
import dev.redraw.core.quota.Quotas;
import java.time.Instant;
import java.util.List;

/**
 * A usage report, as data: the requester's own quota, and for administrators every user's images
 * per chat, model and day over the last {@code days} days. The platforms say it in the user's
 * language.
 *
 * @param at when the report was made
 */
public record UsageReport(Quotas.Status own, boolean admin, List<JobStore.UsageRow> everyone, int days, Instant at) {

    public UsageReport {
        everyone = List.copyOf(everyone);
    }
}
