package dev.redraw.core.provider;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;

/** What every dialect needs besides its settings, shared by all providers. */
public record ProviderKit(OkHttpClient http, ObjectMapper json, ResultDownloader downloader, Sleeper sleeper) {}
