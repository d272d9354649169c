package dev.redraw.core.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import dev.redraw.core.conversation.ProviderData;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GeneratedImage;
import dev.redraw.core.net.Bodies;
import java.util.Base64;
import java.util.Optional;

/** Turns a result given as base64 (with or without a data-URI prefix) or as a URL into bytes. */
public final class ResultImages {

    private final ResultDownloader downloader;

    public ResultImages(ResultDownloader downloader) {
        this.downloader = downloader;
    }

    /**
     * The image of one result item: its base64 when there is some, else its URL downloaded now;
     * empty when the item has neither.
     */
    public Optional<byte[]> fetch(String base64, String url) throws ResultDownloader.DownloadException {
        return fetchText(base64, url);
    }

    /**
     * The bytes of one result item read by {@link BinaryResultTree}: its {@code b64_json} already
     * decoded, or as text (a {@code data:} URI), else its {@code url} downloaded now.
     */
    private Optional<byte[]> fetch(JsonNode item) throws ResultDownloader.DownloadException {
        JsonNode b64 = item.path(BASE64_FIELD);
        if (b64 instanceof BinaryNode binary && binary.binaryValue().length > 0) {
            return Optional.of(binary.binaryValue());
        }
        return fetchText(b64.isBinary() ? "" : b64.asText(""), item.path("url").asText(""));
    }

    /**
     * The image of one result item read by {@link BinaryResultTree}, with {@code providerData}: its
     * {@code b64_json} already decoded (with its hash, when that was worked out as it was decoded),
     * or as text (a {@code data:} URI), else its {@code url} downloaded now; empty when it has none.
     */
    public Optional<GeneratedImage> image(JsonNode item, Optional<ProviderData> providerData)
            throws ResultDownloader.DownloadException {
        if (item.path(BASE64_FIELD) instanceof HashedBinaryNode node && node.binaryValue().length > 0) {
            Bodies.Hashed hashed = node.hashed();
            return Optional.of(new GeneratedImage(hashed.bytes(), providerData, Optional.of(hashed)));
        }
        return fetch(item).map(bytes -> new GeneratedImage(bytes, providerData));
    }

    /** The field that carries a result's base64, which {@link BinaryResultTree} decodes as it reads. */
    public static final String BASE64_FIELD = "b64_json";

    private Optional<byte[]> fetchText(String base64, String url) throws ResultDownloader.DownloadException {
        if (base64 != null && !base64.isBlank()) {
            try {
                return Optional.of(decode(stripDataUri(base64)));
            } catch (IllegalArgumentException e) {
                throw new ResultDownloader.DownloadException(
                        "the image service sent damaged image data", Cause.of(Cause.Kind.DAMAGED_IMAGE));
            }
        }
        if (url != null && !url.isBlank()) {
            return Optional.of(downloader.download(url));
        }
        return Optional.empty();
    }

    /** Plain base64 decodes fastest; text with line breaks takes the MIME decoder's slower path. */
    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return Base64.getMimeDecoder().decode(base64);
        }
    }

    private static String stripDataUri(String base64) {
        int comma = base64.startsWith("data:") ? base64.indexOf(',') : -1;
        return comma >= 0 ? base64.substring(comma + 1) : base64;
    }
}
