package dev.redraw.core.request;

import dev.redraw.core.job.JobStore;
import dev.redraw.core.quota.Quotas;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A usage report: the requester's own quota, and for administrators every user's images per
 * chat, model and day.
 */
public record UsageReport(Quotas.Status own, boolean admin, List<JobStore.UsageRow> everyone, Instant at) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    public UsageReport {
        everyone = List.copyOf(everyone);
    }

    /** The report as lines of plain text. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        if (admin) {
            lines.add("You are an administrator: no limit applies to you. You made " + own.used()
                    + " images in the last " + hours() + ".");
        } else {
            lines.add("You made " + own.used() + " of your " + own.limit() + " images in the last " + hours() + "."
                    + own.nextFreeAt()
                            .map(t -> " The oldest frees up at " + TIME.format(t.atOffset(ZoneOffset.UTC)) + ".")
                            .orElse(""));
        }
        if (admin) {
            lines.add(
                    everyone.isEmpty()
                            ? "Nobody made images in the last " + RequestDesk.REPORT_DAYS + " days."
                            : "Images in the last " + RequestDesk.REPORT_DAYS
                                    + " days (day, user, chat, model, images):");
            for (JobStore.UsageRow row : everyone) {
                lines.add(row.day() + " " + row.platform() + ":" + row.userId() + " chat " + row.chatId() + " "
                        + row.model() + " " + row.images());
            }
        }
        return lines;
    }

    private String hours() {
        return own.window().toHours() + " h";
    }
}
