package dev.redraw.app.config;

/** How a provider's API key is sent. Written {@code bearer} or {@code google-api-key} in the YAML file. */
public enum ProviderAuth {
    /** In an {@code Authorization: Bearer …} header. */
    BEARER,
    /** In Google's {@code x-goog-api-key} header. */
    GOOGLE_API_KEY;

    /** What {@code auth} is when not given: Google's header for the gemini dialect, a bearer token otherwise. */
    public static ProviderAuth defaultFor(Dialect dialect) {
        return dialect == Dialect.GEMINI ? GOOGLE_API_KEY : BEARER;
    }

    /** The spelling used in the config file. */
    public String yamlName() {
        return YamlNames.of(this);
    }

    /**
     * Reads the config-file spelling.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code text} is not one of them
     */
    public static ProviderAuth fromYaml(String text) {
        return YamlNames.parse(ProviderAuth.class, text, "auth");
    }
}
