package dev.redraw.telegram.fake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.telegram.fake.FakeTelegram.Upload;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
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
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] DASHES = {'-', '-'};
    private static final byte[] HEADERS_END = {'\r', '\n', '\r', '\n'};

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

    /**
     * Splits a multipart body in one pass over its bytes: each part runs from the line after a
     * delimiter ({@code CRLF--boundary}) to the next one. A photo the bot posts is a megabyte, and
     * the fake shares the machine with the bot it measures.
     */
    private static void readMultipart(
            ByteString body, String boundary, Map<String, String> params, Map<String, Upload> parts)
            throws IOException {
        if (boundary == null) {
            throw new IOException("multipart body without a boundary");
        }
        byte[] data = body.toByteArray();
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = startsAt(data, 0, delimiter, 2) ? delimiter.length - 2 : after(data, delimiter, 0);
        while (true) {
            if (startsAt(data, pos, DASHES, 0)) {
                return;
            }
            while (pos < data.length && (data[pos] == ' ' || data[pos] == '\t')) {
                pos++;
            }
            if (!startsAt(data, pos, CRLF, 0)) {
                throw new IOException("malformed multipart delimiter line");
            }
            pos += CRLF.length;
            int headersEnd = startsAt(data, pos, CRLF, 0) ? pos : indexOf(data, HEADERS_END, pos);
            if (headersEnd < 0) {
                throw new IOException("multipart part without the end of its headers");
            }
            Map<String, String> headers = headers(new String(data, pos, headersEnd - pos, StandardCharsets.UTF_8));
            int start = headersEnd + (headersEnd == pos ? CRLF.length : HEADERS_END.length);
            int end = indexOf(data, delimiter, start);
            if (end < 0) {
                throw new IOException("multipart body without its closing delimiter");
            }
            pos = end + delimiter.length;
            String disposition = headers.get("content-disposition");
            String name = attribute(NAME, disposition);
            if (name == null) {
                continue;
            }
            String filename = attribute(FILENAME, disposition);
            byte[] bytes = Arrays.copyOfRange(data, start, end);
            if (filename == null) {
                params.put(name, new String(bytes, StandardCharsets.UTF_8));
            } else {
                parts.put(name, new Upload(name, filename, headers.get("content-type"), bytes));
            }
        }
    }

    /** A part's headers by lower-case name. */
    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new HashMap<>();
        for (String line : block.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    /** Whether {@code data} holds {@code pattern} from its index {@code from} on at {@code at}. */
    private static boolean startsAt(byte[] data, int at, byte[] pattern, int from) {
        int length = pattern.length - from;
        return at >= 0
                && at + length <= data.length
                && Arrays.equals(data, at, at + length, pattern, from, pattern.length);
    }

    /** The index just past the first {@code pattern} at or after {@code from}. */
    private static int after(byte[] data, byte[] pattern, int from) throws IOException {
        int at = indexOf(data, pattern, from);
        if (at < 0) {
            throw new IOException("multipart body without its first delimiter");
        }
        return at + pattern.length;
    }

    /**
     * The first index at or after {@code from} where {@code pattern} starts, or -1. Compares the byte
     * under the pattern's end first and skips ahead by how far that byte lies from the pattern's end
     * (Horspool), so a megabyte of photo is crossed in steps of about the delimiter's length.
     */
    static int indexOf(byte[] data, byte[] pattern, int from) {
        int length = pattern.length;
        int[] skip = new int[256];
        Arrays.fill(skip, length);
        for (int i = 0; i < length - 1; i++) {
            skip[pattern[i] & 0xff] = length - 1 - i;
        }
        byte end = pattern[length - 1];
        for (int i = Math.max(0, from); i <= data.length - length; ) {
            byte under = data[i + length - 1];
            if (under == end && Arrays.equals(data, i, i + length - 1, pattern, 0, length - 1)) {
                return i;
            }
            i += skip[under & 0xff];
        }
        return -1;
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
