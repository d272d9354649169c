package dev.redraw.core.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Builds real image files in memory with ImageIO, plus a few deliberately broken ones. */
public final class TestImages {

    public static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private TestImages() {}

    public static byte[] png(int width, int height, Color colour) {
        return png(solid(width, height, colour));
    }

    public static byte[] jpeg(int width, int height, Color colour) {
        return jpeg(solid(width, height, colour));
    }

    public static BufferedImage solid(int width, int height, Color colour) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(colour);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        return image;
    }

    /** Random pixels: incompressible, so the files are as large as they get. */
    public static BufferedImage opaqueNoise(int width, int height, long seed) {
        return noise(width, height, seed, BufferedImage.TYPE_INT_RGB, 0xFF000000);
    }

    /** Random pixels including random alpha. */
    public static BufferedImage translucentNoise(int width, int height, long seed) {
        return noise(width, height, seed, BufferedImage.TYPE_INT_ARGB, 0);
    }

    /**
     * Smooth gradients with a little grain, like a photo: PNG compresses it poorly, JPEG well.
     */
    public static BufferedImage photoLike(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int grain = random.nextInt(9) - 4;
                int red = clamp(x * 255 / width + grain);
                int green = clamp(y * 255 / height + grain);
                int blue = clamp(128 + (int) (60 * Math.sin(x / 20.0)) + grain);
                image.setRGB(x, y, (red << 16) | (green << 8) | blue);
            }
        }
        return image;
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    /** Random colours in an image type that has an alpha channel, every pixel fully opaque. */
    public static BufferedImage opaqueNoiseWithAlphaChannel(int width, int height, long seed) {
        return noise(width, height, seed, BufferedImage.TYPE_INT_ARGB, 0xFF000000);
    }

    private static BufferedImage noise(int width, int height, long seed, int type, int forcedBits) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt() | forcedBits;
        }
        BufferedImage image = new BufferedImage(width, height, type);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    public static byte[] png(BufferedImage image) {
        return write(image, "png");
    }

    public static byte[] jpeg(BufferedImage image) {
        return write(image, "jpeg");
    }

    public static byte[] progressiveJpeg(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(output);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return buffer.toByteArray();
    }

    public static byte[] gif(BufferedImage image) {
        return write(image, "gif");
    }

    /** An animated GIF, every frame covering the whole screen. */
    public static byte[] animatedGif(BufferedImage... frames) {
        return gifSequence(frames[0].getWidth(), frames[0].getHeight(), List.of(frames), 0, 0);
    }

    /**
     * A GIF whose logical screen is larger than its first frame, which sits at the given offset.
     */
    public static byte[] gifWithOffsetFrame(int screenWidth, int screenHeight, BufferedImage frame, int left, int top) {
        return gifSequence(screenWidth, screenHeight, List.of(frame), left, top);
    }

    private static byte[] gifSequence(
            int screenWidth, int screenHeight, List<BufferedImage> frames, int firstLeft, int firstTop) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(buffer)) {
            writer.setOutput(output);
            IIOMetadata stream = writer.getDefaultStreamMetadata(param);
            String streamFormat = stream.getNativeMetadataFormatName();
            IIOMetadataNode streamRoot = new IIOMetadataNode(streamFormat);
            IIOMetadataNode screen = new IIOMetadataNode("LogicalScreenDescriptor");
            screen.setAttribute("logicalScreenWidth", Integer.toString(screenWidth));
            screen.setAttribute("logicalScreenHeight", Integer.toString(screenHeight));
            screen.setAttribute("colorResolution", "8");
            screen.setAttribute("pixelAspectRatio", "0");
            streamRoot.appendChild(screen);
            stream.mergeTree(streamFormat, streamRoot);
            writer.prepareWriteSequence(stream);
            for (int i = 0; i < frames.size(); i++) {
                BufferedImage frame = frames.get(i);
                IIOMetadata metadata =
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(frame), param);
                String format = metadata.getNativeMetadataFormatName();
                IIOMetadataNode root = new IIOMetadataNode(format);
                IIOMetadataNode descriptor = new IIOMetadataNode("ImageDescriptor");
                descriptor.setAttribute("imageLeftPosition", Integer.toString(i == 0 ? firstLeft : 0));
                descriptor.setAttribute("imageTopPosition", Integer.toString(i == 0 ? firstTop : 0));
                descriptor.setAttribute("imageWidth", Integer.toString(frame.getWidth()));
                descriptor.setAttribute("imageHeight", Integer.toString(frame.getHeight()));
                descriptor.setAttribute("interlaceFlag", "FALSE");
                root.appendChild(descriptor);
                metadata.mergeTree(format, root);
                writer.writeToSequence(new IIOImage(frame, null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return buffer.toByteArray();
    }

    private static byte[] write(BufferedImage image, String format) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (ImageOutputStream output = new MemoryCacheImageOutputStream(buffer)) {
            if (!ImageIO.write(image, format, output)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("not decodable");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signature, IHDR and IEND, with no pixel data at all. */
    public static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height);
        ihdr.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        out.writeBytes(pngChunk("IHDR", ihdr.array()));
        out.writeBytes(pngChunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    public static byte[] pngChunk(String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(typeBytes)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** Rewrites the IHDR dimensions of a PNG, with a matching CRC, leaving the pixel data alone. */
    public static byte[] withPngSize(byte[] png, int width, int height) {
        byte[] copy = png.clone();
        ByteBuffer buffer = ByteBuffer.wrap(copy);
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(copy, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return copy;
    }

    /** Offset of the first SOFn marker (FF C0..CF, not C4/C8/CC) found by walking the segments. */
    public static int jpegFrameMarker(byte[] jpeg) {
        int pos = 2;
        while (pos + 4 <= jpeg.length) {
            int marker = jpeg[pos + 1] & 0xFF;
            if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return pos;
            }
            pos += 2 + (((jpeg[pos + 2] & 0xFF) << 8) | (jpeg[pos + 3] & 0xFF));
        }
        throw new IllegalArgumentException("no frame header");
    }

    /** Rewrites the dimensions in a JPEG's frame header. */
    public static byte[] withJpegSize(byte[] jpeg, int width, int height) {
        byte[] copy = jpeg.clone();
        int sof = jpegFrameMarker(copy);
        ByteBuffer.wrap(copy).putShort(sof + 5, (short) height).putShort(sof + 7, (short) width);
        return copy;
    }

    /** Inserts a segment right after SOI. */
    public static byte[] withJpegSegment(byte[] jpeg, int marker, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(marker);
        out.write((payload.length + 2) >> 8);
        out.write((payload.length + 2) & 0xFF);
        out.writeBytes(payload);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** An APP1 payload holding only an EXIF orientation tag. */
    public static byte[] exifOrientation(int orientation, ByteOrder order) {
        ByteBuffer exif = ByteBuffer.allocate(32).order(order);
        exif.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        exif.put((order == ByteOrder.LITTLE_ENDIAN ? "II" : "MM").getBytes(StandardCharsets.US_ASCII));
        exif.putShort((short) 42).putInt(8); // TIFF magic, offset of IFD0
        exif.putShort((short) 1); // one entry
        exif.putShort((short) 0x0112)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        exif.putInt(0); // no further IFD
        return exif.array();
    }

    public static byte[] firstPart(byte[] bytes, double fraction) {
        return Arrays.copyOf(bytes, (int) (bytes.length * fraction));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
