package dev.redraw.discord.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.redraw.discord.fake.FakeDiscord.Upload;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;

/**
 * The body of one REST call as JDA sends it: JSON, or multipart with a {@code payload_json} part and
 * file parts {@code files[n]}.
 */
record RestBody(JsonNode json, List<Upload> files) {

    static RestBody read(Headers headers, ByteString body) throws IOException {
        if (body == null || body.size() == 0) {
            return new RestBody(NullNode.getInstance(), List.of());
        }
        MediaType type = MediaType.parse(headers.get("Content-Type") == null ? "" : headers.get("Content-Type"));
        if (type == null || !"multipart".equals(type.type())) {
            return new RestBody(FakeDiscord.MAPPER.readTree(body.utf8()), List.of());
        }
        JsonNode payload = NullNode.getInstance();
        List<Upload> files = new ArrayList<>();
        String boundary = type.parameter("boundary");
        try (MultipartReader parts = new MultipartReader(new Buffer().write(body), boundary)) {
            MultipartReader.Part part;
            while ((part = parts.nextPart()) != null) {
                try (MultipartReader.Part current = part) {
                    String name = dispositionValue(current.headers(), "name");
                    String filename = dispositionValue(current.headers(), "filename");
                    byte[] content = current.body().readByteArray();
                    if ("payload_json".equals(name)) {
                        payload = FakeDiscord.MAPPER.readTree(new String(content, StandardCharsets.UTF_8));
                    } else if (name != null) {
                        files.add(new Upload(name, filename, current.headers().get("Content-Type"), content));
                    }
                }
            }
        }
        return new RestBody(payload, List.copyOf(files));
    }

    /** One attribute of the part's Content-Disposition header, unquoted; null when absent. */
    private static String dispositionValue(Headers headers, String attribute) {
        String disposition = headers.get("Content-Disposition");
        if (disposition == null) {
            return null;
        }
        for (String piece : disposition.split(";")) {
            String trimmed = piece.strip();
            int eq = trimmed.indexOf('=');
            if (eq > 0
                    && trimmed.substring(0, eq).strip().toLowerCase(Locale.ROOT).equals(attribute)) {
                String value = trimmed.substring(eq + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }
}
