package dev.redraw.core.provider.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.model.RequestFields;
import dev.redraw.core.testing.CountingLinks;
import dev.redraw.core.testing.Providers;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskProviderTest extends TaskDialectContract {

    /** Takes pixels only, as the seed documents for gpt-image-2-vip. */
    private static final ModelCapabilities GPT_IMAGE_2_VIP = new ModelCapabilities(
            "gpt-image-2-vip",
            5,
            List.of("1:1", "16:9"),
            List.of("1K", "2K", "4K"),
            true,
            Map.of("16:9", List.of("1280x720", "2048x1152", "3840x2160")),
            Optional.empty(),
            7L * 1024 * 1024,
            8_000,
            false,
            RequestFields.NONE);

    private static final byte[] SECOND = TestImages.png(4, 6, Color.BLUE);

    TaskProviderTest() {
        super(new Dialect(
                TaskProvider::new,
                "/v1/api/generate",
                "/v1/api/generate",
                taskId -> "/v1/api/result?id=" + taskId,
                """
                {"model":"nano-banana","prompt":"a red fox","images":[],"aspectRatio":"16:9","replyType":"json"}""",
                url -> succeeded("14-5f3c", url),
                taskId -> "{\"id\":\"" + taskId + "\",\"status\":\"running\"}",
                (taskId, progress) -> "{\"id\":\"" + taskId + "\",\"status\":\"running\",\"progress\":" + progress
                        + ",\"results\":[],\"error\":\"\"}",
                TaskProviderTest::succeeded,
                message -> "{\"error\":\"" + message + "\"}"));
    }

    private static String succeeded(String taskId, String... urls) {
        StringBuilder results = new StringBuilder();
        for (String url : urls) {
            results.append(results.isEmpty() ? "" : ",")
                    .append("{\"url\":\"")
                    .append(url)
                    .append("\"}");
        }
        return "{\"id\":\"" + taskId + "\",\"status\":\"succeeded\",\"progress\":100,\"results\":[" + results
                + "],\"error\":\"\"}";
    }

    private static String ended(String status, String error) {
        return "{\"id\":\"14-5f3c\",\"status\":\"" + status + "\",\"progress\":100,\"results\":[],\"error\":\"" + error
                + "\"}";
    }

    /** Answers the next request with one result image and serves that image. */
    private void succeedWithOneImage() {
        server.enqueue(ok(succeeded("14-5f3c", url("/files/result.png"))));
        server.enqueue(file(RESULT));
    }

    // ---- requests ----

    @Test
    void asyncProviderAsksForAnAsyncReply() throws Exception {
        succeedWithOneImage();

        generateAsync(textRequest("1:1"));

        assertThat(body(server.takeRequest()).path("replyType").asText()).isEqualTo("async");
    }

    @Test
    void pixelOnlyModelGetsPixelsAsAspectRatioAndNoImageSize() throws Exception {
        succeedWithOneImage();

        generate(request(GPT_IMAGE_2_VIP, "2048x1152", Optional.of("2K"), user("a wide valley")));

        // Seed 004's gpt-image-2 endpoint lists no imageSize: the size is in the pixels.
        assertThat(body(server.takeRequest())).isEqualTo(tree("""
                {"model":"gpt-image-2-vip","prompt":"a wide valley","images":[],"aspectRatio":"2048x1152",
                 "replyType":"json"}"""));
    }

    static Stream<Arguments> imageSizePerModel() {
        return Stream.of(
                arguments("nano-banana", false),
                arguments("nano-banana-fast", false),
                arguments("gpt-image-2", false),
                arguments("gpt-image-2-vip", false),
                arguments("nano-banana-2", true),
                arguments("nano-banana-2-4k-cl", true),
                arguments("nano-banana-pro", true),
                arguments("nano-banana-pro-4k-vip", true));
    }

    @ParameterizedTest(name = "{0} gets imageSize: {1}")
    @MethodSource("imageSizePerModel")
    void imageSizeIsSentOnlyToModelsThatTakeIt(String model, boolean sent) throws Exception {
        succeedWithOneImage();
        ModelCapabilities capabilities = ModelCatalog.builtIn().capabilitiesOf(model);

        generate(request(capabilities, "1:1", Optional.of("2K"), user("a lighthouse")));

        var body = body(server.takeRequest());
        assertThat(body.path("model").asText()).isEqualTo(model);
        if (sent) {
            assertThat(body.path("imageSize").asText()).isEqualTo("2K");
        } else {
            assertThat(body.has("imageSize")).as("imageSize in %s", body).isFalse();
        }
    }

    @Test
    void withAPublicAddressImagesGoAsLinksInTheirOrder() throws Exception {
        succeedWithOneImage();
        ImageRef photo = jpeg(Color.BLUE, 8);
        ImageRef sketch = png(Color.GREEN, 9);
        var links = new CountingLinks();
        var provider = new TaskProvider(
                Providers.settings("gateway", server.url("/"), KEY, Duration.ofSeconds(5)), links.kit(sleeper));

        Outcome outcome = provider.generate(
                request(NANO_BANANA, "1:1", Optional.empty(), user("blend these", photo, sketch)), context);

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(body(server.takeRequest()))
                .isEqualTo(tree("""
                {"model":"nano-banana","prompt":"blend these","images":["%s","%s"],"aspectRatio":"1:1",
                 "replyType":"json"}""".formatted(links.linkOf(photo), links.linkOf(sketch))));
    }

    @Test
    void oneImageEditSendsTheImageAsADataUri() throws Exception {
        succeedWithOneImage();
        ImageRef photo = jpeg(Color.BLUE, 8);

        Outcome outcome = generate(request(NANO_BANANA, "3:4", Optional.of("1K"), user("add a hat", photo)));

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(body(server.takeRequest())).isEqualTo(tree("""
                {"model":"nano-banana","prompt":"add a hat","images":["%s"],"aspectRatio":"3:4",
                 "replyType":"json"}""".formatted(dataUri(photo))));
        assertThat(dataUri(photo)).startsWith("data:image/jpeg;base64,/9j/");
    }

    @Test
    void fiveImageFusionKeepsTheImagesInTheOrderGiven() throws Exception {
        succeedWithOneImage();
        ImageRef[] inputs = fiveImages();

        generate(request(NANO_BANANA, "1:1", Optional.empty(), user("merge these five", inputs)));

        ObjectNode expected =
                json.createObjectNode().put("model", "nano-banana").put("prompt", "merge these five");
        ArrayNode images = expected.putArray("images");
        Stream.of(inputs).map(this::dataUri).forEach(images::add);
        expected.put("aspectRatio", "1:1").put("replyType", "json");
        assertThat(body(server.takeRequest())).isEqualTo(expected);
    }

    @Test
    void threeTurnContinuationSendsTheNewInstructionWithTheNewestImagesFirst() throws Exception {
        succeedWithOneImage();
        Continuation turns = continuation();

        generate(turns.request());

        assertThat(body(server.takeRequest()))
                .isEqualTo(tree("""
                {"model":"nano-banana","prompt":"make it a snowy night","images":["%s","%s"],
                 "aspectRatio":"16:9","replyType":"json"}""".formatted(dataUri(turns.generated()), dataUri(turns.upload()))));
    }

    // ---- answers ----

    @Test
    void everyResultUrlIsDownloadedInOrder() throws Exception {
        server.enqueue(ok(succeeded("14-5f3c", url("/files/one.png"), url("/files/two.png"))));
        server.enqueue(file(RESULT));
        server.enqueue(file(SECOND));

        Outcome outcome = generate(textRequest("1:1"));

        assertThat(imagesOf(outcome)).containsExactly(RESULT, SECOND);
        server.takeRequest();
        assertThat(server.takeRequest().getTarget()).isEqualTo("/files/one.png");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/files/two.png");
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                arguments("violation", "The prompt was flagged", new Outcome.Refused("The prompt was flagged")),
                arguments("violation", "", new Outcome.Refused((String) null)),
                arguments(
                        "failed",
                        "upstream timeout, please try again later",
                        new Outcome.Failed(true, "upstream timeout, please try again later")),
                arguments(
                        "failed",
                        "image could not be decoded",
                        new Outcome.Failed(false, "image could not be decoded")),
                arguments("failed", "blocked by content policy", new Outcome.Refused("blocked by content policy")),
                arguments(
                        "exploded",
                        "",
                        new Outcome.Failed(false, Cause.of(Cause.Kind.UNKNOWN_TASK_STATUS, "exploded"))));
    }

    /**
     * A violation is a refusal (in the gateway's words when it gave some); a failure is worth
     * retrying only when it sounds like a timeout or overload, and is a refusal when it names the
     * content policy; an unknown status is a failure naming it.
     */
    @ParameterizedTest(name = "status {0} with error \"{1}\" is {2}")
    @MethodSource("verdicts")
    void endedTaskBecomesTheMatchingOutcome(String status, String error, Outcome expected) {
        assertThat(answerTo(ok(ended(status, error)))).isEqualTo(expected);
    }

    @Test
    void runningAnswerWithoutATaskIdIsAFailure() {
        assertThat(answerTo(ok("{\"status\":\"running\",\"progress\":5}")))
                .isEqualTo(new Outcome.Failed(false, Cause.of(Cause.Kind.NO_TASK)));
    }

    // ---- tasks ----

    @Test
    void runningAnswerToAWaitingRequestIsReportedWithItsProgressAndPolled() {
        server.enqueue(ok(runningAnswer("8-def", 30)));
        succeedWithOneImage();

        Outcome outcome = generate(textRequest("1:1"));

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(context.acceptedTasks).containsExactly("8-def");
        assertThat(context.progress).containsExactly(30);
        assertThat(sleeper.waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void violationFoundWhilePollingIsARefusal() {
        server.enqueue(ok(runningAnswer("9-ghi", 40)));
        server.enqueue(ok(ended("violation", "nsfw content detected")));

        assertThat(resume("9-ghi")).isEqualTo(new Outcome.Refused("nsfw content detected"));
        assertThat(context.progress).containsExactly(40);
    }
}
