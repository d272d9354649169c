package dev.redraw.core.provider;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * A JSON request body whose images are base64-encoded as the body is sent, never held encoded. A
 * fusion sends up to five large images: the body keeps the JSON around them and the images' own
 * bytes, and encodes each image a chunk at a time into the connection, so no copy of the whole
 * request (a third larger than its images) is ever made. Its length is known from the start, and it
 * can be sent again, as a retry does.
 */
public final class StreamedJson {

    /** Image bytes base64-encoded at a time: whole triplets, so no padding falls inside. */
    private static final int BASE64_CHUNK = 3 * 16 * 1024;

    /** What goes into the body. */
    @FunctionalInterface
    public interface Content {
        void write(StreamedJson out) throws IOException;
    }

    /** A stretch of the body: JSON as written, or an image's bytes, sent in base64. */
    private sealed interface Piece {
        long length();
    }

    private record Text(byte[] bytes) implements Piece {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    private record Image(byte[] bytes) implements Piece {
        @Override
        public long length() {
            return 4 * ((bytes.length + 2L) / 3);
        }
    }

    private final ByteArrayOutputStream text = new ByteArrayOutputStream(1024);
    private final List<Piece> pieces = new ArrayList<>();
    private JsonGenerator generator;

    private StreamedJson() {}

    /** Writes the body's JSON now; its images are encoded each time the body is sent. */
    public static RequestBody body(ObjectMapper json, MediaType type, Content content) {
        var out = new StreamedJson();
        try (JsonGenerator generator = json.getFactory().createGenerator(out.text)) {
            out.generator = generator;
            content.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the request", e);
        }
        out.endText();
        return new Body(type, List.copyOf(out.pieces));
    }

    public JsonGenerator generator() {
        return generator;
    }

    /** Writes an image as a {@code data:<mime>;base64,…} string value, in an object or an array. */
    public void dataUri(String mimeType, byte[] image) throws IOException {
        // The value is opened as raw JSON; the base64 follows when the body is sent.
        generator.writeRawValue("\"data:" + mimeType + ";base64,");
        generator.flush();
        endText();
        pieces.add(new Image(image));
        generator.writeRaw('"');
    }

    private void endText() {
        if (text.size() > 0) {
            pieces.add(new Text(text.toByteArray()));
            text.reset();
        }
    }

    private static final class Body extends RequestBody {
        private final MediaType type;
        private final List<Piece> pieces;
        private final long length;

        Body(MediaType type, List<Piece> pieces) {
            this.type = type;
            this.pieces = pieces;
            this.length = pieces.stream().mapToLong(Piece::length).sum();
        }

        @Override
        public MediaType contentType() {
            return type;
        }

        @Override
        public long contentLength() {
            return length;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            byte[] chunk = null;
            byte[] encoded = null;
            for (Piece piece : pieces) {
                switch (piece) {
                    case Text text -> sink.write(text.bytes());
                    case Image image -> {
                        if (chunk == null) {
                            chunk = new byte[BASE64_CHUNK];
                            encoded = new byte[BASE64_CHUNK / 3 * 4];
                        }
                        writeBase64(sink, image.bytes(), chunk, encoded);
                    }
                }
            }
        }

        /**
         * Sends {@code source} in base64 through {@link Base64.Encoder#encode(byte[], byte[])} a
         * chunk at a time, which the JIT compiles to vector instructions; the encoder's stream form
         * encodes a byte at a time and took several times the CPU for an album of photos.
         */
        private static void writeBase64(BufferedSink sink, byte[] source, byte[] chunk, byte[] encoded)
                throws IOException {
            Base64.Encoder encoder = Base64.getEncoder();
            int whole = source.length - source.length % BASE64_CHUNK;
            for (int offset = 0; offset < whole; offset += BASE64_CHUNK) {
                System.arraycopy(source, offset, chunk, 0, BASE64_CHUNK);
                sink.write(encoded, 0, encoder.encode(chunk, encoded));
            }
            if (whole < source.length) {
                sink.write(encoder.encode(Arrays.copyOfRange(source, whole, source.length)));
            }
        }
    }
}
