package dev.redraw.app.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.InjectableValues;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.redraw.core.provider.gemini.ResponseModality;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.function.Function;

/**
 * Binds a {@linkplain Shape#check checked}, {@linkplain Shape#expand expanded} config tree to the
 * records with Jackson.
 *
 * <p>Each record names its keys, and applies its defaults, in its {@code @JsonCreator} factory, whose
 * parameters are nullable: null means the key was not given (or was blank). Scalars are read by the
 * parsers registered here, so a value is refused with the same words wherever it appears, at its full
 * key path; a problem a record reports about one of its own keys is placed under the path the record
 * was read from. Secrets stay as written ({@link SecretText}) until their record resolves them.
 */
final class ConfigBinding {

    /** The injection id of the environment, {@code Map<String, String>}. */
    static final String ENV = "redraw.env";

    /** The injection id of the {@link RelativePaths} that relative paths are resolved with. */
    static final String PATHS = "redraw.paths";

    private final ObjectMapper mapper;

    ConfigBinding() {
        SimpleModule module = new SimpleModule("redraw-config");
        scalar(module, String.class, Values::text);
        scalar(module, Integer.class, Values::integer);
        scalar(module, Long.class, Values::count);
        scalar(module, Boolean.class, Values::bool);
        scalar(module, Duration.class, Durations::parse);
        scalar(module, URI.class, Values::uri);
        scalar(module, Path.class, Values::path);
        scalar(module, ScopedId.class, ScopedId::parse);
        scalar(module, SecretText.class, SecretText::new);
        scalar(module, Dialect.class, Dialect::fromYaml);
        scalar(module, ProviderAuth.class, ProviderAuth::fromYaml);
        scalar(module, TelegramMode.class, TelegramMode::fromYaml);
        scalar(module, LogFormat.class, LogFormat::fromYaml);
        scalar(module, ResponseModality.class, ResponseModalities::parse);
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(
                    DeserializationConfig config, BeanDescription description, JsonDeserializer<?> deserializer) {
                return Shape.isSection(description.getBeanClass()) ? new Placed(deserializer) : deserializer;
            }
        });
        // A problem a value reports is already a one-line ConfigException with its key path; Jackson
        // must pass it on as it is.
        this.mapper = JsonMapper.builder()
                .addModule(module)
                .disable(DeserializationFeature.WRAP_EXCEPTIONS)
                .build();
    }

    RedrawConfig bind(JsonNode tree, Map<String, String> env, RelativePaths paths) {
        try {
            return mapper.readerFor(RedrawConfig.class)
                    .with(new InjectableValues.Std().addValue(ENV, env).addValue(PATHS, paths))
                    .readValue(tree);
        } catch (IOException e) {
            // Some of Jackson's list readers wrap what an item reported.
            ConfigException reported = reported(e);
            if (reported != null) {
                throw reported;
            }
            // Only a record that cannot be built at all gets here (the tree was checked against the
            // records' keys before); the message names Java types, never a value.
            String problem = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
            throw new ConfigException("the configuration could not be read: " + problem);
        }
    }

    /** The ConfigException among the causes of {@code e}, or null. */
    private static ConfigException reported(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigException problem) {
                return problem;
            }
        }
        return null;
    }

    private static <T> void scalar(SimpleModule module, Class<T> type, Function<String, T> parser) {
        module.addDeserializer(type, new Scalar<>(type, parser));
    }

    /**
     * One value read as text by {@code parser}; a number such as {@code 12345} is read as text too.
     * Blank counts as not given (null), except in a list, where an item has no default.
     */
    static class Scalar<T> extends StdScalarDeserializer<T> {

        private static final long serialVersionUID = 1L;

        private final transient Function<String, T> parser;

        Scalar(Class<T> type, Function<String, T> parser) {
            super(type);
            this.parser = parser;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getText();
            if (text == null || text.isBlank()) {
                return blank(parser);
            }
            try {
                return this.parser.apply(text);
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(pathOf(parser.getParsingContext()), e.getMessage());
            }
        }

        @Override
        public T getNullValue(DeserializationContext context) {
            return blank(context.getParser());
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return null;
        }

        private static <T> T blank(JsonParser parser) {
            if (parser != null && parser.getParsingContext().inArray()) {
                throw ConfigException.at(pathOf(parser.getParsingContext()), "cannot be empty");
            }
            return null;
        }
    }

    /** A byte count such as {@code 20MB}, for the keys that hold one. */
    static final class DataSize extends Scalar<Long> {
        private static final long serialVersionUID = 1L;

        DataSize() {
            super(Long.class, DataSizes::parse);
        }
    }

    /** A Discord server, {@code discord:ID}, for the keys that hold one. */
    static final class Guild extends Scalar<ScopedId> {
        private static final long serialVersionUID = 1L;

        Guild() {
            super(ScopedId.class, ScopedId::parseGuild);
        }
    }

    /** A record read from a mapping; what its factory refuses is reported under the mapping's key path. */
    private static final class Placed extends DelegatingDeserializer {

        private static final long serialVersionUID = 1L;

        Placed(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Placed(delegate);
        }

        /** A list item left empty ({@code - ~}) has no default to fall back on. */
        @Override
        public Object getNullValue(DeserializationContext context) throws JsonMappingException {
            JsonParser parser = context.getParser();
            if (parser != null && parser.getParsingContext().inArray()) {
                throw ConfigException.at(pathOf(parser.getParsingContext()), "cannot be empty");
            }
            return super.getNullValue(context);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String path = pathOf(parser.getParsingContext());
            try {
                return super.deserialize(parser, context);
            } catch (ValueInstantiationException e) {
                if (e.getCause() instanceof ConfigException problem) {
                    throw problem.under(path);
                }
                throw e;
            }
        }
    }

    /** The key path of the value the parser is at, such as {@code providers[1].models[0]}. */
    static String pathOf(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            if (at.inArray() && at.hasCurrentIndex()) {
                parts.push("[" + at.getCurrentIndex() + "]");
            } else if (at.inObject() && at.getCurrentName() != null) {
                parts.push(at.getCurrentName());
            }
        }
        String path = "";
        for (String part : parts) {
            path = KeyPaths.child(path, part);
        }
        return path;
    }
}
