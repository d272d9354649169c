package dev.redraw.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Read access to one mapping of a checked, expanded config tree, turning every failure into a
 * {@link ConfigException} carrying the full key path.
 *
 * <p>A key that is absent, {@code null} or blank counts as not given, so {@code ${VAR:-}} can leave a
 * setting at its default.
 */
final class Section {

    private final JsonNode node;
    private final String path;

    private Section(JsonNode node, String path) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.path = path;
    }

    static Section root(JsonNode node) {
        return new Section(node, "");
    }

    static Section at(JsonNode node, String path) {
        return new Section(node, path);
    }

    String path() {
        return path;
    }

    String pathOf(String key) {
        return KeyPaths.child(path, key);
    }

    Section section(String key) {
        return new Section(node.get(key), pathOf(key));
    }

    /** The text of a scalar, or empty when not given. */
    Optional<String> text(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(value.asText());
    }

    <T> Optional<T> optional(String key, Function<String, T> parser) {
        return text(key).map(text -> parse(pathOf(key), text, parser));
    }

    <T> T value(String key, Function<String, T> parser, T fallback) {
        return optional(key, parser).orElse(fallback);
    }

    <T> T required(String key, Function<String, T> parser) {
        return optional(key, parser).orElseThrow(() -> ConfigException.at(pathOf(key), "missing required key"));
    }

    /** The elements of a list, each with its own key path; empty when the list is not given. */
    List<Element> list(String key) {
        return optionalList(key).orElseGet(List::of);
    }

    /**
     * The elements of a list, each with its own key path; empty when the list is not given, and an
     * empty list when it is given as {@code []}.
     */
    Optional<List<Element>> optionalList(String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isArray()) {
            return Optional.empty();
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            elements.add(new Element(value.get(i), KeyPaths.index(pathOf(key), i)));
        }
        return Optional.of(elements);
    }

    /** Runs a record constructor, placing any problem it reports under this section's path. */
    <T> T build(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (ConfigException e) {
            throw e.under(path);
        }
    }

    /** One element of a list. */
    record Element(JsonNode node, String path) {

        Section asSection() {
            return Section.at(node, path);
        }

        /** Whether the element is a mapping rather than a single value. */
        boolean isMapping() {
            return node != null && node.isObject();
        }

        /** The element's text; blank counts as missing because list items have no default. */
        String text() {
            if (node == null || node.isNull() || node.asText().isBlank()) {
                throw ConfigException.at(path, "cannot be empty");
            }
            return node.asText();
        }

        /** The element's text read by {@code parser}; a number such as {@code 12345} is read as text too. */
        <T> T value(Function<String, T> parser) {
            return parse(path, text(), parser);
        }
    }

    private static <T> T parse(String keyPath, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(keyPath, e.getMessage());
        }
    }
}
