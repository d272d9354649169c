package dev.redraw.core.provider;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.net.HashedBase64;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads an answer into a JSON tree in which the named base64 fields are already bytes (binary
 * nodes). A generated image arrives as megabytes of base64 text; read as text it would be copied
 * as characters, then as a string, then decoded. Here the parser only steps over the text, which
 * tells where it ends, and the JDK's decoder decodes it from the answer's bytes (a long text a
 * piece at a time, while another thread hashes the pieces already decoded; see {@link
 * HashedBase64}): the megabytes are scanned once and decoded once, and the hash the image is stored
 * under comes with them ({@link HashedBinaryNode}). Text with escapes (a gateway that writes {@code \/})
 * is read again with the parser decoding it; text that is not base64 at all (a {@code data:} URI,
 * say) makes the whole answer read as an ordinary tree, so nothing is lost.
 */
public final class BinaryResultTree {

    private BinaryResultTree() {}

    /** The tree, or null when the body is not JSON. */
    public static JsonNode read(ObjectMapper json, String body, Set<String> base64Fields) {
        return read(json, body.getBytes(StandardCharsets.UTF_8), base64Fields);
    }

    /** The tree of a UTF-8 body, or null when the body is not JSON. */
    public static JsonNode read(ObjectMapper json, byte[] body, Set<String> base64Fields) {
        try {
            try {
                return readBinary(json, body, base64Fields, Decoding.FROM_BODY);
            } catch (Escaped e) {
                return readBinary(json, body, base64Fields, Decoding.BY_PARSER);
            }
        } catch (IOException e) {
            try {
                return json.readTree(body);
            } catch (IOException notJson) {
                return null;
            }
        }
    }

    /** Who decodes a base64 field's text. */
    private enum Decoding {
        /** The JDK's decoder, from the body's bytes, once the parser has stepped over the text. */
        FROM_BODY,
        /** The parser, which undoes escapes as it decodes. */
        BY_PARSER
    }

    /** A base64 field's text holds escapes, which only the parser undoes. */
    private static final class Escaped extends IOException {
        Escaped() {
            super("escapes in base64 text");
        }
    }

    private static JsonNode readBinary(ObjectMapper json, byte[] body, Set<String> base64Fields, Decoding decoding)
            throws IOException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return value(json, parser, body, base64Fields, decoding);
        }
    }

    /** The value at the parser's current token, which is left on the value's last token. */
    private static JsonNode value(
            ObjectMapper json, JsonParser parser, byte[] body, Set<String> base64Fields, Decoding decoding)
            throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = json.getNodeFactory().objectNode();
            JsonToken next = parser.nextToken();
            while (next == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken valueToken = parser.nextToken();
                if (valueToken == JsonToken.VALUE_STRING && base64Fields.contains(name)) {
                    if (decoding == Decoding.FROM_BODY) {
                        // Stepping over the text moves the parser on to the token after it.
                        object.set(name, decodeStepping(parser, body));
                        next = parser.currentToken();
                        continue;
                    }
                    object.set(
                            name,
                            json.getNodeFactory().binaryNode(parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS)));
                } else {
                    object.set(name, value(json, parser, body, base64Fields, decoding));
                }
                next = parser.nextToken();
            }
            if (next != JsonToken.END_OBJECT) {
                throw new JsonParseException(parser, "the answer ends inside an object");
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = json.getNodeFactory().arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new JsonParseException(parser, "the answer ends inside an array");
                }
                array.add(value(json, parser, body, base64Fields, decoding));
            }
            return array;
        }
        return json.readTree(parser);
    }

    /**
     * Decodes the string the parser is at from the body's bytes, after letting the parser step over
     * it to the next token: the text ends at the last quote before that token. The bytes are hashed
     * as they are decoded (see {@link HashedBase64}), as a generated image is stored under its hash.
     *
     * @throws Escaped when the text holds escapes
     * @throws IOException when it is not base64, or the body is not what the parser said
     */
    private static HashedBinaryNode decodeStepping(JsonParser parser, byte[] body) throws IOException {
        long quote = parser.currentTokenLocation().getByteOffset();
        JsonToken next = parser.nextToken();
        long after = next == null ? body.length : parser.currentTokenLocation().getByteOffset();
        if (quote < 0 || after > body.length || quote >= after || body[(int) quote] != '"') {
            throw new JsonParseException(parser, "the parser's offsets do not match the answer");
        }
        int end = (int) after - 1;
        while (end > quote && (body[end] == ',' || isWhitespace(body[end]))) {
            end--;
        }
        int start = (int) quote + 1;
        if (end < start || body[end] != '"') {
            throw new JsonParseException(parser, "no end found for a base64 string");
        }
        // A gateway that escapes one character escapes it throughout (PHP writes every / as \/):
        // a look at the text's start spares such answers a decoding bound to fail.
        if (holdsBackslash(body, start, Math.min(end, start + ESCAPE_LOOK))) {
            throw new Escaped();
        }
        try {
            return new HashedBinaryNode(HashedBase64.decode(body, start, end));
        } catch (IllegalArgumentException e) {
            if (holdsBackslash(body, start, end)) {
                throw new Escaped();
            }
            throw new IOException("not base64", e);
        }
    }

    /** Bytes of a base64 text's start looked at for escapes before it is decoded. */
    private static final int ESCAPE_LOOK = 4096;

    private static boolean holdsBackslash(byte[] body, int from, int to) {
        for (int at = from; at < to; at++) {
            if (body[at] == '\\') {
                return true;
            }
        }
        return false;
    }

    /** JSON's whitespace: space, tab, line feed, carriage return. */
    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
