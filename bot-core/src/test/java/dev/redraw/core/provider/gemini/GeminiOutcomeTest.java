package dev.redraw.core.provider.gemini;

import static dev.redraw.core.provider.gemini.GeminiFixture.KEY;
import static dev.redraw.core.provider.gemini.GeminiFixture.candidate;
import static dev.redraw.core.provider.gemini.GeminiFixture.googleError;
import static dev.redraw.core.provider.gemini.GeminiFixture.history;
import static dev.redraw.core.provider.gemini.GeminiFixture.json;
import static dev.redraw.core.provider.gemini.GeminiFixture.ok;
import static dev.redraw.core.provider.gemini.GeminiFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.redraw.core.conversation.Part;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.JobContext;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.provider.ProviderCall;
import dev.redraw.core.testing.RecordingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/** How every kind of Gemini answer, error and missing answer reaches the user. */
class GeminiOutcomeTest {

    private static final String RETRY_INFO =
            "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"17s\"}";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private final GeminiFixture fixture = new GeminiFixture();

    private Outcome outcomeOf(MockResponse response) {
        server.enqueue(response);
        return fixture.generate(
                GeminiFixture.provider(server.url("/"), Duration.ofSeconds(5)),
                history(user(new Part.Text("a fox"))),
                JobContext.NONE);
    }

    @Test
    void anAnswerInWordsOnlyIsTheModelsText() {
        Outcome outcome = outcomeOf(ok(GeminiFixture.answer(
                "{\"text\":\"Thinking…\",\"thought\":true},{\"text\":\"Which fox do you mean: red or arctic?\"}")));

        assertThat(outcome).isEqualTo(new Outcome.TextOnly("Which fox do you mean: red or arctic?"));
    }

