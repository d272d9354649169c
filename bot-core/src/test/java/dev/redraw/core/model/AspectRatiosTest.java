package dev.redraw.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AspectRatiosTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            16:9         | 16:9
            ' 16 : 9 '   | 16:9
            AUTO         | auto
            1792 × 1024  | 1792x1024
            1792X1024    | 1792x1024
            1792*1024    | 1792x1024
            """)
    void canonicalFormMatchesTheCatalogsSpelling(String typed, String expected) {
        assertThat(AspectRatios.canonical(typed)).isEqualTo(expected);
    }

    @Test
    void valueReadsRatiosAndPixelsButNotAuto() {
        assertThat(AspectRatios.value("16:9").orElseThrow()).isCloseTo(16.0 / 9, within(1e-9));
        assertThat(AspectRatios.value("1792x1024").orElseThrow()).isCloseTo(1.75, within(1e-9));
        assertThat(AspectRatios.value("auto")).isEmpty();
        assertThat(AspectRatios.value("0:9")).isEmpty();
    }

    @Test
    void nearestNeverPicksAutoUnlessItIsAllThereIs() {
        assertThat(AspectRatios.nearest(List.of("auto", "1:1", "16:9"), 1920, 1080))
                .isEqualTo("16:9");
        assertThat(AspectRatios.nearest(List.of("auto"), 1920, 1080)).isEqualTo("auto");
    }

    @Test
    void nearestComparesOnALogScale() {
        // between 1:1 and 3:1 the log midpoint is about 1.73, the linear one 2
        assertThat(AspectRatios.nearest(List.of("1:1", "3:1"), 1.7, 1)).isEqualTo("1:1");
        assertThat(AspectRatios.nearest(List.of("1:1", "3:1"), 1.8, 1)).isEqualTo("3:1");
    }

    @Test
    void normaliseKeepsAllowedRatiosAndConvertsPixels() {
        List<String> allowed = ModelCatalog.NANO_BANANA_RATIOS;

        assertThat(AspectRatios.normalise(allowed, " 21:9")).contains("21:9");
        assertThat(AspectRatios.normalise(allowed, "1792x1024")).contains("16:9");
        assertThat(AspectRatios.normalise(allowed, "9:21")).isEmpty();
    }

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1792x1024    | 1792x1024
            ' 720 × 1280'| 720x1280
            0x1024       |
            16:9         |
            wide         |
            """)
    void pixelSizeParsesOnlyPositivePixels(String typed, String expected) {
        assertThat(PixelSize.parse(typed).map(PixelSize::text)).isEqualTo(Optional.ofNullable(expected));
    }
}
