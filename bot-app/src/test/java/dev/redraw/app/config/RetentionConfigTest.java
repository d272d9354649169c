package dev.redraw.app.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetentionConfigTest {

    @Test
    void retentionIsOffUnlessSetAndTakesDays() {
        assertThat(Fixtures.load(Fixtures.MINIMAL).storage().retention()).isEmpty();
        assertThat(Fixtures.load(Fixtures.MINIMAL + "storage:\n  retention: 90d\n")
                        .storage()
                        .retention())
                .hasValue(Duration.ofDays(90));
    }

    @Test
    void aRetentionOutOfRangeOrNotADurationIsRefusedNamingTheKey() {
        assertThat(Fixtures.failure(Fixtures.MINIMAL + "storage:\n  retention: 2h\n", Fixtures.env()))
                .hasMessageStartingWith("storage.retention: ");
        assertThat(Fixtures.failure(Fixtures.MINIMAL + "storage:\n  retention: forever\n", Fixtures.env()))
                .hasMessageStartingWith("storage.retention: ");
    }
}
