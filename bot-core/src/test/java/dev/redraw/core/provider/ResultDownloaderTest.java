package dev.redraw.core.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Test;

class ResultDownloaderTest {

    @StartStop
    private final MockWebServer files = new MockWebServer();

    private final OkHttpClient http = new OkHttpClient();

    private ResultDownloader downloader(long maxBytes, boolean allowPrivate) {
        return new ResultDownloader(http, maxBytes, Duration.ofSeconds(2), allowPrivate);
    }

    @Test
    void downloadsAndFollowsRedirects() throws Exception {
        files.enqueue(new MockResponse.Builder()
                .code(302)
                .setHeader("Location", "/real.png")
                .build());
        files.enqueue(new MockResponse.Builder()
                .body(new Buffer().write(new byte[] {1, 2, 3}))
                .build());

        byte[] bytes = downloader(100, true).download(files.url("/r.png").toString());

        assertThat(bytes).containsExactly(1, 2, 3);
        assertThat(files.takeRequest().getTarget()).isEqualTo("/r.png");
        assertThat(files.takeRequest().getTarget()).isEqualTo("/real.png");
    }

    @Test
    void refusesPrivateAddressesUnlessAllowed() {
        assertThatThrownBy(() ->
                        downloader(100, false).download(files.url("/r.png").toString()))
                .isInstanceOfSatisfying(
                        ResultDownloader.DownloadException.class,
                        e -> assertThat(e.refused()).isTrue())
                .hasMessageContaining("private address");
        assertThat(files.getRequestCount()).isZero();
    }

    @Test
    void refusesResultsOverTheSizeCap() {
        files.enqueue(new MockResponse.Builder()
                .body(new Buffer().write(new byte[101]))
                .build());

        assertThatThrownBy(() ->
                        downloader(100, true).download(files.url("/big.png").toString()))
                .hasMessageContaining("larger than 100 bytes");
    }

    @Test
    void refusesOtherSchemesAndFailedDownloads() {
        files.enqueue(new MockResponse.Builder().code(404).build());

        assertThatThrownBy(() -> downloader(100, true).download("file:///etc/passwd"))
                .isInstanceOfSatisfying(
                        ResultDownloader.DownloadException.class,
                        e -> assertThat(e.refused()).isTrue())
                .hasMessageContaining("not an http(s) URL");
        assertThatThrownBy(() ->
                        downloader(100, true).download(files.url("/gone.png").toString()))
                .isInstanceOfSatisfying(
                        ResultDownloader.DownloadException.class,
                        e -> assertThat(e.refused())
                                .as("a failed download may work another time")
                                .isFalse())
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void givesUpOnASlowDownload() {
        files.enqueue(
                new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).build());

        assertThatThrownBy(() ->
                        downloader(100, true).download(files.url("/slow.png").toString()))
                .hasMessageContaining("downloading the result failed");
    }
}
