package dev.redraw.core.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.generation.ImageUrls;
import dev.redraw.core.limits.Bulkheads;
import okhttp3.OkHttpClient;

/**
 * What every dialect needs besides its settings, shared by all providers.
 *
 * @param bulkheads the process-wide limits; answers are read under its reading limit
 * @param urls public links to stored images, for models that fetch their input images by URL
 */
public record ProviderKit(
        OkHttpClient http,
        ObjectMapper json,
        ResultDownloader downloader,
        Sleeper sleeper,
        Bulkheads bulkheads,
        ImageUrls urls) {

    /** A kit without public image links: images are always sent as bytes. */
    public ProviderKit(
            OkHttpClient http, ObjectMapper json, ResultDownloader downloader, Sleeper sleeper, Bulkheads bulkheads) {
        this(http, json, downloader, sleeper, bulkheads, ImageUrls.NONE);
    }
}
