package dev.redraw.core.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.limits.Bulkheads;
import okhttp3.OkHttpClient;

/**
 * What every dialect needs besides its settings, shared by all providers.
 *
 * @param bulkheads the process-wide limits; answers are read under its reading limit
 */
public record ProviderKit(
        OkHttpClient http, ObjectMapper json, ResultDownloader downloader, Sleeper sleeper, Bulkheads bulkheads) {}
