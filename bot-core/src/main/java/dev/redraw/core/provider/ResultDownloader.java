package dev.redraw.core.provider;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.net.Bodies;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Downloads an image a provider answered with as a URL: at once (such URLs expire), over http(s)
 * only, with a size cap and a timeout, and, unless told otherwise, only from public addresses so a
 * hostile answer cannot make the bot fetch from its own network.
 */
public final class ResultDownloader {

    private static final Logger LOG = LoggerFactory.getLogger(ResultDownloader.class);
    private static final int MAX_REDIRECTS = 5;

    private final OkHttpClient http;
    private final long maxBytes;
    private final boolean allowPrivateAddresses;

    public ResultDownloader(OkHttpClient http, long maxBytes, Duration timeout, boolean allowPrivateAddresses) {
        this.http = http.newBuilder()
                .callTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .build();
        this.maxBytes = maxBytes;
        this.allowPrivateAddresses = allowPrivateAddresses;
    }

    public byte[] download(String url) throws DownloadException {
        HttpUrl next = HttpUrl.parse(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            if (next == null) {
                throw DownloadException.refused("the result URL is not an http(s) URL", Cause.Kind.DOWNLOAD_NOT_HTTP);
            }
            // Each hop is checked, so a redirect cannot lead the bot into its own network.
            checkAddress(next.host());
            try (var response =
                    http.newCall(new Request.Builder().url(next).get().build()).execute()) {
                if (response.isRedirect()) {
                    next = response.header("Location") == null ? null : next.resolve(response.header("Location"));
                    continue;
                }
                if (!response.isSuccessful()) {
                    throw new DownloadException(
                            "downloading the result failed with HTTP " + response.code(),
                            Cause.of(Cause.Kind.DOWNLOAD_HTTP_STATUS, response.code()));
                }
                return read(response.body().byteStream(), response.body().contentLength());
            } catch (IOException e) {
                // The class only: the message may hold the result's signed URL.
                LOG.warn("downloading a result failed: {}", e.getClass().getSimpleName());
                throw new DownloadException(
                        "downloading the result failed: " + e.getClass().getSimpleName(),
                        Cause.of(Cause.Kind.DOWNLOAD_FAILED));
            }
        }
        throw new DownloadException("the result URL redirects too often", Cause.of(Cause.Kind.DOWNLOAD_REDIRECTS));
    }

    private byte[] read(InputStream in, long declaredLength) throws IOException, DownloadException {
        if (declaredLength > maxBytes) {
            throw tooLarge();
        }
        try {
            // The result's host is not trusted: no array is sized from its word before the bytes come.
            return Bodies.read(in, -1, maxBytes);
        } catch (Bodies.TooLarge e) {
            throw tooLarge();
        }
    }

    private DownloadException tooLarge() {
        return new DownloadException(
                "the result is larger than " + maxBytes + " bytes", Cause.of(Cause.Kind.DOWNLOAD_TOO_LARGE, maxBytes));
    }

    private void checkAddress(String host) throws DownloadException {
        if (allowPrivateAddresses) {
            return;
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress()
                        || address.isSiteLocalAddress()
                        || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress()
                        || address.isMulticastAddress()
                        || isUniqueLocal(address)) {
                    throw DownloadException.refused(
                            "the result URL points to a private address, which the bot does not fetch",
                            Cause.Kind.DOWNLOAD_PRIVATE_ADDRESS);
                }
            }
        } catch (UnknownHostException e) {
            throw new DownloadException(
                    "the result URL's host could not be resolved", Cause.of(Cause.Kind.DOWNLOAD_HOST_UNKNOWN));
        }
    }

    private static boolean isUniqueLocal(InetAddress address) {
        byte[] raw = address.getAddress();
        return raw.length == 16 && (raw[0] & 0xfe) == 0xfc;
    }

    /**
     * Why a result could not be fetched: the message is for the operator's log (it names no
     * secret), the {@linkplain #cause() cause} is for the user. A {@linkplain #refused() refused}
     * result is one the bot will not fetch at all (a private address, another scheme): fetching it
     * again, or asking the provider again, would only cost another paid call.
     */
    public static final class DownloadException extends Exception {
        private final transient Cause why;
        private final boolean refused;

        public DownloadException(String message, Cause why) {
            this(message, why, false);
        }

        private DownloadException(String message, Cause why, boolean refused) {
            super(message);
            this.why = Objects.requireNonNull(why, "why");
            this.refused = refused;
        }

        static DownloadException refused(String message, Cause.Kind why) {
            return new DownloadException(message, Cause.of(why), true);
        }

        /** Why, as data for the user's message. */
        public Cause why() {
            return why;
        }

        /** Whether the bot refused the result URL itself, as opposed to the download failing. */
        public boolean refused() {
            return refused;
        }

        /** The outcome a provider answers with when its result cannot be had: final when refused. */
        public Outcome outcome() {
            return new Outcome.Failed(!refused, why);
        }
    }
}
