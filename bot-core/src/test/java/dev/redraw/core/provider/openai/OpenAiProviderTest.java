package dev.redraw.core.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.GenerationRequest;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.generation.ProviderRoute;
import dev.redraw.core.history.History;
import dev.redraw.core.model.ModelCapabilities;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.provider.routing.ProviderRouter;
import dev.redraw.core.provider.task.TaskDialectContract;
import dev.redraw.core.testing.QueuedProvider;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.RecordedRequest;
import okhttp3.MediaType;
import okhttp3.MultipartReader;
import okio.Buffer;
import okio.ByteString;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest extends TaskDialectContract {

    private static final String RESULT_B64 = Base64.getEncoder().encodeToString(RESULT);
    private static final Pattern DISPOSITION_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    OpenAiProviderTest() {
        super(new Dialect(
                OpenAiProvider::new,
                "/v1/images/generations",
                "/v1/images/generations?async=true",
                taskId -> "/v1/images/tasks/" + taskId,
                """
                {"model":"nano-banana","prompt":"a red fox","aspect_ratio":"16:9",
                 "response_format":"b64_json","n":1}""",
                url -> images("{\"url\":\"" + url + "\"}"),
                taskId -> "{\"task_id\":\"" + taskId + "\"}",
                (taskId, progress) -> task(taskId, "IN_PROGRESS", progress + "%", ""),
                (taskId, url) -> task(
                        taskId,
                        "SUCCESS",
                        "100%",
                        ",\"data\":{\"data\":[{\"url\":\"" + url
                                + "\",\"b64_json\":\"\",\"revised_prompt\":\"\"}],\"model\":\"nano-banana\"}"),
                message -> "{\"error\":{\"message\":\"" + message + "\"}}"));
    }

    private static String images(String item) {
        return "{\"created\":1713833628,\"data\":[" + item
                + "],\"usage\":{\"total_tokens\":100,\"input_tokens\":50,\"output_tokens\":50}}";
    }

    private static String b64Answer() {
        return images("{\"b64_json\":\"" + RESULT_B64 + "\"}");
    }

    private static String task(String taskId, String status, String progress, String extra) {
        return "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"" + taskId + "\",\"status\":\"" + status
                + "\",\"fail_reason\":\"\",\"progress\":\"" + progress + "\"" + extra + "}}";
    }

    private static String taskFailed(String reason) {
        return "{\"code\":\"success\",\"message\":\"\",\"data\":{\"task_id\":\"task-42\",\"status\":\"FAILURE\","
                + "\"fail_reason\":\"" + reason + "\",\"progress\":\"100%\"}}";
    }

    private static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"code\":\"" + code + "\"}}";
    }

    // ---- requests ----

    @Test
    void pixelShapeIsSentAsSizeAndTheChosenImageSizeAsImageSize() throws Exception {
        server.enqueue(ok(b64Answer()));

        generate(request(NANO_BANANA, "1024x1024", Optional.of("2K"), user("a red fox")));

        assertThat(body(server.takeRequest())).isEqualTo(tree("""
                {"model":"nano-banana","prompt":"a red fox","size":"1024x1024","image_size":"2K",
                 "response_format":"b64_json","n":1}"""));
    }

    @Test
    void oneImageEditPostsMultipartFieldsInTheirFixedOrder() throws Exception {
        server.enqueue(ok(b64Answer()));
        ImageRef photo = png(Color.BLUE, 8);

        Outcome outcome = generate(request(NANO_BANANA, "3:4", Optional.of("1K"), user("add sunglasses", photo)));

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        RecordedRequest request = server.takeRequest();
        assertCall(request, "POST", "/v1/images/edits");
        assertThat(parts(request))
                .containsExactly(
                        field("model", "nano-banana"),
                        field("prompt", "add sunglasses"),
                        imagePart("image-1.png", "image/png", bytes(photo)),
                        field("aspect_ratio", "3:4"),
                        field("image_size", "1K"),
                        field("response_format", "b64_json"),
                        field("n", "1"));
    }

    @Test
    void fiveImageFusionSendsEveryImageInTheOrderGivenWithFilenamesByType() throws Exception {
        server.enqueue(ok(b64Answer()));
        ImageRef[] inputs = fiveImages();

        generate(request(NANO_BANANA, "1:1", Optional.empty(), user("seat the first cat on the other sofas", inputs)));

        List<FormPart> expected = new ArrayList<>();
        expected.add(field("model", "nano-banana"));
        expected.add(field("prompt", "seat the first cat on the other sofas"));
        for (int i = 0; i < inputs.length; i++) {
            String name = "image-" + (i + 1) + (inputs[i].mimeType().equals("image/png") ? ".png" : ".jpg");
            expected.add(imagePart(name, inputs[i].mimeType(), bytes(inputs[i])));
        }
        expected.add(field("aspect_ratio", "1:1"));
        expected.add(field("response_format", "b64_json"));
        expected.add(field("n", "1"));
        assertThat(parts(server.takeRequest())).containsExactlyElementsOf(expected);
    }

    @Test
    void threeTurnContinuationSendsTheNewInstructionWithTheNewestImagesFirst() throws Exception {
        server.enqueue(ok(b64Answer()));
        Continuation turns = continuation();

        generate(turns.request());

        assertThat(parts(server.takeRequest()))
                .containsExactly(
                        field("model", "nano-banana"),
                        field("prompt", "make it a snowy night"),
                        imagePart("image-1.png", "image/png", bytes(turns.generated())),
                        imagePart("image-2.jpg", "image/jpeg", bytes(turns.upload())),
                        field("aspect_ratio", "16:9"),
                        field("response_format", "b64_json"),
                        field("n", "1"));
    }

    @Test
    void asyncEditPostsToEditsWithTheAsyncFlag() throws Exception {
        server.enqueue(ok(acceptedAnswer("task-42")));
        server.enqueue(
                ok(task("task-42", "SUCCESS", "100%", ",\"data\":{\"data\":[{\"b64_json\":\"" + RESULT_B64 + "\"}]}")));
        ImageRef photo = png(Color.BLUE, 8);

        Outcome outcome = generateAsync(request(NANO_BANANA, "1:1", Optional.empty(), user("add a hat", photo)));

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        RecordedRequest submit = server.takeRequest();
        assertCall(submit, "POST", "/v1/images/edits?async=true");
        assertThat(parts(submit)).contains(imagePart("image-1.png", "image/png", bytes(photo)));
        assertCall(server.takeRequest(), "GET", "/v1/images/tasks/task-42");
        assertThat(context.acceptedTasks).containsExactly("task-42");
    }

    // ---- answers ----

    @Test
    void base64ResultIsDecodedAndItsRevisedPromptKept() {
        Outcome outcome =
                answerTo(ok(images("{\"b64_json\":\"" + RESULT_B64 + "\",\"revised_prompt\":\"a red fox at dawn\"}")));

        assertThat(imagesOf(outcome)).containsExactly(RESULT);
        assertThat(((Outcome.Images) outcome).text()).contains("a red fox at dawn");
    }

    @Test
    void revisedPromptWithoutAnyImageIsTextOnly() {
        Outcome outcome =
                answerTo(ok(images("{\"b64_json\":\"\",\"url\":\"\",\"revised_prompt\":\"Which fox do you mean?\"}")));

        assertThat(outcome).isEqualTo(new Outcome.TextOnly("Which fox do you mean?"));
    }

    @Test
    void answerWithNeitherImageNorTextIsAFailure() {
        assertThat(answerTo(ok(images("")))).isEqualTo(new Outcome.Failed(false, Cause.of(Cause.Kind.NO_IMAGE)));
    }

    @Test
    void errorCodesDecideRefusalsAndQuotaEvenWhenTheMessageDoesNot() {
        assertThat(answerTo(answer(400, error("Your request was rejected.", "user_error", "moderation_blocked"))))
                .isEqualTo(new Outcome.Refused("Your request was rejected. [moderation_blocked]"));
        assertThat(answerTo(
                        answer(400, error("Request declined.", "invalid_request_error", "content_policy_violation"))))
                .isEqualTo(new Outcome.Refused("Request declined. [content_policy_violation]"));
        assertThat(answerTo(answer(429, error("You exceeded your current plan.", "requests", "insufficient_quota"))))
                .isEqualTo(new Outcome.QuotaExhausted("You exceeded your current plan. [insufficient_quota]"));
    }

    @Test
    void errorObjectInsideHttp200IsClassifiedByItsWords() {
        assertThat(answerTo(ok(error("image blocked by the safety system", "upstream_error", "channel_error"))))
                .isInstanceOf(Outcome.Refused.class);
    }

    @Test
    void acceptedTaskIdMayComeWrappedInData() {
        server.enqueue(ok("{\"code\":\"success\",\"message\":\"\",\"data\":\"task-9\"}"));
        server.enqueue(
                ok(task("task-9", "SUCCESS", "100%", ",\"data\":{\"data\":[{\"b64_json\":\"" + RESULT_B64 + "\"}]}")));

        assertThat(imagesOf(generateAsync(textRequest("1:1")))).containsExactly(RESULT);
        assertThat(context.acceptedTasks).containsExactly("task-9");
    }

    @Test
    void failedTaskWithAPolicyReasonIsARefusal() {
        server.enqueue(ok(taskFailed("PROHIBITED_CONTENT: the prompt was blocked")));

        assertThat(resume("task-42")).isEqualTo(new Outcome.Refused("PROHIBITED_CONTENT: the prompt was blocked"));
    }

    @Test
    void failedTaskWithAnyOtherReasonIsAPermanentFailureInItsWords() {
        server.enqueue(ok(acceptedAnswer("task-42")));
        server.enqueue(ok(taskFailed("the model returned no image")));

        assertThat(generateAsync(textRequest("1:1")))
                .isEqualTo(new Outcome.Failed(false, "the model returned no image"));
    }

    @Test
    void gatewayFailureWrapperIsAFailureInItsWordsForARequestAndForATaskLook() {
        Outcome request =
                answerTo(ok("{\"code\":\"upstream_error\",\"message\":\"no channel available\",\"data\":null}"));
        server.enqueue(ok("{\"code\":\"task_not_exist\",\"message\":\"\",\"data\":null}"));
        Outcome look = resume("gone");

        assertThat(request).isEqualTo(new Outcome.Failed(false, "no channel available"));
        assertThat(look).isEqualTo(new Outcome.Failed(false, Cause.of(Cause.Kind.TASK_UNREPORTED), "task_not_exist"));
    }

    // ---- multipart reading ----

    /** One part of a multipart form: its name, file name and type (null for plain fields) and its bytes. */
    private record FormPart(String name, String filename, String contentType, ByteString body) {}

    private static FormPart field(String name, String value) {
        return new FormPart(name, null, null, ByteString.encodeUtf8(value));
    }

    private static FormPart imagePart(String filename, String contentType, byte[] bytes) {
        return new FormPart("image", filename, contentType, ByteString.of(bytes));
    }

    private static List<FormPart> parts(RecordedRequest request) throws Exception {
        MediaType type = MediaType.get(request.getHeaders().get("Content-Type"));
        assertThat(type.type() + "/" + type.subtype()).isEqualTo("multipart/form-data");
        List<FormPart> parts = new ArrayList<>();
        try (var reader = new MultipartReader(new Buffer().write(request.getBody()), type.parameter("boundary"))) {
            for (var part = reader.nextPart(); part != null; part = reader.nextPart()) {
                String name = null;
                String filename = null;
                Matcher params = DISPOSITION_PARAM.matcher(part.headers().get("Content-Disposition"));
                while (params.find()) {
                    if (params.group(1).equals("name")) {
                        name = params.group(2);
                    } else if (params.group(1).equals("filename")) {
                        filename = params.group(2);
                    }
                }
                parts.add(new FormPart(
                        name,
                        filename,
                        part.headers().get("Content-Type"),
                        part.body().readByteString()));
            }
        }
        return parts;
    }

    // ---- models documented with pixel sizes, quality, masks and image arrays (seed 003) ----

    private static ModelCapabilities builtIn(String id) {
        return ModelCatalog.builtIn().capabilitiesOf(id);
    }

    @Test
    void textOnlyFluxGetsItsDocumentedSizeAndNoAspectRatio() throws Exception {
        server.enqueue(ok(b64Answer()));

        generate(request(builtIn("flux-dev"), "2:1", Optional.empty(), user("cat")));

        RecordedRequest request = server.takeRequest();
        assertCall(request, "POST", "/v1/images/generations");
        assertThat(body(request)).isEqualTo(tree("""
                {"model":"flux-dev","prompt":"cat","size":"1024x512","response_format":"b64_json","n":1}"""));
    }

    @Test
    void everyRatioOfAModelWithPixelSizesIsSentAsTheNearestDocumentedSize() throws Exception {
        Map<String, Map<String, String>> expected = Map.of(
                "gpt-image-1", Map.of("1:1", "1024x1024", "3:2", "1536x1024", "2:3", "1024x1536", "auto", "auto"),
                "dall-e-2", Map.of("1:1", "1024x1024"),
                "dall-e-3", Map.of("1:1", "1024x1024", "16:9", "1792x1024", "9:16", "1024x1792"),
                "recraftv3",
                        Map.of(
                                "21:9",
                                "1344x576",
                                "2:1",
                                "1024x512",
                                "16:9",
                                "1024x576",
                                "4:3",
                                "1280x960",
                                "3:2",
                                "768x512",
                                "1:1",
                                "1024x1024",
                                "2:3",
                                "512x768",
                                "3:4",
                                "960x1280",
                                "9:16",
                                "768x1366",
                                "1:2",
                                "512x1024"));
        for (var model : expected.entrySet()) {
            ModelCapabilities capabilities = builtIn(model.getKey());
            assertThat(capabilities.aspectRatios())
                    .containsExactlyInAnyOrderElementsOf(model.getValue().keySet());
            for (var shape : model.getValue().entrySet()) {
                server.enqueue(ok(b64Answer()));
                generate(request(capabilities, shape.getKey(), Optional.empty(), user("cat")));
                JsonNode body = body(server.takeRequest());
                assertThat(body.path("size").asText())
                        .as("%s %s", model.getKey(), shape.getKey())
                        .isEqualTo(shape.getValue());
                assertThat(body.has("aspect_ratio")).isFalse();
            }
        }
    }

    @Test
    void qualityAndMaskGoInTheEditsFormAfterTheImages() throws Exception {
        server.enqueue(ok(b64Answer()));
        ImageRef photo = png(Color.BLUE, 8);
        ImageRef mask = png(Color.WHITE, 8);

        generate(new GenerationRequest(
                builtIn("gpt-image-1"),
                "3:2",
                Optional.empty(),
                new History(List.of(user("replace the sky", photo)), 0),
                this::bytes,
                Optional.of("high"),
                Optional.of(mask),
                1));

        RecordedRequest request = server.takeRequest();
        assertCall(request, "POST", "/v1/images/edits");
        assertThat(parts(request))
                .containsExactly(
                        field("model", "gpt-image-1"),
                        field("prompt", "replace the sky"),
                        imagePart("image-1.png", "image/png", bytes(photo)),
                        new FormPart("mask", "mask.png", "image/png", ByteString.of(bytes(mask))),
                        field("size", "1536x1024"),
                        field("quality", "high"),
                        field("response_format", "b64_json"),
                        field("n", "1"));
    }

    /** A request for {@code count} images of {@code model}, with {@code history}. */
    private GenerationRequest variations(String model, String shape, int count, History.Entry... history) {
        return new GenerationRequest(
                builtIn(model),
                shape,
                Optional.empty(),
                new History(List.of(history), 0),
                this::bytes,
                Optional.empty(),
                Optional.empty(),
                count);
    }

    @Test
    void modelsDocumentedWithNAskForEveryImageInOneCall() throws Exception {
        server.enqueue(ok(images("{\"b64_json\":\"" + RESULT_B64 + "\"},{\"b64_json\":\"" + RESULT_B64
                + "\"},{\"b64_json\":\"" + RESULT_B64 + "\"}")));

        Outcome outcome = generate(variations("gpt-image-1", "1:1", 3, user("cat")));

        // Seed 003: gpt-image-1 and dall-e-2 take "n: Number of images to generate. Must be between 1 and 10".
        assertThat(body(server.takeRequest())).isEqualTo(tree("""
                {"model":"gpt-image-1","prompt":"cat","size":"1024x1024","response_format":"b64_json","n":3}"""));
        assertThat(imagesOf(outcome)).hasSize(3);
        assertThat(provider(false, POLLING).takesCount("gpt-image-1")).isTrue();
        assertThat(provider(false, POLLING).takesCount("dall-e-2")).isTrue();
    }

    @Test
    void anEditForSeveralImagesSendsNInTheForm() throws Exception {
        server.enqueue(ok(b64Answer()));
        ImageRef photo = png(Color.BLUE, 8);

        generate(variations("dall-e-2", "1:1", 4, user("add a hat", photo)));

        assertThat(parts(server.takeRequest()))
                .containsExactly(
                        field("model", "dall-e-2"),
                        field("prompt", "add a hat"),
                        imagePart("image-1.png", "image/png", bytes(photo)),
                        field("size", "1024x1024"),
                        field("response_format", "b64_json"),
                        field("n", "4"));
    }

    @Test
    void modelsWithoutADocumentedCountAreAskedForOneImageACall() throws Exception {
        for (String id : List.of("nano-banana", "dall-e-3", "sora_image", "flux")) {
            server.enqueue(ok(b64Answer()));

            generate(variations(id, "1:1", 4, user("cat")));

            assertThat(body(server.takeRequest()).path("n").asInt()).as(id).isEqualTo(1);
            assertThat(provider(false, POLLING).takesCount(id)).as(id).isFalse();
        }
    }

    @Test
    void qualityGoesInTheGenerationsBody() throws Exception {
        server.enqueue(ok(b64Answer()));

        generate(new GenerationRequest(
                builtIn("dall-e-3"),
                "16:9",
                Optional.empty(),
                new History(List.of(user("cat")), 0),
                this::bytes,
                Optional.of("hd"),
                Optional.empty(),
                1));

        assertThat(body(server.takeRequest())).isEqualTo(tree("""
                {"model":"dall-e-3","prompt":"cat","size":"1792x1024","quality":"hd",
                 "response_format":"b64_json","n":1}"""));
    }

    @Test
    void soraAndDoubaoImagesGoInTheGenerationsImageArrayAsDataUris() throws Exception {
        for (String id : List.of("sora_image", "gpt-4o-image", "qwen-image-edit", "doubao-seedream-4-0-250828")) {
            server.enqueue(ok(b64Answer()));
            ImageRef photo = png(Color.ORANGE, 9);

            generate(request(builtIn(id), "1:1", Optional.empty(), user("add a hat", photo)));

            RecordedRequest request = server.takeRequest();
            assertCall(request, "POST", "/v1/images/generations");
            assertThat(body(request))
                    .isEqualTo(tree("{\"model\":\"" + id + "\",\"prompt\":\"add a hat\","
                            + "\"image\":[\"data:image/png;base64,"
                            + Base64.getEncoder().encodeToString(bytes(photo))
                            + "\"],\"aspect_ratio\":\"1:1\",\"response_format\":\"b64_json\",\"n\":1}"));
        }
    }

    @Test
    void theDialectTakesOnlyItsDocumentedRatiosAndNanoBanana2AloneKeepsImageSize() {
        var provider = provider(false, POLLING);

        ModelCapabilities banana2 = provider.capabilities(builtIn("nano-banana-2"));
        assertThat(builtIn("nano-banana-2").aspectRatios()).contains("8:1", "auto");
        assertThat(banana2.aspectRatios())
                .doesNotContain("8:1", "1:8", "4:1", "1:4", "auto")
                .contains("16:9", "4:5");
        assertThat(banana2.imageSizes()).containsExactly("1K", "2K", "4K");
        ModelCapabilities pro = provider.capabilities(builtIn("nano-banana-pro"));
        assertThat(pro.imageSizes()).isEmpty();
        assertThat(provider.capabilities(builtIn("flux")).aspectRatios()).contains("2:1", "1:2");
    }

    @Test
    void aRouterTakesForAModelOnlyWhatEveryDialectServingItTakes() {
        var router = ProviderRouter.direct(List.of(
                new ProviderRoute(new QueuedProvider("tasks"), List.of("nano-banana-2")),
                new ProviderRoute(provider(false, POLLING), List.of("nano-banana-2"))));

        assertThat(router.capabilities(builtIn("nano-banana-2")).aspectRatios())
                .doesNotContain("8:1")
                .contains("21:9");
        assertThat(router.capabilities(builtIn("gpt-image-2")).aspectRatios()).contains("auto", "2:1");
    }
}
