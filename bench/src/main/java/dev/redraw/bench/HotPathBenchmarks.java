package dev.redraw.bench;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.conversation.Role;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.history.History;
import dev.redraw.core.history.HistoryBuilder;
import dev.redraw.core.history.HistoryLimits;
import dev.redraw.core.image.ImageHeader;
import dev.redraw.core.image.ImageSniffer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Image header sniffing and history assembly, the small steps every request takes. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HotPathBenchmarks {

    private byte[] png;
    private byte[] jpeg;
    private List<Turn> path;
    private final HistoryBuilder builder = new HistoryBuilder();

    @Setup
    public void setUp() throws Exception {
        var image = new BufferedImage(1024, 768, BufferedImage.TYPE_INT_RGB);
        png = encode(image, "png");
        jpeg = encode(image, "jpeg");
        path = tenTurns();
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** A continuation ten turns deep: five requests and five answers with one image each. */
    static List<Turn> tenTurns() {
        List<Turn> turns = new ArrayList<>();
        var origin = new Origin("telegram", "1", "1");
        for (int i = 0; i < 10; i++) {
            Role role = i % 2 == 0 ? Role.USER : Role.MODEL;
            List<Part> parts = role == Role.USER
                    ? List.of(new Part.Text("step " + i))
                    : List.of(new Part.Image(
                            new ImageRef(String.format("%064d", i), "image/png", 1024, 1024, 1_000_000)));
            turns.add(new Turn(
                    i + 1,
                    i == 0 ? OptionalLong.empty() : OptionalLong.of(i),
                    1,
                    role,
                    parts,
                    origin,
                    Optional.of("m"),
                    Optional.of("1:1"),
                    Optional.empty(),
                    Instant.EPOCH,
                    Optional.empty(),
                    Optional.empty()));
        }
        return turns;
    }

    @Benchmark
    public ImageHeader sniffPng() throws Exception {
        return ImageSniffer.readHeader(png);
    }

    @Benchmark
    public ImageHeader sniffJpeg() throws Exception {
        return ImageSniffer.readHeader(jpeg);
    }

    @Benchmark
    public History assembleTenTurnHistory() {
        return builder.build(path, new HistoryLimits(5, HistoryLimits.DEFAULT_BYTE_BUDGET));
    }
}
