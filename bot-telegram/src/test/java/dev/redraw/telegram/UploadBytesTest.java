package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadBytesTest {

    private final byte[] bytes = {1, 2, 3, 4, 5};

    @Test
    void readWholeFromTheStartItHandsOverItsOwnArrayOnce() {
        var stream = new UploadBytes(bytes);

        assertThat(stream.readAllBytes()).isSameAs(bytes);
        assertThat(stream.readAllBytes()).isEmpty();
        assertThat(stream.read()).isEqualTo(-1);
    }

    @Test
    void readInPartItHandsOverACopyOfWhatIsLeft() {
        var stream = new UploadBytes(bytes);
        assertThat(stream.read()).isEqualTo(1);

        byte[] rest = stream.readAllBytes();

        assertThat(rest).containsExactly(2, 3, 4, 5).isNotSameAs(bytes);
        assertThat(bytes).as("the array itself is untouched").containsExactly(1, 2, 3, 4, 5);
    }
}
