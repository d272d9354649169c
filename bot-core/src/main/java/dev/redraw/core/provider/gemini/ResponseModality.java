package dev.redraw.core.provider.gemini;

import java.util.List;

/**
 * What a {@code generateContent} answer may hold, sent upper case in {@code
 * generationConfig.responseModalities}. Seed 003's gemini-style gateway documents {@code ["IMAGE"]}
 * in every example (seed 003, the {@code /v1beta/models/{model}:generateContent} body); Google's own
 * API takes {@code ["TEXT", "IMAGE"]}, which lets the model answer in words as well.
 */
public enum ResponseModality {
    TEXT,
    IMAGE;

    /** What is sent when a provider does not choose: text and image, as Google's API takes them. */
    public static final List<ResponseModality> DEFAULT = List.of(TEXT, IMAGE);
}
