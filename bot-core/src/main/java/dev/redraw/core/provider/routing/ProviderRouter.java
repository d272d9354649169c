package dev.redraw.core.provider.routing;

import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.ImageProvider;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.provider.ProviderCall;
import dev.redraw.core.provider.Sleeper;
import dev.redraw.core.telemetry.Telemetry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a request to the providers that serve its model, in configuration order. Transient
 * failures and rate limits are retried with jittered exponential back-off that honours
 * {@code Retry-After}, within an attempt limit and a total deadline; a provider that refuses the
 * key, is out of quota or keeps failing is left for the next one, and a provider that fails
 * repeatedly is skipped for a cool-down (a circuit breaker, which then lets one trial call
 * through). A rate limit is throttling, not a failure: it is waited out and never opens a
 * breaker. Refusals, bad requests and failures that would fail again (such as a result URL that
 * may not be fetched) are answered at once: asking again would not change them.
 */
public final class ProviderRouter {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderRouter.class);
    private final Map<String, List<ImageProvider>> byModel = new LinkedHashMap<>();
    private final Map<String, ImageProvider> byName = new LinkedHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RandomGenerator random;
    private final Telemetry telemetry;

    public ProviderRouter(
            List<ProviderRoute> routes, RetryPolicy policy, Sleeper sleeper, Clock clock, RandomGenerator random) {
        this(routes, policy, sleeper, clock, random, Telemetry.NONE);
    }

    /** @param telemetry told of every upstream call: how long it took and how it ended */
    public ProviderRouter(
            List<ProviderRoute> routes,
            RetryPolicy policy,
            Sleeper sleeper,
            Clock clock,
            RandomGenerator random,
            Telemetry telemetry) {
        this.telemetry = Telemetry.safe(telemetry);
        this.policy = policy;
        this.sleeper = sleeper;
        this.clock = clock;
        this.random = random;
        for (ProviderRoute route : routes) {
            ImageProvider provider = route.provider();
            byName.put(provider.name(), provider);
            breakers.put(
                    provider.name(),
                    new CircuitBreaker(
                            provider.name(),
                            policy.breaker().threshold(),
                            policy.breaker().coolDown()));
            route.models()
                    .forEach(m ->
                            byModel.computeIfAbsent(m, k -> new ArrayList<>()).add(provider));
        }
    }

    /**
     * Each provider's circuit breaker as it stands: {@code closed} (calls go through), {@code open}
     * (calls are skipped until the cool-down ends) or {@code half_open} (one trial call is let through).
     */
    public Map<String, String> circuitStates() {
        Map<String, String> states = new LinkedHashMap<>();
        breakers.forEach(
                (name, breaker) -> states.put(name, breaker.state().name().toLowerCase(Locale.ROOT)));
        return states;
    }

    /** A router that calls the first provider of a model once: no retries, no fail-over waits. */
    public static ProviderRouter direct(List<ProviderRoute> routes) {
        return new ProviderRouter(
                routes, RetryPolicy.SINGLE_TRY, Sleeper.REAL, Clock.systemUTC(), RandomGenerator.getDefault());
    }

    /** The models some provider serves, in configuration order. */
    public List<String> models() {
        return List.copyOf(byModel.keySet());
    }

    /** The provider tried first for a model; the job runner's per-provider limit counts against it. */
    public Optional<String> primary(String model) {
        return Optional.ofNullable(byModel.get(model))
                .map(list -> list.getFirst().name());
    }

    /**
     * What {@code model} can take from every provider that serves it, so a fail-over never sends
     * what the next provider's dialect does not take.
     */
    public ModelCapabilities capabilities(ModelCapabilities model) {
        ModelCapabilities narrowed = model;
        for (ImageProvider provider : byModel.getOrDefault(model.id(), List.of())) {
            narrowed = provider.capabilities(narrowed);
        }
        return narrowed;
    }

    /** Whether every provider serving {@code model} can send it input images now (see {@link ImageProvider#canSendImages}). */
    public boolean canSendImages(String model) {
        return byModel.getOrDefault(model, List.of()).stream().allMatch(provider -> provider.canSendImages(model));
    }

    /**
     * Whether every provider serving {@code model} takes a count of images in one call, so a request
     * for several is one call even after a fail-over; otherwise it is made as calls of one image.
     */
    public boolean takesCount(String model) {
        List<ImageProvider> serving = byModel.getOrDefault(model, List.of());
        return !serving.isEmpty() && serving.stream().allMatch(provider -> provider.takesCount(model));
    }

    /** Whether a provider serving {@code model} makes nothing for it without an input image. */
    public boolean needsInputImage(String model) {
        return byModel.getOrDefault(model, List.of()).stream().anyMatch(provider -> provider.needsInputImage(model));
    }

    public Outcome generate(GenerationRequest request, JobContext context) {
        List<ImageProvider> candidates = byModel.getOrDefault(request.model(), List.of());
        if (candidates.isEmpty()) {
            return new Outcome.ModelGone(request.model());
        }
        Instant deadline = clock.instant().plus(policy.deadline());
        Optional<Outcome> last = Optional.empty();
        List<String> skipped = new ArrayList<>();
        for (ImageProvider provider : candidates) {
            Optional<Attempts> result = attempt(provider, request, context, deadline);
            if (result.isEmpty()) {
                skipped.add(provider.name());
                continue;
            }
            if (result.get().finalAnswer()) {
                return result.get().outcome();
            }
            last = Optional.of(result.get().outcome());
            if (clock.instant().isAfter(deadline)) {
                break;
            }
        }
        if (last.isEmpty()) {
            LOG.warn(
                    "model={} not sent: every provider is skipped by its circuit breaker ({})",
                    request.model(),
                    String.join(", ", skipped));
            return new Outcome.Failed(true, Cause.of(Cause.Kind.ALL_PROVIDERS_FAILING, request.model()));
        }
        return last.orElseThrow();
    }

    /** What the calls to one provider ended with, and whether that ends the request. */
    private record Attempts(Outcome outcome, boolean finalAnswer) {}

    /**
     * Calls one provider until it answers, fails over or runs out of attempts or time; empty when
     * its breaker let no call through at all.
     */
    private Optional<Attempts> attempt(
            ImageProvider provider, GenerationRequest request, JobContext context, Instant deadline) {
        CircuitBreaker breaker = breakers.get(provider.name());
        Duration backOff = policy.backOff().first();
        Outcome previous = null;
        for (int attempt = 1; ; attempt++) {
            Optional<CircuitBreaker.Permit> permit = breaker.acquire(clock.instant());
            if (permit.isEmpty()) {
                LOG.debug("provider={} skipped: its circuit breaker is {}", provider.name(), breaker.state());
                return Optional.ofNullable(previous).map(outcome -> new Attempts(outcome, false));
            }
            Outcome outcome = call(provider, request, context, breaker, permit.get());
            if (context.cancelled()) {
                return Optional.of(new Attempts(ProviderCall.CANCELLED, true));
            }
            previous = outcome;
            switch (kind(outcome)) {
                case ANSWER -> {
                    return Optional.of(new Attempts(outcome, true));
                }
                case NEXT_PROVIDER -> {
                    LOG.warn(
                            "provider={} failing over: {}",
                            provider.name(),
                            outcome.getClass().getSimpleName());
                    return Optional.of(new Attempts(outcome, false));
                }
                case RETRY, THROTTLED -> {
                    if (attempt >= policy.maxAttempts() || breaker.state() == CircuitBreaker.State.OPEN) {
                        return Optional.of(new Attempts(outcome, false));
                    }
                    Duration wait = wait(outcome, backOff);
                    if (clock.instant().plus(wait).isAfter(deadline)) {
                        return Optional.of(new Attempts(outcome, true));
                    }
                    if (!sleep(wait)) {
                        return Optional.of(new Attempts(outcome, true));
                    }
                    backOff = min(backOff.multipliedBy(2), policy.backOff().max());
                }
            }
        }
    }

    /**
     * One call, reported to the breaker: an answer or a refusal is a success, a failure of the
     * provider a failure; a rate limit, a cancellation or an exception says nothing about its
     * health and only gives a trial's slot back.
     */
    private Outcome call(
            ImageProvider provider,
            GenerationRequest request,
            JobContext context,
            CircuitBreaker breaker,
            CircuitBreaker.Permit permit) {
        boolean reported = false;
        try {
            context.providerChosen(provider.name());
            long started = System.nanoTime();
            Outcome outcome = provider.generate(request, context);
            if (!context.cancelled()) {
                telemetry.upstreamCall(
                        provider.name(),
                        request.model(),
                        Duration.ofNanos(System.nanoTime() - started),
                        Telemetry.resultOf(outcome));
                switch (kind(outcome)) {
                    case ANSWER -> breaker.success(permit);
                    case NEXT_PROVIDER, RETRY -> breaker.failure(permit, clock.instant());
                    case THROTTLED -> breaker.release(permit);
                }
                reported = true;
            }
            return outcome;
        } finally {
            if (!reported) {
                breaker.release(permit);
            }
        }
    }

    /** How an outcome steers the router. */
    private enum Kind {
        /** The request is answered, one way or the other. */
        ANSWER,
        /** The provider failed; it may work on another try. */
        RETRY,
        /** The provider is throttling: wait and try again, its health is not in question. */
        THROTTLED,
        /** The provider cannot serve this request; the next one may. */
        NEXT_PROVIDER
    }

    private static Kind kind(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Images ignored -> Kind.ANSWER;
            case Outcome.TextOnly ignored -> Kind.ANSWER;
            case Outcome.Refused ignored -> Kind.ANSWER;
            case Outcome.Rejected ignored -> Kind.ANSWER;
            case Outcome.Unauthorized ignored -> Kind.NEXT_PROVIDER;
            case Outcome.QuotaExhausted ignored -> Kind.NEXT_PROVIDER;
            case Outcome.RateLimited ignored -> Kind.THROTTLED;
            case Outcome.Failed failed -> failed.transientFailure() ? Kind.RETRY : Kind.ANSWER;
            case Outcome.ModelGone ignored -> Kind.ANSWER;
        };
    }

    /** {@code Retry-After} when the provider gave one, else full-jitter exponential back-off; never over the maximum. */
    private Duration wait(Outcome outcome, Duration backOff) {
        if (outcome instanceof Outcome.RateLimited limited
                && limited.retryAfter().isPresent()) {
            return min(limited.retryAfter().get(), policy.backOff().max());
        }
        long half = backOff.toMillis() / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }

    private boolean sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Picks up a task an earlier run submitted, at the provider that holds it. */
    public Outcome resume(String providerName, String model, String taskId, JobContext context) {
        ImageProvider provider = byName.get(providerName);
        if (provider == null) {
            return new Outcome.Failed(false, Cause.of(Cause.Kind.PROVIDER_GONE, providerName));
        }
        return provider.resume(model, taskId, context);
    }
}
