package dev.redraw.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads the YAML config file into a validated {@link RedrawConfig}.
 *
 * <p>Loading runs in stages so each kind of mistake gets its own clear message: parse the YAML,
 * check the structure against the keys the records name, expand {@code ${VAR}} references from the
 * environment, then bind and validate values ({@link ConfigBinding}). Every failure is a one-line {@link ConfigException}.
 */
public final class ConfigLoader {

    /** Where the config file is looked for when no path is given on the command line. */
    public static final Path DEFAULT_PATH = Path.of("config", "redraw.yml");

    /** Every key the file may contain, as the records name them. */
    private static final Shape.Mapping SHAPE = Shape.of(RedrawConfig.class);

    private static final ConfigBinding BINDING = new ConfigBinding();

    private final Map<String, String> env;
    private final ObjectMapper yaml;

    /**
     * @param env the environment {@code ${VAR}} references and secrets are read from; production
     *     passes {@link System#getenv()}
     */
    public ConfigLoader(Map<String, String> env) {
        this.env = Map.copyOf(env);
        // Duplicate keys are refused: with YAML's last-one-wins rule the earlier value would be
        // silently ignored.
        this.yaml = YAMLMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
    }

    /** The largest configuration file read; anything larger is refused before it is read whole. */
    public static final int MAX_FILE_BYTES = 1024 * 1024;

    /** Reads {@code file}; relative paths in it are resolved against the folder it is in. */
    public RedrawConfig load(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException("config file not found: " + described(file) + " (pass --config PATH)");
        }
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(
                    described(file) + " is not a config file but a folder or a device (pass --config PATH)");
        }
        String text;
        try (var in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new ConfigException("config file " + described(file) + " is over "
                        + MAX_FILE_BYTES / (1024 * 1024) + " MB; a configuration takes a few KB (pass --config PATH)");
            }
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException("config file " + file + " is not valid UTF-8", e);
        } catch (IOException e) {
            throw new ConfigException("cannot read config file " + described(file) + ": " + e.getMessage(), e);
        }
        return load(text, file.toString(), RelativePaths.nextTo(file));
    }

    /** The path as given, and where that is when it is relative. */
    private static String described(Path file) {
        return file.isAbsolute()
                ? file.toString()
                : file + " (" + file.toAbsolutePath().normalize() + ")";
    }

    /**
     * Reads configuration text; relative paths in it stay as written (relative to the working
     * directory).
     *
     * @param sourceName how to refer to the text in messages, usually its file path
     */
    public RedrawConfig load(String yamlText, String sourceName) {
        return load(yamlText, sourceName, RelativePaths.asWritten());
    }

    private RedrawConfig load(String yamlText, String sourceName, RelativePaths paths) {
        JsonNode tree = parse(yamlText, sourceName);
        if (tree.isMissingNode() || tree.isNull()) {
            tree = JsonNodeFactory.instance.objectNode();
        }
        if (!tree.isObject()) {
            throw new ConfigException(sourceName + ": the top level must be a mapping with keys " + SHAPE.keyNames());
        }
        Shape.check(tree, SHAPE, "");
        JsonNode expanded = Shape.expand(tree, SHAPE, "", env);
        return BINDING.bind(expanded, env, paths);
    }

    private JsonNode parse(String yamlText, String sourceName) {
        try {
            return yaml.readTree(yamlText);
        } catch (JsonProcessingException e) {
            // The cause is dropped on purpose: the parser's own message quotes the offending source
            // line, which could hold a credential someone pasted in by mistake.
            throw new ConfigException(YamlErrors.describe(e, sourceName));
        }
    }
}
