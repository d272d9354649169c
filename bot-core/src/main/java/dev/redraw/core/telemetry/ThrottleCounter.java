package dev.redraw.core.telemetry;

import java.io.IOException;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Counts a chat platform's 429 answers ("too many requests") on the HTTP client its adapter
 * talks to it with, whatever part of the adapter (or of its client library) made the call.
 */
public record ThrottleCounter(String platform, Telemetry telemetry) implements Interceptor {

    public ThrottleCounter {
        Objects.requireNonNull(platform, "platform");
        telemetry = Telemetry.safe(telemetry);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        if (response.code() == 429) {
            telemetry.platformThrottled(platform);
        }
        return response;
    }
}
