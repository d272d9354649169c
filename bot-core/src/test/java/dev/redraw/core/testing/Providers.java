package dev.redraw.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.provider.ProviderKit;
import dev.redraw.core.provider.ProviderSettings;
import dev.redraw.core.provider.ResultDownloader;
import dev.redraw.core.provider.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/** Providers pointed at a test server, with waits recorded instead of slept. */
public final class Providers {

    private Providers() {}

    /** Settings for a provider at {@code baseUrl} answering within {@code timeout}. */
    public static ProviderSettings settings(String name, HttpUrl baseUrl, String key, Duration timeout) {
        return new ProviderSettings(
                name,
                baseUrl,
                key,
                timeout,
                false,
                ProviderSettings.Auth.BEARER,
                new ProviderSettings.Polling(Duration.ofSeconds(1), Duration.ofSeconds(4), Duration.ofSeconds(30)));
    }

    /** Tools whose downloads may reach this machine (the test server) and whose waits are recorded. */
    public static ProviderKit kit(RecordingSleeper sleeper) {
        return kit(sleeper, true);
    }

    /** The same, with downloads from this machine refused unless {@code allowPrivateAddresses}, as in production. */
    public static ProviderKit kit(RecordingSleeper sleeper, boolean allowPrivateAddresses) {
        var http = new OkHttpClient();
        return new ProviderKit(
                http,
                new ObjectMapper(),
                new ResultDownloader(http, 10_000_000, Duration.ofSeconds(5), allowPrivateAddresses),
                sleeper,
                Bulkheads.forThisMachine());
    }

    /** A sleeper that only writes down how long it was asked to wait. */
    public static final class RecordingSleeper implements Sleeper {
        public final List<Duration> waits = new CopyOnWriteArrayList<>();

        @Override
        public void sleep(Duration duration) {
            waits.add(duration);
        }
    }
}
