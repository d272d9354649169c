package dev.redraw.core.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.conversation.ImageRef;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import okhttp3.MediaType;
import okhttp3.RequestBody;

/**
 * A JSON request body streamed into one buffer sized up front for the images it carries. A fusion
 * sends up to five large images; each is base64-encoded straight into the buffer, never held as a
 * string, and the buffer becomes the request body without a copy.
 */
public final class StreamedJson {

    /** Room for the JSON around the images: field names, prompts, provider data. */
    private static final int STRUCTURE_ALLOWANCE = 16 * 1024;

    /** Image bytes base64-encoded at a time: whole triplets, so no padding falls inside. */
    private static final int BASE64_CHUNK = 3 * 16 * 1024;

    /** What goes into the body. */
    @FunctionalInterface
    public interface Content {
        void write(StreamedJson out) throws IOException;
    }

    private final Buffer buffer;
    private final JsonGenerator generator;

    private StreamedJson(Buffer buffer, JsonGenerator generator) {
        this.buffer = buffer;
        this.generator = generator;
    }

    /**
     * Writes a body whose images and text together are about {@code expectedBytes} long (see {@link
     * #dataUriLength}); the buffer grows if they turn out longer.
     */
    public static RequestBody body(ObjectMapper json, MediaType type, long expectedBytes, Content content) {
        var buffer = new Buffer((int) Math.min(expectedBytes + STRUCTURE_ALLOWANCE, Integer.MAX_VALUE - 64));
        try (JsonGenerator generator = json.getFactory().createGenerator(buffer)) {
            content.write(new StreamedJson(buffer, generator));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the request", e);
        }
        return RequestBody.create(buffer.bytes, type, 0, buffer.count);
    }

    /** The length of an image written as a {@code data:} URI, for {@link #body}'s estimate. */
    public static long dataUriLength(ImageRef image) {
        return 64 + 4 * ((image.byteSize() + 2) / 3);
    }

    public JsonGenerator generator() {
        return generator;
    }

    /** Writes an image as a {@code data:<mime>;base64,…} string value, in an object or an array. */
    public void dataUri(String mimeType, byte[] image) throws IOException {
        // The value is opened as raw JSON, then the base64 goes straight into the buffer.
        generator.writeRawValue("\"data:" + mimeType + ";base64,");
        generator.flush();
        buffer.writeBase64(image);
        generator.writeRaw('"');
    }

    /** A growable byte buffer whose array is handed to the request without a copy. */
    private static final class Buffer extends OutputStream {
        private byte[] bytes;
        private int count;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[count++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int length) {
            ensure(length);
            System.arraycopy(source, offset, bytes, count, length);
            count += length;
        }

        private void ensure(int more) {
            if (count + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, count + more));
            }
        }

        /**
         * Appends {@code source} in base64. The encoding goes through {@link Base64.Encoder#encode(byte[],
         * byte[])} a chunk at a time, which the JIT compiles to vector instructions; the encoder's
         * stream form encodes a byte at a time and took several times the CPU for an album of photos.
         */
        void writeBase64(byte[] source) {
            Base64.Encoder encoder = Base64.getEncoder();
            int whole = source.length - source.length % BASE64_CHUNK;
            if (whole > 0) {
                byte[] chunk = new byte[BASE64_CHUNK];
                byte[] encoded = new byte[BASE64_CHUNK / 3 * 4];
                for (int offset = 0; offset < whole; offset += BASE64_CHUNK) {
                    System.arraycopy(source, offset, chunk, 0, BASE64_CHUNK);
                    write(encoded, 0, encoder.encode(chunk, encoded));
                }
            }
            if (whole < source.length) {
                byte[] rest = encoder.encode(Arrays.copyOfRange(source, whole, source.length));
                write(rest, 0, rest.length);
            }
        }
    }
}
