package dev.redraw.core.telemetry;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** See {@link Telemetry#safe}. */
record SafeTelemetry(Telemetry inner) implements Telemetry {

    private static final Logger LOG = LoggerFactory.getLogger(SafeTelemetry.class);

    SafeTelemetry {
        Objects.requireNonNull(inner, "inner");
    }

    private static void guarded(Runnable report) {
        try {
            report.run();
        } catch (RuntimeException e) {
            LOG.debug("a metric could not be recorded: {}", e.toString());
        }
    }

    @Override
    public void upstreamCall(String provider, String model, Duration took, String result) {
        guarded(() -> inner.upstreamCall(provider, model, took, result));
    }

    @Override
    public void jobFinished(String provider, String model, String outcome, Duration took) {
        guarded(() -> inner.jobFinished(provider, model, outcome, took));
    }

    @Override
    public void delivered(String platform, int images) {
        guarded(() -> inner.delivered(platform, images));
    }

    @Override
    public void platformThrottled(String platform) {
        guarded(() -> inner.platformThrottled(platform));
    }

    @Override
    public void quotaRefused(String platform) {
        guarded(() -> inner.quotaRefused(platform));
    }
}
