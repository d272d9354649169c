package dev.redraw.core.provider;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;

/**
 * Reads an answer into a JSON tree in which the named base64 fields are already bytes (binary
 * nodes). A generated image arrives as megabytes of base64 text; read as text it would be copied
 * as characters, then as a string, then decoded, while the parser can decode it straight from the
 * answer's bytes. Text that is not plain base64 (a {@code data:} URI, say) makes the whole answer
 * read as an ordinary tree instead, so nothing is lost.
 */
public final class BinaryResultTree {

    private BinaryResultTree() {}

    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';

    /** The tree, or null when the body is not JSON. */
    public static JsonNode read(ObjectMapper json, String body, Set<String> base64Fields) {
        return read(json, body.getBytes(StandardCharsets.UTF_8), base64Fields);
    }

    /** The tree of a UTF-8 body, or null when the body is not JSON. */
    public static JsonNode read(ObjectMapper json, byte[] body, Set<String> base64Fields) {
        try {
            return readBinary(json, body, base64Fields);
        } catch (IOException e) {
            try {
                return json.readTree(body);
            } catch (IOException notJson) {
                return null;
            }
        }
    }

    private static JsonNode readBinary(ObjectMapper json, byte[] body, Set<String> base64Fields) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(body)) {
            if (parser.nextToken() == null) {
                return null;
            }
            return value(json, parser, body, null, base64Fields);
        }
    }

    private static JsonNode value(
            ObjectMapper json, JsonParser parser, byte[] body, String field, Set<String> base64Fields)
            throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = json.getNodeFactory().objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, value(json, parser, body, name, base64Fields));
            }
            return object;
        }
        if (token == JsonToken.START_ARRAY) {
            ArrayNode array = json.getNodeFactory().arrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                if (parser.currentToken() == null) {
                    throw new JsonParseException(parser, "the answer ends inside an array");
                }
                array.add(value(json, parser, body, null, base64Fields));
            }
            return array;
        }
        if (token == JsonToken.VALUE_STRING && field != null && base64Fields.contains(field)) {
            byte[] plain = plainBase64(body, parser.currentTokenLocation().getByteOffset());
            return json.getNodeFactory()
                    .binaryNode(plain != null ? plain : parser.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS));
        }
        return json.readTree(parser);
    }

    /**
     * The string value starting at {@code quote} decoded by the JDK's base64 decoder straight from
     * the body, the fast path for the usual answer; null when the text has escapes, which the
     * parser's own decoder then handles. Text that is not base64 throws, so the answer is read as
     * text.
     */
    private static byte[] plainBase64(byte[] body, long quote) throws IOException {
        if (quote < 0 || quote >= body.length || body[(int) quote] != '"') {
            return null;
        }
        int start = (int) quote + 1;
        int end = stringEnd(body, start);
        if (end >= body.length || body[end] != '"') {
            return null;
        }
        try {
            ByteBuffer decoded = Base64.getDecoder().decode(ByteBuffer.wrap(body, start, end - start));
            return decoded.remaining() == decoded.array().length
                    ? decoded.array()
                    : Arrays.copyOfRange(decoded.array(), decoded.position(), decoded.limit());
        } catch (IllegalArgumentException e) {
            throw new IOException("not base64", e);
        }
    }

    /**
     * Where the string whose text starts at {@code start} stops: the first quote or backslash from
     * there, or the body's end. Eight bytes are looked at a time (a megabyte of base64 is scanned
     * in a fraction of the time a byte at a time takes), then the last few one by one.
     */
    static int stringEnd(byte[] body, int start) {
        int at = start;
        for (; at + Long.BYTES <= body.length; at += Long.BYTES) {
            long word = (long) WORDS.get(body, at);
            if (holds(word ^ QUOTES) || holds(word ^ BACKSLASHES)) {
                break;
            }
        }
        while (at < body.length && body[at] != '"' && body[at] != '\\') {
            at++;
        }
        return at;
    }

    /** Whether one of the word's eight bytes is zero. */
    private static boolean holds(long word) {
        return ((word - ONES) & ~word & HIGHS) != 0;
    }
}
