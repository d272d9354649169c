package dev.redraw.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IntakePolicyTest {

    @Test
    void defaultsAreFiftyMegapixelsAndSevenMegabytes() {
        assertThat(IntakePolicy.defaults()).isEqualTo(new IntakePolicy(50_000_000L, 7L * 1024 * 1024));
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new IntakePolicy(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntakePolicy(1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IntakePolicy(-5, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void intakeRequiresAPolicy() {
        assertThatThrownBy(() -> new ImageIntake(null)).isInstanceOf(NullPointerException.class);
    }
}
