package dev.redraw.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.telegram.fake.FakeTelegram.Upload;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;

/**
 * The parameters of one Bot API call, however they came: query string, JSON body, form-urlencoded or
 * multipart. JSON values that are not strings are kept as JSON text; a file part referred to by a
 * parameter {@code x=attach://name} is recorded under the field {@code x} (or {@code media} when the
 * {@code media} array of {@code sendMediaGroup} refers to it), any other file part under its own name.
 */
final class ApiRequest {

    static final String ATTACH = "attach://";

    private static final Pattern NAME = Pattern.compile("(?:^|;)\\s*name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME =
            Pattern.compile("(?:^|;)\\s*filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    final Map<String, String> params;
    final List<Upload> files;
    private final Map<String, Upload> byPartName;

    private ApiRequest(Map<String, String> params, List<Upload> files, Map<String, Upload> byPartName) {
        this.params = Collections.unmodifiableMap(params);
        this.files = List.copyOf(files);
        this.byPartName = byPartName;
    }

    static ApiRequest parse(RecordedRequest request) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        HttpUrl url = request.getUrl();
        for (String name : url.queryParameterNames()) {
            params.put(name, url.queryParameter(name));
        }
        ByteString body = request.getBody();
        String header = request.getHeaders().get("Content-Type");
        MediaType type = header == null ? null : MediaType.parse(header);
        Map<String, Upload> parts = new LinkedHashMap<>();
        if (body == null || body.size() == 0) {
            // parameters only in the query string
        } else if (type != null && type.type().equals("multipart")) {
            readMultipart(body, type.parameter("boundary"), params, parts);
        } else if (type != null && type.subtype().equals("x-www-form-urlencoded")) {
            readForm(body.utf8(), params);
        } else {
            readJson(body.utf8(), params);
        }
        return resolve(params, parts);
    }

    /** The file recorded under {@code field}, or null. */
    Upload upload(String field) {
        return files.stream().filter(f -> f.field().equals(field)).findFirst().orElse(null);
    }

    /** The file sent as the multipart part {@code name}, or null. */
    Upload part(String name) {
        return byPartName.get(name);
    }

    private static void readJson(String text, Map<String, String> params) throws IOException {
        JsonNode root = FakeTelegram.MAPPER.readTree(text);
        if (root == null || !root.isObject()) {
            throw new IOException("the body is not a JSON object");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            JsonNode value = field.getValue();
            if (!value.isNull()) {
                params.put(field.getKey(), value.isValueNode() ? value.asText() : value.toString());
            }
        }
    }

    private static void readForm(String text, Map<String, String> params) {
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
    }

    private static void readMultipart(
            ByteString body, String boundary, Map<String, String> params, Map<String, Upload> parts)
            throws IOException {
        if (boundary == null) {
            throw new IOException("multipart body without a boundary");
        }
        try (MultipartReader reader = new MultipartReader(new Buffer().write(body), boundary)) {
            for (MultipartReader.Part next = reader.nextPart(); next != null; next = reader.nextPart()) {
                try (MultipartReader.Part part = next) {
                    String disposition = part.headers().get("Content-Disposition");
                    String name = attribute(NAME, disposition);
                    if (name == null) {
                        continue;
                    }
                    String filename = attribute(FILENAME, disposition);
                    byte[] bytes = part.body().readByteArray();
                    if (filename == null) {
                        params.put(name, new String(bytes, StandardCharsets.UTF_8));
                    } else {
                        parts.put(
                                name, new Upload(name, filename, part.headers().get("Content-Type"), bytes));
                    }
                }
            }
        }
    }

    private static ApiRequest resolve(Map<String, String> params, Map<String, Upload> parts) {
        Map<String, String> fieldOfPart = new HashMap<>();
        params.forEach((name, value) -> {
            if (value.startsWith(ATTACH)) {
                fieldOfPart.putIfAbsent(value.substring(ATTACH.length()), name);
            }
        });
        String media = params.get("media");
        if (media != null && media.startsWith("[")) {
            try {
                for (JsonNode item : FakeTelegram.MAPPER.readTree(media)) {
                    String ref = item.path("media").asText("");
                    if (ref.startsWith(ATTACH)) {
                        fieldOfPart.putIfAbsent(ref.substring(ATTACH.length()), "media");
                    }
                }
            } catch (IOException e) {
                // left for the method to reject
            }
        }
        List<Upload> files = new ArrayList<>();
        Map<String, Upload> byPartName = new HashMap<>();
        parts.forEach((partName, upload) -> {
            String field = fieldOfPart.getOrDefault(partName, partName);
            Upload named = new Upload(field, upload.filename(), upload.contentType(), upload.bytes());
            files.add(named);
            byPartName.put(partName, named);
        });
        return new ApiRequest(params, files, byPartName);
    }

    private static String attribute(Pattern pattern, String disposition) {
        if (disposition == null) {
            return null;
        }
        Matcher matcher = pattern.matcher(disposition);
        if (!matcher.find()) {
            return null;
        }
        // OkHttp percent-escapes these three characters in quoted names.
        return matcher.group(1).replace("%22", "\"").replace("%0A", "\n").replace("%0D", "\r");
    }
}
