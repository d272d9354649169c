package dev.redraw.core.image;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Decodes an image whose header has been checked, proving the data is complete and matches the
 * header. Animations yield their first frame, placed on the canvas.
 */
final class ImageDecoder {

    private static final String GIF_METADATA_FORMAT = "javax_imageio_gif_image_1.0";

    /** @param animated more than one frame was present; only the first is in {@code image} */
    record Decoded(BufferedImage image, boolean animated) {}

    private record Layout(FrameBounds firstFrame, boolean mayBeAnimated) {}

    Decoded decode(byte[] bytes, ImageHeader header) throws ImageRejectedException {
        ImageReader reader = readerFor(header.format());
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream input = new ByteArrayImageInputStream(bytes)) {
            // Seeking back is needed to count frames; the data is in memory, so that costs nothing.
            reader.setInput(input, false, header.format() != ImageFormat.GIF);
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));

            Layout layout = layout(reader, bytes, header);
            FrameBounds frame = layout.firstFrame();
            // Checked before reading so that a frame larger than the header cannot slip past the pixel limit.
            if (reader.getWidth(0) != frame.width()
                    || reader.getHeight(0) != frame.height()
                    || !frame.fitsIn(header.width(), header.height())) {
                throw ImageRejectedException.corrupt();
            }
            BufferedImage decoded = reader.read(0);
            if (decoded == null || decoded.getWidth() != frame.width() || decoded.getHeight() != frame.height()) {
                throw ImageRejectedException.corrupt();
            }
            if (header.format() == ImageFormat.JPEG && reportsTruncation(warnings)) {
                throw ImageRejectedException.corrupt();
            }
            boolean animated = layout.mayBeAnimated() && frameCount(reader) != 1;
            BufferedImage image =
                    frame.covers(header.width(), header.height()) ? decoded : placeOnCanvas(decoded, frame, header);
            return new Decoded(image, animated);
        } catch (IOException | RuntimeException e) {
            // Decoders signal damaged data with all kinds of exceptions, unchecked ones included.
            throw ImageRejectedException.corrupt(e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(ImageFormat format) throws ImageRejectedException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mimeType());
        if (!readers.hasNext()) {
            throw new ImageRejectedException(new ImageProblem.NoReader(format));
        }
        return readers.next();
    }

    private static Layout layout(ImageReader reader, byte[] bytes, ImageHeader header)
            throws IOException, ImageRejectedException {
        return switch (header.format()) {
            case GIF -> new Layout(gifFrame(reader), true);
            case WEBP -> {
                WebpParser.WebpInfo info = WebpParser.parse(bytes);
                yield new Layout(info.firstFrame(), info.animated());
            }
            case PNG, JPEG -> new Layout(FrameBounds.whole(header.width(), header.height()), false);
        };
    }

    /** A GIF frame may be smaller than the logical screen and offset within it. */
    private static FrameBounds gifFrame(ImageReader reader) throws IOException {
        IIOMetadata metadata = reader.getImageMetadata(0);
        if (metadata != null && GIF_METADATA_FORMAT.equals(metadata.getNativeMetadataFormatName())) {
            for (Node node = metadata.getAsTree(GIF_METADATA_FORMAT).getFirstChild();
                    node != null;
                    node = node.getNextSibling()) {
                if (node.getNodeName().equals("ImageDescriptor")) {
                    NamedNodeMap attributes = node.getAttributes();
                    return new FrameBounds(
                            intAttribute(attributes, "imageLeftPosition"),
                            intAttribute(attributes, "imageTopPosition"),
                            intAttribute(attributes, "imageWidth"),
                            intAttribute(attributes, "imageHeight"));
                }
            }
        }
        return FrameBounds.whole(reader.getWidth(0), reader.getHeight(0));
    }

    private static int intAttribute(NamedNodeMap attributes, String name) {
        return Integer.parseInt(attributes.getNamedItem(name).getNodeValue());
    }

    /**
     * The JDK JPEG reader fills missing data with grey and only warns: "Truncated File - Missing EOI
     * marker" from the reader, "Premature end of JPEG file" or "premature end of data segment" from
     * libjpeg. Other warnings (such as stray bytes between segments) are common in files that display
     * fine, so they are let through.
     */
    private static boolean reportsTruncation(List<String> warnings) {
        return warnings.stream()
                .map(warning -> warning.toLowerCase(Locale.ROOT))
                .anyMatch(warning -> warning.contains("premature end") || warning.contains("missing eoi"));
    }

    /**
     * -1 when the frames after the first cannot be read; they are dropped anyway, and the image then
     * counts as animated so the user is told that only the first frame was kept.
     */
    private static int frameCount(ImageReader reader) {
        try {
            return reader.getNumImages(true);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static BufferedImage placeOnCanvas(BufferedImage frame, FrameBounds bounds, ImageHeader header) {
        BufferedImage canvas = new BufferedImage(header.width(), header.height(), BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = canvas.createGraphics();
        try {
            graphics.setComposite(AlphaComposite.Src);
            graphics.drawImage(frame, bounds.x(), bounds.y(), null);
        } finally {
            graphics.dispose();
        }
        return canvas;
    }
}
