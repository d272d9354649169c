package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The structure of the config file: which keys exist, which hold lists, and which hold secrets.
 *
 * <p>Checking the structure before anything else means a misspelt key is reported as such, not as a
 * confusing complaint about its value; knowing where secrets live lets expansion leave them alone so
 * their values never enter the tree.
 */
sealed interface Shape {

    /** A single string, number or boolean; {@code ${...}} references in it are expanded. */
    record Value() implements Shape {}

    /** A single value that must be an environment reference; it is resolved by the binder, not expanded. */
    record SecretValue() implements Shape {}

    record ListOf(Shape element) implements Shape {}

    /** Either a single value or a mapping, such as a model given by its id alone or with its capabilities. */
    record ValueOrMapping(Mapping mapping) implements Shape {}

    record Mapping(List<Key> keys) implements Shape {
        public Mapping {
            keys = List.copyOf(keys);
        }

        Optional<Shape> shapeOf(String name) {
            return keys.stream()
                    .filter(k -> k.name().equals(name))
                    .map(Key::shape)
                    .findFirst();
        }

        String keyNames() {
            return keys.stream().map(Key::name).collect(Collectors.joining(", "));
        }
    }

    record Key(String name, Shape shape) {}

    Shape VALUE = new Value();
    Shape SECRET = new SecretValue();

    static Mapping mapping(Key... keys) {
        return new Mapping(Arrays.asList(keys));
    }

    static Key key(String name, Shape shape) {
        return new Key(name, shape);
    }

    static Shape listOf(Shape element) {
        return new ListOf(element);
    }

    static Shape valueOr(Mapping mapping) {
        return new ValueOrMapping(mapping);
    }

    /**
     * The keys of a record read from a mapping: the parameters of its {@code @JsonCreator} factory,
     * in their order, each shaped by its type. A list or set holds elements of its element type; a
     * record with a factory of its own is a mapping, or either a value or a mapping when it also has
     * a single-value factory; {@link SecretText} is a secret; anything else is a single value.
     */
    static Mapping of(Class<?> section) {
        List<Key> keys = new ArrayList<>();
        Method factory = factory(section, JsonCreator.Mode.PROPERTIES)
                .orElseThrow(() -> new IllegalArgumentException(section + " has no @JsonCreator factory"));
        for (Parameter parameter : factory.getParameters()) {
            JsonProperty property = parameter.getAnnotation(JsonProperty.class);
            if (property != null) {
                keys.add(key(property.value(), shapeOf(parameter.getParameterizedType())));
            }
        }
        return new Mapping(keys);
    }

    /** Whether {@code type} is read from a mapping by a {@code @JsonCreator} factory. */
    static boolean isSection(Class<?> type) {
        return factory(type, JsonCreator.Mode.PROPERTIES).isPresent();
    }

    private static Shape shapeOf(Type type) {
        if (type instanceof ParameterizedType generic
                && generic.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            return listOf(shapeOf(generic.getActualTypeArguments()[0]));
        }
        if (type == SecretText.class) {
            return SECRET;
        }
        if (type instanceof Class<?> section && isSection(section)) {
            return factory(section, JsonCreator.Mode.DELEGATING).isPresent() ? valueOr(of(section)) : of(section);
        }
        return VALUE;
    }

    private static Optional<java.lang.reflect.Method> factory(Class<?> type, JsonCreator.Mode mode) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()))
                .filter(method -> method.isAnnotationPresent(JsonCreator.class))
                .filter(method -> (method.getAnnotation(JsonCreator.class).mode() == JsonCreator.Mode.DELEGATING)
                        == (mode == JsonCreator.Mode.DELEGATING))
                .findFirst();
    }

    /** Fails on the first unknown key or misplaced list, mapping or value. Absent and null nodes pass. */
    static void check(JsonNode node, Shape shape, String path) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        switch (shape) {
            case Value v -> requireScalar(node, path);
            case SecretValue s -> requireScalar(node, path);
            case ValueOrMapping either -> {
                if (node.isArray()) {
                    throw ConfigException.at(
                            path,
                            "expected a single value or a mapping with keys "
                                    + either.mapping().keyNames());
                }
                check(node, node.isObject() ? either.mapping() : VALUE, path);
            }
            case ListOf list -> {
                if (!node.isArray()) {
                    throw ConfigException.at(path, "expected a list");
                }
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), list.element(), KeyPaths.index(path, i));
                }
            }
            case Mapping mapping -> {
                if (!node.isObject()) {
                    throw ConfigException.at(path, "expected a mapping with keys " + mapping.keyNames());
                }
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    String childPath = KeyPaths.child(path, field.getKey());
                    Shape childShape = mapping.shapeOf(field.getKey())
                            .orElseThrow(() ->
                                    ConfigException.at(childPath, "unknown key; known keys are " + mapping.keyNames()));
                    check(field.getValue(), childShape, childPath);
                }
            }
        }
    }

    /**
     * Returns a copy of a {@linkplain #check checked} tree with references in plain values replaced
     * from {@code env}, and every mapping left out added empty. Secret values are copied untouched.
     */
    static JsonNode expand(JsonNode node, Shape shape, String path, Map<String, String> env) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return node;
        }
        return switch (shape) {
            // Every value is bound as text, so a number or a boolean is read by the same parser as any
            // text (a model id such as 3 included).
            case Value v ->
                node.isTextual()
                        ? TextNode.valueOf(expandText(node.textValue(), path, env))
                        : node.isValueNode() ? TextNode.valueOf(node.asText()) : node;
            case SecretValue s -> node;
            case ValueOrMapping either -> expand(node, node.isObject() ? either.mapping() : VALUE, path, env);
            case ListOf list -> {
                ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
                for (int i = 0; i < node.size(); i++) {
                    copy.add(expand(node.get(i), list.element(), KeyPaths.index(path, i), env));
                }
                yield copy;
            }
            case Mapping mapping -> {
                ObjectNode copy = JsonNodeFactory.instance.objectNode();
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    Shape childShape = mapping.shapeOf(field.getKey()).orElseThrow();
                    copy.set(
                            field.getKey(),
                            expand(field.getValue(), childShape, KeyPaths.child(path, field.getKey()), env));
                }
                // A mapping left out (or empty) is read as an empty one, so its record applies every
                // default in one place, those that come from the environment included.
                for (Key key : mapping.keys()) {
                    JsonNode given = copy.get(key.name());
                    if (key.shape() instanceof Mapping nested && (given == null || given.isNull())) {
                        copy.set(
                                key.name(),
                                expand(
                                        JsonNodeFactory.instance.objectNode(),
                                        nested,
                                        KeyPaths.child(path, key.name()),
                                        env));
                    }
                }
                yield copy;
            }
        };
    }

    private static void requireScalar(JsonNode node, String path) {
        if (node.isContainerNode()) {
            throw ConfigException.at(path, "expected a single value, not a " + (node.isArray() ? "list" : "mapping"));
        }
    }

    private static String expandText(String text, String path, Map<String, String> env) {
        try {
            return Template.parse(text).expand(env);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(path, e.getMessage());
        }
    }
}
