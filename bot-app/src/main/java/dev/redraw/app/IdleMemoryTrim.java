package dev.redraw.app;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.management.JMException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives memory back to the operating system once the bot has been idle for a while after work. A
 * burst of image jobs grows the heap to hundreds of megabytes, and the JVM keeps it committed; bots
 * mostly wait, often on small hosts, so after {@code idleFor} without a job the heap is collected
 * and shrunk, and the C heap trimmed. Nothing happens while jobs run, nor twice without new work.
 */
final class IdleMemoryTrim implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IdleMemoryTrim.class);

    private final LongSupplier finishedJobs;
    private final BooleanSupplier idle;
    private final Duration idleFor;
    private final Clock clock;
    private final Runnable trim;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("memory-trim").daemon().factory());

    // Touched only by the timer thread (or a test calling check()).
    private long seenFinished;
    private Instant lastWork;
    private boolean untrimmedWork;

    IdleMemoryTrim(LongSupplier finishedJobs, BooleanSupplier idle, Duration idleFor, Clock clock, Runnable trim) {
        this.finishedJobs = finishedJobs;
        this.idle = idle;
        this.idleFor = idleFor;
        this.clock = clock;
        this.trim = trim;
        this.seenFinished = finishedJobs.getAsLong();
        this.lastWork = clock.instant();
    }

    /** Checks a few times per {@code idleFor}. */
    IdleMemoryTrim start() {
        long period = Math.max(1, idleFor.toMillis() / 4);
        timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.MILLISECONDS);
        return this;
    }

    void check() {
        long finished = finishedJobs.getAsLong();
        if (finished != seenFinished) {
            seenFinished = finished;
            lastWork = clock.instant();
            untrimmedWork = true;
            return;
        }
        if (!idle.getAsBoolean()) {
            lastWork = clock.instant();
            return;
        }
        if (untrimmedWork && !clock.instant().isBefore(lastWork.plus(idleFor))) {
            untrimmedWork = false;
            try {
                trim.run();
            } catch (RuntimeException e) {
                LOG.warn("returning memory to the system failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /**
     * Lets the heap shrink further than the JVM's defaults allow (at most 20% free after a full
     * collection), unless the operator set these options on the command line.
     */
    static void allowHeapToShrink() {
        var hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        if (hotspot == null) {
            return;
        }
        try {
            if (defaulted(hotspot, "MinHeapFreeRatio") && defaulted(hotspot, "MaxHeapFreeRatio")) {
                hotspot.setVMOption("MinHeapFreeRatio", "10");
                hotspot.setVMOption("MaxHeapFreeRatio", "20");
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("heap free ratios left as they are: {}", e.getMessage());
        }
    }

    private static boolean defaulted(HotSpotDiagnosticMXBean hotspot, String option) {
        return hotspot.getVMOption(option).getOrigin() == VMOption.Origin.DEFAULT;
    }

    /** A full collection, which shrinks the heap, then the C heap's free memory handed back. */
    static void returnMemory() {
        long before = Runtime.getRuntime().totalMemory();
        System.gc();
        try {
            ManagementFactory.getPlatformMBeanServer()
                    .invoke(
                            new ObjectName("com.sun.management:type=DiagnosticCommand"),
                            "systemTrimNativeHeap",
                            new Object[] {new String[0]},
                            new String[] {String[].class.getName()});
        } catch (JMException e) {
            LOG.debug("the C heap was not trimmed: {}", e.getMessage());
        }
        LOG.info(
                "idle: heap {} MB → {} MB",
                before / (1024 * 1024),
                Runtime.getRuntime().totalMemory() / (1024 * 1024));
    }
}
