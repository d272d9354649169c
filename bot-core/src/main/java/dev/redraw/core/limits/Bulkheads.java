package dev.redraw.core.limits;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The process-wide limits on work that takes a core or a lot of memory, made once by the
 * composition root and handed to whoever does such work: decoding users' images, and reading and
 * handling the image models' answers. No user waits on another for anything else.
 *
 * <p>Decoding runs on platform threads of its own, not on the virtual threads that serve users:
 * a virtual thread keeps its carrier until it blocks, so a few large images decoding on the
 * carriers would hold up every other user's light work (a text prompt, a button) for as long as
 * the decoding takes. Platform threads are time-sliced by the operating system instead.
 */
public final class Bulkheads {

    private final int decodingPermits;
    private final int readingPermits;
    private final Semaphore decoding;
    private final Semaphore reading;
    private final ThreadPoolExecutor decoders;

    /**
     * @param decodingPermits images decoded at once, across chats and platforms
     * @param readingPermits model answers read and handled at once, across providers
     */
    public Bulkheads(int decodingPermits, int readingPermits) {
        if (decodingPermits < 1 || readingPermits < 1) {
            throw new IllegalArgumentException(
                    "permits must be positive: decoding " + decodingPermits + ", reading " + readingPermits);
        }
        this.decodingPermits = decodingPermits;
        this.readingPermits = readingPermits;
        this.decoding = new Semaphore(decodingPermits);
        this.reading = new Semaphore(readingPermits);
        this.decoders = new ThreadPoolExecutor(
                decodingPermits,
                decodingPermits,
                30,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("redraw-decoding-", 1).daemon().factory());
        decoders.allowCoreThreadTimeOut(true);
    }

    /**
     * Limits for a machine of {@code processors} cores: one decoding per core but one, so that a
     * core stays free for everybody else while albums decode (decoding is CPU-bound and a large
     * image takes hundreds of megabytes), and two answers per core, at least four, being read
     * (reading mostly waits on the network).
     */
    public static Bulkheads forProcessors(int processors) {
        int cores = Math.max(1, processors);
        return new Bulkheads(Math.max(1, cores - 1), Math.max(4, 2 * cores));
    }

    /** {@link #forProcessors(int)} for this machine. */
    public static Bulkheads forThisMachine() {
        return forProcessors(Runtime.getRuntime().availableProcessors());
    }

    public int decodingPermits() {
        return decodingPermits;
    }

    public int readingPermits() {
        return readingPermits;
    }

    /** Waits for a decoding permit; close the permit when the decoding is done. */
    public Permit decoding() throws InterruptedException {
        return take(decoding);
    }

    /**
     * Runs {@code work} (decoding, re-encoding) on one of the decoding threads once a decoding permit
     * is free, and waits for it. An interrupt while waiting cancels the work.
     */
    public <T> T decode(Callable<T> work) throws InterruptedException {
        try (Permit ignored = decoding()) {
            Future<T> future = decoders.submit(work);
            try {
                return outcome(future);
            } catch (InterruptedException e) {
                future.cancel(true);
                throw e;
            }
        }
    }

    /** Waits for a permit to read and handle a model's answer; close it when done. */
    public Permit reading() throws InterruptedException {
        return take(reading);
    }

    private static Permit take(Semaphore semaphore) throws InterruptedException {
        semaphore.acquire();
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                semaphore.release();
            }
        };
    }

    /**
     * Waits for {@code future} and returns its value; what its work threw is thrown as it was (an
     * unchecked exception or an error), or wrapped when it was checked.
     */
    public static <T> T outcome(Future<T> future) throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** A held permit; closing it (once or more) gives it back. */
    @FunctionalInterface
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
