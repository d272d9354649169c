package dev.redraw.core.testing;

import java.util.Base64;
import mockwebserver3.MockResponse;

/** Answers of a {@code contents} dialect gateway, for a MockWebServer to play one. */
public final class ContentsGateway {

    private ContentsGateway() {}

    /** HTTP 200 with a JSON body. */
    public static MockResponse ok(String body) {
        return new MockResponse.Builder()
                .code(200)
                .setHeader("Content-Type", "application/json")
                .body(body)
                .build();
    }

    /**
     * One answer of each failure class, in this order: refused by policy, bad request, bad key,
     * rate limited, quota exhausted, server error.
     */
    public static java.util.List<MockResponse> everyFailure() {
        return java.util.List.of(
                ok("{\"error\":{\"message\":\"Gemini image generation blocked [IMAGE_SAFETY]\"}}"),
                ok("{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}"),
                status(401, "{\"code\":401,\"msg\":\"invalid key\"}"),
                status(429, "{\"code\":429,\"msg\":\"Too many requests\"}"),
                status(429, "{\"error\":{\"message\":\"insufficient_quota\"}}"),
                status(500, "{\"code\":500,\"msg\":\"internal\"}"));
    }

    public static MockResponse status(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    /** The documented success answer carrying {@code image} as {@code b64_json}. */
    public static MockResponse image(byte[] image) {
        return ok(success(Base64.getEncoder().encodeToString(image)));
    }

    public static String success(String b64) {
        return "{\"code\":200,\"msg\":\"Operation successful\",\"data\":{\"data\":[{\"url\":\"\",\"b64_json\":\"" + b64
                + "\",\"revised_prompt\":\"\"}],\"created\":1757320007}}";
    }

    /** The image of one part of one turn of a {@code contents} request body. */
    public static String imageAt(com.fasterxml.jackson.databind.JsonNode body, int turn, int part) {
        return partAt(body, turn, part).path("image").asText();
    }

    /** The text of one part of one turn of a {@code contents} request body. */
    public static String textAt(com.fasterxml.jackson.databind.JsonNode body, int turn, int part) {
        return partAt(body, turn, part).path("text").asText();
    }

    private static com.fasterxml.jackson.databind.JsonNode partAt(
            com.fasterxml.jackson.databind.JsonNode body, int turn, int part) {
        return body.path("contents").get(turn).path("parts").get(part);
    }

    public static String dataUri(String mimeType, byte[] bytes) {
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
