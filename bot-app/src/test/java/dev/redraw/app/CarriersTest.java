package dev.redraw.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CarriersTest {

    @Test
    void moreCarriersThanCoresSoThatTheSystemTimeSlicesBetweenThem() {
        assertThat(Carriers.forProcessors(1)).isEqualTo(4);
        assertThat(Carriers.forProcessors(2)).isEqualTo(6);
        assertThat(Carriers.forProcessors(16)).isEqualTo(48);
    }

    @Test
    void anOperatorsOwnSettingIsKept() {
        String before = System.getProperty(Carriers.PARALLELISM);
        try {
            System.setProperty(Carriers.PARALLELISM, "3");
            Carriers.configure();
            assertThat(System.getProperty(Carriers.PARALLELISM)).isEqualTo("3");
            System.clearProperty(Carriers.PARALLELISM);
            Carriers.configure();
            assertThat(System.getProperty(Carriers.PARALLELISM))
                    .isEqualTo(Integer.toString(
                            Carriers.forProcessors(Runtime.getRuntime().availableProcessors())));
        } finally {
            if (before == null) {
                System.clearProperty(Carriers.PARALLELISM);
            } else {
                System.setProperty(Carriers.PARALLELISM, before);
            }
        }
    }
}
