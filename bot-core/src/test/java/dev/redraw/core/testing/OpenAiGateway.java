package dev.redraw.core.testing;

import java.util.Base64;
import mockwebserver3.MockResponse;

/** Answers of an {@code openai} dialect gateway, for a MockWebServer to play one. */
public final class OpenAiGateway {

    /** Where the dialect asks for an image made from text alone (seed 003's generations form). */
    public static final String GENERATIONS = "/v1/images/generations";

    private OpenAiGateway() {}

    /** The OpenAI images answer carrying {@code image} as {@code b64_json}. */
    public static MockResponse image(byte[] image) {
        return ContentsGateway.ok("{\"created\":1713833628,\"data\":[{\"b64_json\":\""
                + Base64.getEncoder().encodeToString(image) + "\"}]}");
    }
}