    @Test
    void aBlockedPromptIsARefusalThatSaysWhy() {
        Outcome outcome = outcomeOf(
                ok("{\"promptFeedback\":{\"blockReason\":\"PROHIBITED_CONTENT\",\"blockReasonMessage\":\"The prompt"
                        + " was blocked\"},\"usageMetadata\":{\"promptTokenCount\":5}}"));

        assertThat(outcome)
                .isEqualTo(new Outcome.Refused(
                        Cause.of(Cause.Kind.PROMPT_BLOCKED, "PROHIBITED_CONTENT"), "The prompt was blocked"));
        assertThat(told(outcome))
                .contains("the request was blocked before any image was made (reason code PROHIBITED_CONTENT)")
                .endsWith("“The prompt was blocked”");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "IMAGE_SAFETY | the image was blocked by the safety filter",
                "IMAGE_PROHIBITED_CONTENT | the image would show prohibited content",
                "SAFETY | the answer was blocked by the safety filter",
                "PROHIBITED_CONTENT | the request asks for prohibited content",
                "BLOCKLIST | the request contains blocked terms",
                "SPII | the answer would reveal sensitive personal information",
                "RECITATION | the answer was too close to existing material",
                "IMAGE_RECITATION | the image was too close to an existing work"
            })
    void aPolicyFinishWithoutAnImageIsARefusalInPlainWords(String reason, String words) {
        Outcome outcome = outcomeOf(ok(candidate("{\"finishReason\":\"" + reason + "\",\"index\":0}")));

        assertThat(outcome).isEqualTo(new Outcome.Refused(Cause.of(Cause.Kind.FINISH_REASON, reason), null));
        assertThat(told(outcome)).contains(words + " (" + reason + ")");
    }

    @Test
    void aRefusalKeepsTheModelsOwnWords() {
        Outcome outcome = outcomeOf(ok(candidate("{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
                + "\"I can't draw real people.\"}]},\"finishReason\":\"IMAGE_SAFETY\"}")));

        assertThat(outcome)
                .isEqualTo(new Outcome.Refused(
                        Cause.of(Cause.Kind.FINISH_REASON, "IMAGE_SAFETY"), "I can't draw real people."));
        assertThat(told(outcome)).endsWith("The image service said: “I can't draw real people.”");
    }

    @ParameterizedTest
    @ValueSource(strings = {"IMAGE_OTHER", "NO_IMAGE", "OTHER", "MAX_TOKENS"})
    void aFinishWithoutAnImageForAnotherReasonIsAFailureWorthRephrasing(String reason) {
        Outcome outcome = outcomeOf(ok(candidate("{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
                + "\"Here is the image:\"}]},\"finishReason\":\"" + reason + "\"}")));

        assertThat(outcome)
                .isEqualTo(new Outcome.Failed(false, Cause.of(Cause.Kind.FINISH_REASON, reason), "Here is the image:"));
        assertThat(told(outcome)).contains(reason).contains("Change the request");
    }

    @Test
    void noCandidatesAtAllIsAFailure() {
        assertThat(outcomeOf(ok("{\"candidates\":[],\"usageMetadata\":{\"promptTokenCount\":5}}")))
                .isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.EMPTY_ANSWER)));
        assertThat(outcomeOf(ok("{}"))).isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.EMPTY_ANSWER)));
    }

    @Test
    void invalidArgumentIsARejectionThatRepeatsGooglesWords() {
        Outcome outcome = outcomeOf(googleError(
                400, "INVALID_ARGUMENT", "Image part is missing a thought_signature in content position 2", ""));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Rejected.class,
                        rejected -> assertThat(rejected.detail())
                                .contains("Image part is missing a thought_signature in content position 2"));
    }

    @Test
    void anUnknownKeyIsUnauthorizedThoughGoogleAnswers400() {
        Outcome outcome = outcomeOf(googleError(
                400,
                "INVALID_ARGUMENT",
                "API key not valid. Please pass a valid API key.",
                "{\"@type\":\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\","
                        + "\"domain\":\"googleapis.com\"}"));

        assertThat(outcome).isEqualTo(new Outcome.Unauthorized("API key not valid. Please pass a valid API key."));
    }

    @ParameterizedTest
    @CsvSource({"401, UNAUTHENTICATED", "403, PERMISSION_DENIED"})
    void refusedCredentialsAreUnauthorized(int code, String status) {
        Outcome outcome = outcomeOf(googleError(code, status, "Method doesn't allow unregistered callers.", ""));

        assertThat(outcome).isEqualTo(new Outcome.Unauthorized("Method doesn't allow unregistered callers."));
    }

    @Test
    void rateLimitWithRetryInfoWaitsThatLong() {
        Outcome outcome = outcomeOf(googleError(
                429,
                "RESOURCE_EXHAUSTED",
                "You exceeded your current quota, please check your plan and billing details.",
                "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[]}," + RETRY_INFO));

        assertThat(outcome)
                .isEqualTo(new Outcome.RateLimited(
                        Optional.of(Duration.ofSeconds(17)),
                        "You exceeded your current quota, please check your plan and billing details."));
    }

    @Test
    void rateLimitWithTheWaitInTheMessageWaitsThatLong() {
        Outcome outcome = outcomeOf(googleError(
                429,
                "RESOURCE_EXHAUSTED",
                "Quota exceeded for metric: requests per minute. Please retry in 17.5s.",
                ""));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.RateLimited.class,
                        limited -> assertThat(limited.retryAfter()).contains(Duration.ofMillis(17_500)));
    }

    @Test
    void aSpentDailyQuotaWithoutAWaitIsQuotaExhausted() {
        Outcome outcome = outcomeOf(googleError(
                429,
                "RESOURCE_EXHAUSTED",
                "Quota exceeded for quota metric 'Generate requests' and limit 'requests per day per model'.",
                "{\"@type\":\"type.googleapis.com/google.rpc.QuotaFailure\",\"violations\":[{\"quotaId\":"
                        + "\"GenerateRequestsPerDayPerProjectPerModel\"}]}"));

        assertThat(outcome).isInstanceOf(Outcome.QuotaExhausted.class);
    }

    @ParameterizedTest
    @CsvSource({"500, INTERNAL", "503, UNAVAILABLE", "504, DEADLINE_EXCEEDED"})
    void serverErrorsAreTransientFailures(int code, String status) {
        Outcome outcome = outcomeOf(googleError(code, status, "The model is overloaded. Please try again later.", ""));

        assertThat(outcome).isEqualTo(new Outcome.Failed(true, "The model is overloaded. Please try again later."));
    }

    @Test
    void aBodyThatIsNotJsonIsATransientFailure() {
        assertThat(outcomeOf(ok("<html><body>upstream connect error</body></html>")))
                .isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.NOT_JSON)));
        assertThat(outcomeOf(json(502, "<html>Bad Gateway</html>")))
                .isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.HTTP_STATUS, 502)));
    }

    @Test
    void anErrorBodyInsideHttp200IsClassifiedByItsCode() {
        Outcome outcome = outcomeOf(ok("{\"error\":{\"code\":429,\"message\":\"Resource exhausted\","
                + "\"status\":\"RESOURCE_EXHAUSTED\",\"details\":[" + RETRY_INFO + "]}}"));

        assertThat(outcome)
                .isEqualTo(new Outcome.RateLimited(Optional.of(Duration.ofSeconds(17)), "Resource exhausted"));
    }

    @Test
    void damagedImageDataIsATransientFailure() {
        Outcome outcome = outcomeOf(
                ok(GeminiFixture.answer("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"not*base64!\"}}")));

        assertThat(outcome).isEqualTo(new Outcome.Failed(true, Cause.of(Cause.Kind.DAMAGED_IMAGE)));
    }

    @Test
    void aSlowAnswerTimesOut() {
        server.enqueue(GeminiFixture.silentFor(2));

        Outcome outcome = fixture.generate(
                GeminiFixture.provider(server.url("/"), Duration.ofMillis(300)),
                history(user(new Part.Text("a fox"))),
                JobContext.NONE);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Failed.class, failed -> {
            assertThat(failed.transientFailure()).isTrue();
            assertThat(failed.cause()).contains(Cause.of(Cause.Kind.TIMEOUT, 1));
        });
    }

    @Test
    void cancellingTheJobAbortsTheCallInFlight() throws Exception {
        server.enqueue(GeminiFixture.silentFor(10));
        var context = new RecordingContext();
        var provider = GeminiFixture.provider(server.url("/"), Duration.ofSeconds(30));

        var outcome = CompletableFuture.supplyAsync(
                () -> fixture.generate(provider, history(user(new Part.Text("a fox"))), context));
        server.takeRequest(5, TimeUnit.SECONDS);
        long start = System.nanoTime();
        context.cancel();

        assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo(ProviderCall.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void eachAnswerIsLoggedOnceAndTheKeyNeverAppears() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var logger = (Logger) LoggerFactory.getLogger(ProviderCall.class);
        logger.addAppender(appender);
        try {
            Outcome outcome =
                    outcomeOf(googleError(403, "PERMISSION_DENIED", "The caller does not have permission", ""));

            assertThat(appender.list)
                    .singleElement()
                    .satisfies(event -> assertThat(event.getFormattedMessage())
                            .contains("provider=google", "model=gemini-3-pro-image-preview", "status=403")
                            .doesNotContain(KEY));
            assertThat(told(outcome)).doesNotContain(KEY);
            assertThat(outcome.toString()).doesNotContain(KEY);
        } finally {
            logger.detachAppender(appender);
        }
    }

    /** What an English-speaking user is told about {@code outcome}. */
    private static String told(Outcome outcome) {
        return dev.redraw.core.text.Messages.forLanguage("en")
                .outcome(
                        dev.redraw.core.job.OutcomeKind.of(outcome),
                        dev.redraw.core.job.OutcomeDetails.of(outcome),
                        Optional.empty());
    }
}
