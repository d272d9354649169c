package dev.redraw.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** The images a request body carries as data URIs, decoded, to measure what went upstream. */
public final class SentImages {

    /** Seed 002: "File size: Max 7MB (before encoding)" per image; the catalog counts it as 7 MiB. */
    public static final long MAX_BYTES = 7L * 1024 * 1024;

    private SentImages() {}

    /** Every {@code data:…;base64,…} string anywhere in {@code body}, decoded, in document order. */
    public static List<byte[]> in(JsonNode body) {
        List<byte[]> images = new ArrayList<>();
        collect(body, images);
        return images;
    }

    private static void collect(JsonNode node, List<byte[]> images) {
        if (node.isTextual() && node.asText().startsWith("data:")) {
            images.add(decode(node.asText()));
        }
        node.forEach(child -> collect(child, images));
    }

    /** The bytes of one data URI. */
    public static byte[] decode(String dataUri) {
        int comma = dataUri.indexOf(',');
        if (comma < 0 || !dataUri.substring(0, comma).endsWith(";base64")) {
            throw new AssertionError("not a base64 data URI: " + dataUri.substring(0, Math.min(60, dataUri.length())));
        }
        return Base64.getDecoder().decode(dataUri.substring(comma + 1));
    }
}
