package dev.redraw.core.testing;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * An image model for a MockWebServer to play: answers every request with an image, holding the
 * next requests {@link #hold} names until {@link #release()} (or a minute), so a test can stop the
 * bot while a job is running.
 */
public final class HoldingGateway extends Dispatcher {

    private final CountDownLatch open = new CountDownLatch(1);
    private final AtomicInteger toHold = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Supplier<MockResponse> answer;

    public HoldingGateway(byte[] image) {
        answerWith(() -> ContentsGateway.image(image));
    }

    /** Holds the next {@code count} requests. */
    public void hold(int count) {
        toHold.set(count);
    }

    /** Lets the held requests (and any later ones) through. */
    public void release() {
        open.countDown();
    }

    /** How many requests arrived so far, held ones included. */
    public int requests() {
        return requests.get();
    }

    /** What every request is answered with from now on. */
    public void answerWith(Supplier<MockResponse> answer) {
        this.answer = Objects.requireNonNull(answer);
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requests.incrementAndGet();
        if (toHold.getAndDecrement() > 0) {
            open.await(60, TimeUnit.SECONDS);
        }
        return answer.get();
    }
}
