package dev.redraw.core.provider.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final Duration COOL_DOWN = Duration.ofSeconds(60);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker("gateway", 2, COOL_DOWN);
    private final LogLines logs = new LogLines();

    @AfterEach
    void stopListening() {
        logs.close();
    }

    private Instant now() {
        return clock.instant();
    }

    /** Opens the breaker with two failures and waits out its cool-down. */
    private void openAndCoolDown() {
        breaker.failure(breaker.acquire(now()).orElseThrow(), now());
        breaker.failure(breaker.acquire(now()).orElseThrow(), now());
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.acquire(now())).isEmpty();
        clock.advance(COOL_DOWN);
    }

    @Test
    void opensAfterTheThresholdOfFailuresInARowAndASuccessResetsTheCount() {
        breaker.failure(breaker.acquire(now()).orElseThrow(), now());
        breaker.success(breaker.acquire(now()).orElseThrow());
        breaker.failure(breaker.acquire(now()).orElseThrow(), now());
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);

        breaker.failure(breaker.acquire(now()).orElseThrow(), now());

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.until()).isEqualTo(now().plus(COOL_DOWN));
        assertThat(logs.all())
                .singleElement()
                .satisfies(line -> assertThat(line).contains("provider=gateway", "open after 2 failures"));
    }

    @Test
    void afterTheCoolDownExactlyOneTrialIsLetThrough() {
        openAndCoolDown();

        var trial = breaker.acquire(now());
        assertThat(trial)
                .hasValueSatisfying(permit -> assertThat(permit.trial()).isTrue());
        assertThat(breaker.acquire(now())).as("a second caller").isEmpty();
        assertThat(breaker.acquire(now())).as("a third caller").isEmpty();

        breaker.success(trial.orElseThrow());
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.acquire(now()))
                .hasValueSatisfying(permit -> assertThat(permit.trial()).isFalse());
        assertThat(logs.containing("provider=gateway circuit breaker closed")).hasSize(1);
    }

    @Test
    void aFailedTrialOpensItAgainButAFailureOfAnOlderCallDoesNot() {
        var older = breaker.acquire(now()).orElseThrow();
        openAndCoolDown();
        var trial = breaker.acquire(now()).orElseThrow();

        breaker.failure(older, now());
        assertThat(breaker.state()).as("the trial decides").isEqualTo(CircuitBreaker.State.HALF_OPEN);

        breaker.failure(trial, now());
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.acquire(now())).isEmpty();
        assertThat(breaker.until()).isEqualTo(now().plus(COOL_DOWN));
        assertThat(logs.containing("provider=gateway circuit breaker open again"))
                .hasSize(1);
    }

    @Test
    void aReleasedTrialLetsTheNextCallerTry() {
        openAndCoolDown();
        var trial = breaker.acquire(now()).orElseThrow();

        breaker.release(trial);

        assertThat(breaker.acquire(now()))
                .hasValueSatisfying(permit -> assertThat(permit.trial()).isTrue());
        assertThat(breaker.acquire(now())).isEmpty();
    }

    @Test
    void aTrialThatNeverReportsLapsesAfterAnotherCoolDown() {
        openAndCoolDown();
        var lost = breaker.acquire(now()).orElseThrow();

        clock.advance(COOL_DOWN.minusSeconds(1));
        assertThat(breaker.acquire(now())).as("still waiting for the trial").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        var next = breaker.acquire(now());

        assertThat(next).hasValueSatisfying(permit -> assertThat(permit.trial()).isTrue());
        assertThat(breaker.acquire(now())).isEmpty();
        breaker.failure(lost, now());
        assertThat(breaker.state()).as("the lapsed trial no longer decides").isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(logs.containing("trial call never reported")).hasSize(1);
        breaker.success(next.orElseThrow());
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
