package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PngCheckTest {

    private static BufferedImage noise(int width, int height, int type) {
        var image = new BufferedImage(width, height, type);
        var random = new Random(width * 31L + height + type);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        return image;
    }

    private static byte[] png(BufferedImage image) throws IOException {
        var out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, "png", out)).isTrue();
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(
            ints = {
                BufferedImage.TYPE_INT_RGB,
                BufferedImage.TYPE_INT_ARGB,
                BufferedImage.TYPE_BYTE_GRAY,
                BufferedImage.TYPE_USHORT_GRAY,
                BufferedImage.TYPE_BYTE_INDEXED,
                BufferedImage.TYPE_BYTE_BINARY
            })
    void aWholePngOfEveryPixelFormatPasses(int type) throws IOException {
        assertThat(PngCheck.check(png(noise(37, 23, type)))).isEqualTo(PngCheck.Verdict.WHOLE);
    }

    @Test
    void aTruncatedPngIsDamaged() throws IOException {
        byte[] whole = png(noise(64, 64, BufferedImage.TYPE_INT_RGB));
        for (int cut : new int[] {whole.length - 1, whole.length - 12, whole.length / 2, 40}) {
            assertThat(PngCheck.check(Arrays.copyOf(whole, cut)))
                    .as("cut at %d", cut)
                    .isEqualTo(PngCheck.Verdict.DAMAGED);
        }
    }

    @Test
    void aChangedByteIsDamaged() throws IOException {
        byte[] bytes = png(noise(64, 64, BufferedImage.TYPE_INT_RGB));
        bytes[bytes.length / 2] ^= 0x5A;
        assertThat(PngCheck.check(bytes)).isEqualTo(PngCheck.Verdict.DAMAGED);
    }

    @Test
    void dataForFewerRowsThanTheHeaderStatesIsDamagedEvenWithRightChecksums() throws IOException {
        byte[] bytes = png(noise(40, 30, BufferedImage.TYPE_INT_RGB));
        // The header now claims 31 rows; its checksum is made right again, as a careful forger would.
        bytes[8 + 8 + 7] = 31;
        var crc = new CRC32();
        crc.update(bytes, 12, 17);
        int value = (int) crc.getValue();
        bytes[29] = (byte) (value >>> 24);
        bytes[30] = (byte) (value >>> 16);
        bytes[31] = (byte) (value >>> 8);
        bytes[32] = (byte) value;
        assertThat(PngCheck.check(bytes)).isEqualTo(PngCheck.Verdict.DAMAGED);
    }

    @Test
    void anInterlacedPngIsLeftToTheDecoder() throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        var out = new ByteArrayOutputStream();
        try (var stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            writer.write(null, new IIOImage(noise(20, 20, BufferedImage.TYPE_INT_RGB), null, null), param);
        } finally {
            writer.dispose();
        }
        assertThat(PngCheck.check(out.toByteArray())).isEqualTo(PngCheck.Verdict.DECODE);
    }

    @Test
    void theIntakeAcceptsAWholePngUntouchedAndRefusesADamagedOne() throws IOException {
        var intake = new ImageIntake(new IntakePolicy(50_000_000, 10_000_000));
        byte[] whole = png(noise(64, 48, BufferedImage.TYPE_INT_RGB));
        var accepted = (IntakeResult.Accepted) intake.accept(whole);
        assertThat(accepted.image().bytes()).isEqualTo(whole);
        assertThat(accepted.notes()).isEmpty();

        byte[] damaged = whole.clone();
        damaged[damaged.length / 2] ^= 0x5A;
        assertThat(intake.accept(damaged)).isInstanceOf(IntakeResult.Rejected.class);
    }
}
