package dev.redraw.app.console;

import static dev.redraw.core.testing.ContentsGateway.image;
import static dev.redraw.core.testing.ContentsGateway.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.app.Launcher;
import dev.redraw.core.storage.TestPostgres;
import dev.redraw.core.testing.ContentsGateway;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console mode, run as the jar runs it, against a MockWebServer playing the contents gateway. */
class ConsoleEndToEndTest {

    private static final String KEY = "sk-console-test-7f3a9c";
    private static final byte[] RED = TestImages.png(64, 64, Color.RED);
    private static final byte[] GREEN = TestImages.png(64, 64, Color.GREEN);
    private static final byte[] BLUE = TestImages.png(64, 64, Color.BLUE);
    private static final byte[] YELLOW = TestImages.png(64, 36, Color.YELLOW);

    @StartStop
    private final MockWebServer gateway = new MockWebServer();

    @TempDir
    private Path dir;

    private final ObjectMapper json = new ObjectMapper();
    private Path config;

    @BeforeEach
    void writeConfig() throws Exception {
        config = dir.resolve("redraw.yml");
        Files.writeString(
                config,
                configYaml(
                        dir.resolve("db/redraw").toString(), dir.resolve("out").toString()));
    }

    /** A configuration with the fake gateway as its one provider, on an H2 file. */
    private String configYaml(String databaseFile, String outputDir) {
        return configOn("jdbc:h2:file:" + databaseFile, outputDir);
    }

    private String configOn(String storageUrl, String outputDir) {
        return """
                providers:
                  - name: nebula
                    dialect: contents
                    base-url: %s
                    api-key: ${NEBULA_TEST_KEY}
                    models: [gemini-2.5-flash-image]
                storage:
                  url: %s
                console:
                  output-dir: %s
                """.formatted(gateway.url("/"), storageUrl, outputDir);
    }

    /**
     * The same console, with everything it stores on PostgreSQL: the schema, the job runner's claims,
     * leases and notifications, and a restart that keeps the numbering and the history.
     */
    @Nested
    class OnPostgresql {

        @BeforeEach
        void storeOnPostgresql() throws Exception {
            Files.writeString(
                    config,
                    configOn(
                            TestPostgres.get().newDatabase(), dir.resolve("out").toString()));
        }

        @Test
        void editsContinueTheirBranchAndOlderImagesStartNewBranches() throws Exception {
            ConsoleEndToEndTest.this.editsContinueTheirBranchAndOlderImagesStartNewBranches();
        }

        @Test
        void numberingAndHistorySurviveARestart() throws Exception {
            ConsoleEndToEndTest.this.numberingAndHistorySurviveARestart();
        }
    }

    @Test
    void editsContinueTheirBranchAndOlderImagesStartNewBranches() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        gateway.enqueue(image(BLUE));

        List<String> lines = console("a red fox", "/edit 1 make it night", "/edit 1 make it blue", "/quit");

        assertThat(lines)
                .contains(
                        "saved #1 " + dir.resolve("out/1.png"),
                        "saved #2 " + dir.resolve("out/2.png"),
                        "saved #3 " + dir.resolve("out/3.png"));
        assertThat(Files.readAllBytes(dir.resolve("out/2.png"))).containsExactly(GREEN);

        JsonNode first = body(take());
        assertThat(first)
                .isEqualTo(
                        json.readTree(
                                "{\"model\":\"gemini-2.5-flash-image\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\",\"size\":\"1:1\"}"));
        JsonNode night = body(take());
        assertThat(night).isEqualTo(json.readTree("""
                {"model":"gemini-2.5-flash-image","contents":[
                  {"role":"user","parts":[{"text":"a red fox"}]},
                  {"role":"model","parts":[{"text":"Generated 1 image."},{"image":"%s"}]},
                  {"role":"user","parts":[{"text":"make it night"}]}],
                 "response_format":"b64_json","size":"1:1"}""".formatted(dataUri(RED))));
        JsonNode blue = body(take());
        assertThat(blue.path("contents")).hasSize(3);
        assertThat(part(blue, 2, 0, "text")).isEqualTo("make it blue");
        assertThat(blue.toString()).doesNotContain("make it night");
    }

    @Test
    void numberingAndHistorySurviveARestart() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        console("a red fox", "/edit 1 make it night");
        take();
        take();

        gateway.enqueue(image(BLUE));
        List<String> lines = console("/edit 2 add snow", "/history 3");

        assertThat(lines).contains("saved #3 " + dir.resolve("out/3.png"));
        JsonNode snow = body(take());
        assertThat(snow.path("contents")).hasSize(5);
        assertThat(part(snow, 3, 1, "image")).isEqualTo(dataUri(GREEN));
        assertThat(part(snow, 4, 0, "text")).isEqualTo("add snow");
        assertThat(lines)
                .containsSubsequence(
                        "user: a red fox (1:1)",
                        "model: [image 64×64] #1",
                        "user: make it night (1:1)",
                        "model: [image 64×64] #2",
                        "user: add snow (1:1)",
                        "model: [image 64×64] #3");
    }

    @Test
    void treeGivesALinkToTheTreePageOnlyWhereTheServerHasAPublicAddress() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        List<String> without = console("a red fox", "/tree");
        assertThat(without).contains("error: tree pages need server.port and server.public-url in the configuration");
        take();

        Files.writeString(
                config,
                Files.readString(config) + "server:\n  port: 0\n  public-url: https://redraw.example.com/bot/\n");
        List<String> lines = console("/edit 1 make it night", "/tree 1", "/tree", "/tree 99", "/tree x");

        assertThat(lines.stream()
                        .filter(line -> line.matches(
                                "tree: https://redraw\\.example\\.com/bot/t/[A-Za-z0-9_-]{43} \\(until .*\\)")))
                .hasSize(2);
        assertThat(lines).contains("error: there is no image #99");
        assertThat(lines)
                .contains("error: "
                        + dev.redraw.core.text.Messages.forLanguage("en")
                                .numberProblem(numberProblem("x", "IMAGE", "NOT_A_NUMBER")));
    }

    @Test
    void imageAndBlendSendLocalFilesAsDataUris() throws Exception {
        Path wide = dir.resolve("wide.png");
        Path jpeg = dir.resolve("photo.jpg");
        Files.write(wide, YELLOW);
        byte[] jpegBytes = TestImages.jpeg(40, 40, Color.GRAY);
        Files.write(jpeg, jpegBytes);
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));

        List<String> lines = console(
                "/image " + wide + " -- make it pop",
                "/ratio 4:5",
                "/blend " + wide + " " + jpeg + " -- put the first image's colour on the second");

        assertThat(lines)
                .contains("saved #1 " + dir.resolve("out/1.png"), "ratio: 4:5", "saved #2 " + dir.resolve("out/2.png"));
        // The two jobs run side by side, so their requests may arrive in either order.
        List<JsonNode> sent = List.of(body(take()), body(take()));
        JsonNode edit = sent.stream()
                .filter(b -> b.path("contents").get(0).path("parts").size() == 2)
                .findFirst()
                .orElseThrow();
        JsonNode blend = sent.stream()
                .filter(b -> b.path("contents").get(0).path("parts").size() == 3)
                .findFirst()
                .orElseThrow();
        assertThat(edit).isEqualTo(json.readTree("""
                {"model":"gemini-2.5-flash-image","contents":[
                  {"role":"user","parts":[{"text":"make it pop"},{"image":"%s"}]}],
                 "response_format":"b64_json","size":"16:9"}""".formatted(dataUri(YELLOW))));
        assertThat(blend.path("size").asText()).isEqualTo("4:5");
        JsonNode parts = blend.path("contents").get(0).path("parts");
        assertThat(parts).hasSize(3);
        assertThat(parts.get(1).path("image").asText()).isEqualTo(dataUri(YELLOW));
        assertThat(parts.get(2).path("image").asText()).isEqualTo(ContentsGateway.dataUri("image/jpeg", jpegBytes));
    }

    @Test
    void failuresTextAnswersAndMistakesAreReportedAndTheConsoleKeepsGoing() throws Exception {
        Path notImage = dir.resolve("notes.png");
        Files.writeString(notImage, "just some text");
        gateway.enqueue(ok("{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}"));
        gateway.enqueue(ok("{\"code\":200,\"msg\":\"ok\",\"data\":{\"data\":[{\"url\":\"\",\"b64_json\":\"\","
                + "\"revised_prompt\":\"Which fox do you mean?\"}]}}"));
        gateway.enqueue(image(RED));

        List<String> lines = console(
                "a fox",
                "draw that fox",
                "/edit 9 nothing there",
                "/image " + notImage + " -- edit it",
                "/ratio wide",
                "/model dall-e-9",
                "/frobnicate",
                "a red fox");

        // The first two jobs run side by side: either may get the gateway's first answer.
        assertThat(lines)
                .containsOnlyOnce("text: Which fox do you mean?")
                .anyMatch(line -> line.matches("error: job [12]: ✋ The image service did not accept the size or aspect"
                        + " ratio\\. Choose another ratio or size\\. / The image service said: “Invalid parameter:"
                        + " Unsupported aspect ratio”"));
        assertThat(lines)
                .contains(
                        "text: Which fox do you mean?",
                        "error: there is no image #9",
                        "error: '" + "wide"
                                + "' is not a ratio like 16:9 or a size like 1792x1024, nor auto or default",
                        "error: unknown model 'dall-e-9'; available: gemini-2.5-flash-image",
                        "error: unknown command /frobnicate; /help lists the commands",
                        "saved #1 " + dir.resolve("out/1.png"));
        assertThat(lines)
                .anyMatch(line -> line.startsWith("error: " + notImage + ": ") && line.contains("not an image"));
        assertThat(gateway.getRequestCount()).isEqualTo(3);
        assertThat(String.join("\n", lines)).doesNotContain(KEY);
    }

    @Test
    void devicesFoldersAndHugeFilesAreRefusedWithOneLineAndTheConsoleKeepsGoing() throws Exception {
        Path fox = dir.resolve("fox.png");
        Files.write(fox, RED);
        Path huge = dir.resolve("huge.png");
        try (var file = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(LocalImageFiles.MAX_BYTES + 1); // sparse: takes no disk space
        }
        gateway.enqueue(image(GREEN));

        List<String> lines = console(
                "/blend " + fox + " /dev/zero -- x",
                "/image /dev/zero -- x",
                "/blend " + fox + " " + dir + " -- x",
                "/image " + huge + " -- x",
                "/image " + dir.resolve("missing.png") + " -- x",
                "a green fox");

        assertThat(lines)
                .contains(
                        "error: /dev/zero is not a regular file (a device or a pipe?); give an image file",
                        "error: " + dir + " is a folder, not an image file",
                        "error: " + huge + " is larger than 50 MB; the console reads image files up to that size",
                        "error: no such file: " + dir.resolve("missing.png"),
                        "saved #1 " + dir.resolve("out/1.png"));
        assertThat(lines.stream().filter(line -> line.startsWith("error: /dev/zero")))
                .hasSize(2);
        // Only the prompt reached the gateway: no refused file started a job.
        assertThat(gateway.getRequestCount()).isEqualTo(1);
        assertThat(lines).noneMatch(line -> line.startsWith("job 2"));
    }

    @Test
    void relativePathsInTheConfigurationAreResolvedAgainstItsFolder() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("conf"));
        config = folder.resolve("redraw.yml");
        Files.writeString(config, configYaml("./data/redraw", "./out"));
        gateway.enqueue(image(RED));

        List<String> lines = console("a red fox");

        // The test runs in the module's folder, not in conf/.
        assertThat(Path.of("").toAbsolutePath()).isNotEqualTo(folder);
        assertThat(lines).contains("saved #1 " + folder.resolve("out/1.png"));
        assertThat(Files.readAllBytes(folder.resolve("out/1.png"))).containsExactly(RED);
        assertThat(folder.resolve("data/redraw.mv.db")).exists();
        assertThat(Path.of("data")).doesNotExist();
        assertThat(Path.of("out")).doesNotExist();
    }

    @Test
    void everyFailedJobNamesItsNumber() throws Exception {
        String refused = "{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}";
        gateway.enqueue(ok(refused));
        gateway.enqueue(ok(refused));

        List<String> lines = console("a wide fox", "/edit 1 x", "a tall fox");

        List<String> errors =
                lines.stream().filter(line -> line.startsWith("error: ")).toList();
        assertThat(errors)
                .filteredOn(line -> line.contains("did not accept the size or aspect ratio"))
                .hasSize(2)
                .anyMatch(line -> line.startsWith("error: job 1: ✋ "))
                .anyMatch(line -> line.startsWith("error: job 2: ✋ "));
        // a line about no job names none
        assertThat(errors).contains("error: there is no image #1").hasSize(3);
    }

    @Test
    void jobsCanBeCancelledAndUsageReported() throws Exception {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // The slow request may be cancelled before or after it reaches the gateway.
                return request.getBody().utf8().contains("slow fox")
                        ? image(RED)
                                .newBuilder()
                                .headersDelay(5, TimeUnit.SECONDS)
                                .build()
                        : image(GREEN);
            }
        });

        List<String> lines = console("a slow fox", "/cancel 1", "/cancel 99", "a quick fox", "/history 1", "/usage");

        assertThat(lines).containsAnyOf("job 1 cancelled", "job 1 is being cancelled");
        assertThat(lines)
                .contains(
                        "error: job 1: ⏹ Cancelled.",
                        "error: there is no job 99",
                        "saved #1 " + dir.resolve("out/1.png"),
                        "user: a quick fox (1:1)");
        assertThat(lines)
                .contains(
                        "usage: You are an administrator: no limit applies to you. You made 1 image in the last 24 h.")
                .anyMatch(
                        line -> line.matches(
                                "usage: \\d{4}-\\d{2}-\\d{2} · console:operator · chat local · gemini-2.5-flash-image · 1 image"));
        assertThat(Files.readAllBytes(dir.resolve("out/1.png"))).containsExactly(GREEN);
    }

    @Test
    void aQualityTheModelDoesNotTakeIsRefusedBeforeAnyCall() throws Exception {
        List<String> lines = console("a fox --quality high");

        assertThat(lines).contains("error: gemini-2.5-flash-image has no quality choice; leave the quality out.");
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aBareCancelStopsTheJobInProgressOrSaysThereIsNone() throws Exception {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return image(RED).newBuilder().headersDelay(5, TimeUnit.SECONDS).build();
            }
        });

        List<String> lines = console("/cancel", "a slow fox", "/cancel");

        assertThat(lines).contains("error: no job is in progress", "error: job 1: ⏹ Cancelled.");
        assertThat(lines).containsAnyOf("job 1 cancelled", "job 1 is being cancelled");
        assertThat(dir.resolve("out/1.png")).doesNotExist();
    }

    @Test
    void typedNumbersAreCheckedAndAJobThatStartsAtOnceIsNotSaidToBeQueued() throws Exception {
        gateway.enqueue(image(RED));
        var english = dev.redraw.core.text.Messages.forLanguage("en");

        List<String> lines = console(
                "a red fox", "/cancel 999999999999999999999", "/history 0", "/edit -2 make it blue", "/history x");

        assertThat(lines)
                .contains(
                        "job 1 generating with gemini-2.5-flash-image",
                        "saved #1 " + dir.resolve("out/1.png"),
                        "error: " + english.numberProblem(numberProblem("999999999999999999999", "JOB", "TOO_BIG")),
                        "error: " + english.numberProblem(numberProblem("0", "IMAGE", "ZERO")),
                        "error: " + english.numberProblem(numberProblem("-2", "IMAGE", "NEGATIVE")),
                        "error: " + english.numberProblem(numberProblem("x", "IMAGE", "NOT_A_NUMBER")));
        assertThat(lines).noneMatch(line -> line.startsWith("job 1 queued"));
        assertThat(gateway.getRequestCount()).isEqualTo(1);
    }

    @Test
    void severalImagesAreSavedApartAndAnEditOfTheSecondContinuesFromTheSecond() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(image(GREEN));
        gateway.enqueue(image(BLUE));

        List<String> lines = console("a red fox --n 2", "/edit 2 make it night");

        assertThat(lines)
                .contains(
                        "saved #1 " + dir.resolve("out/1.png") + " (image 1 of 2)",
                        "saved #2 " + dir.resolve("out/2.png") + " (image 2 of 2)",
                        "saved #3 " + dir.resolve("out/3.png"));
        assertThat(lines).noneMatch(line -> line.startsWith("warning:"));
        // The contents dialect has no count: two calls of one image each, side by side.
        String single =
                "{\"model\":\"gemini-2.5-flash-image\",\"prompt\":\"a red fox\",\"response_format\":\"b64_json\",\"size\":\"1:1\"}";
        assertThat(body(take())).isEqualTo(json.readTree(single));
        assertThat(body(take())).isEqualTo(json.readTree(single));
        // Which call got which answer depends on timing: the files say which image is which.
        byte[] first = Files.readAllBytes(dir.resolve("out/1.png"));
        byte[] second = Files.readAllBytes(dir.resolve("out/2.png"));
        assertThat(List.of(first, second)).anyMatch(bytes -> java.util.Arrays.equals(bytes, RED));
        assertThat(List.of(first, second)).anyMatch(bytes -> java.util.Arrays.equals(bytes, GREEN));
        JsonNode night = body(take());
        assertThat(night.path("contents")).hasSize(3);
        assertThat(part(night, 1, 1, "image")).isEqualTo(dataUri(second));
        assertThat(night.toString()).doesNotContain(dataUri(first));
        assertThat(part(night, 2, 0, "text")).isEqualTo("make it night");
    }

    @Test
    void whenSomeImagesFailTheOthersAreSavedAndTheFailedOnesCounted() throws Exception {
        gateway.enqueue(image(RED));
        gateway.enqueue(ok("{\"code\":400,\"msg\":\"Invalid parameter: Unsupported aspect ratio\",\"data\":null}"));
        gateway.enqueue(image(GREEN));

        // /history waits for the job, so /usage counts what it was charged.
        List<String> lines = console("a red fox --n 3", "/history 1", "/usage");

        assertThat(lines)
                .contains(
                        "saved #1 " + dir.resolve("out/1.png") + " (image 1 of 3)",
                        "saved #2 " + dir.resolve("out/2.png") + " (image 2 of 3)",
                        "warning: job 1: ⚠️ 1 image of the 3 images asked for could not be made;"
                                + " you are charged only for the images delivered.");
        assertThat(Files.exists(dir.resolve("out/3.png"))).isFalse();
        assertThat(gateway.getRequestCount()).isEqualTo(3);
        assertThat(lines)
                .contains(
                        "usage: You are an administrator: no limit applies to you. You made 2 images in the last 24 h.");
    }

    @Test
    void aCountOutOfRangeIsRefusedBeforeAnyCall() throws Exception {
        var english = dev.redraw.core.text.Messages.forLanguage("en");

        List<String> lines = console(
                "a fox --n 5", "a fox --n 0", "a fox --n -1", "a fox --n x", "a fox --n 1180591620717411303424");

        assertThat(lines)
                .contains(
                        "error: " + english.numberProblem(numberProblem("5", "VARIATIONS", "TOO_BIG")),
                        "error: " + english.numberProblem(numberProblem("0", "VARIATIONS", "ZERO")),
                        "error: " + english.numberProblem(numberProblem("-1", "VARIATIONS", "NEGATIVE")),
                        "error: " + english.numberProblem(numberProblem("x", "VARIATIONS", "NOT_A_NUMBER")),
                        "error: "
                                + english.numberProblem(
                                        numberProblem("1180591620717411303424", "VARIATIONS", "TOO_BIG")));
        assertThat(english.numberProblem(numberProblem("5", "VARIATIONS", "TOO_BIG")))
                .isEqualTo("5 is too big. One request makes from 1 to 4 images, like --n 4.");
        assertThat(gateway.getRequestCount()).isZero();
    }

    private static dev.redraw.core.text.TypedNumber.Invalid numberProblem(String typed, String kind, String problem) {
        return new dev.redraw.core.text.TypedNumber.Invalid(
                dev.redraw.core.text.TypedNumber.Kind.valueOf(kind),
                dev.redraw.core.text.TypedNumber.Problem.valueOf(problem),
                typed);
    }

    @Test
    void theConsoleCanChooseAnyConfiguredModelWhateverItsDialect() throws Exception {
        try (var tasks = new MockWebServer();
                var google = new MockWebServer()) {
            tasks.start();
            google.start();
            Files.writeString(config, Files.readString(config).replace("providers:\n", """
                            providers:
                              - name: tasks
                                dialect: task
                                base-url: %s
                                api-key: ${NEBULA_TEST_KEY}
                                models: [nano-banana-2]
                              - name: google
                                dialect: gemini
                                base-url: %s
                                api-key: ${NEBULA_TEST_KEY}
                                models: [gemini-3-pro-image-preview]
                            """.formatted(
                            tasks.url("/"), google.url("/"))));
            tasks.enqueue(ok("{\"id\":\"t-1\",\"status\":\"succeeded\",\"results\":[{\"url\":\""
                    + tasks.url("/files/t-1.png") + "\"}]}"));
            tasks.enqueue(new MockResponse.Builder()
                    .body(new okio.Buffer().write(GREEN))
                    .build());
            google.enqueue(ok("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
                    + "{\"mimeType\":\"image/png\",\"data\":\""
                    + java.util.Base64.getEncoder().encodeToString(BLUE)
                    + "\"}}]},\"finishReason\":\"STOP\"}]}"));

            List<String> lines = console(
                    "/model nano-banana-2",
                    "/ratio 4:1",
                    "a long banner of foxes",
                    "/history 1",
                    "/model gemini-3-pro-image-preview",
                    "/size 2K",
                    "/ratio 16:9",
                    "a fox in 2K");

            assertThat(lines).contains("model: nano-banana-2", "saved #1 " + dir.resolve("out/1.png"));
            assertThat(lines).contains("saved #2 " + dir.resolve("out/2.png"));
            JsonNode task = json.readTree(
                    tasks.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
            assertThat(task.path("model").asText()).isEqualTo("nano-banana-2");
            assertThat(task.path("aspectRatio").asText()).isEqualTo("4:1");
            JsonNode gemini = json.readTree(
                    google.takeRequest(5, TimeUnit.SECONDS).getBody().utf8());
            assertThat(gemini.path("generationConfig").path("imageConfig").toString())
                    .isEqualTo("{\"aspectRatio\":\"16:9\",\"imageSize\":\"2K\"}");
            assertThat(gemini.path("generationConfig")
                            .path("responseModalities")
                            .toString())
                    .isEqualTo("[\"TEXT\",\"IMAGE\"]");
            assertThat(Files.readAllBytes(dir.resolve("out/2.png"))).containsExactly(BLUE);
            assertThat(gateway.getRequestCount()).isZero();
        }
    }

    @Test
    void aGeminiStyleRouteOnAGatewayGetsABearerKeyAndTheResponseModalitiesItNeeds() throws Exception {
        try (var route = new MockWebServer()) {
            route.start();
            // As README's example for seed 003's gemini-style route writes it.
            Files.writeString(config, Files.readString(config).replace("providers:\n", """
                            providers:
                              - name: gateway-gemini
                                dialect: gemini
                                base-url: %s
                                api-key: ${NEBULA_TEST_KEY}
                                auth: bearer
                                response-modalities: [IMAGE]
                                models: [gemini-3-pro-image-preview]
                            """.formatted(route.url("/"))));
            route.enqueue(ok("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
                    + "{\"mimeType\":\"image/png\",\"data\":\""
                    + java.util.Base64.getEncoder().encodeToString(BLUE)
                    + "\"}}]},\"finishReason\":\"STOP\"}]}"));

            List<String> lines = console("/model gemini-3-pro-image-preview", "/ratio 3:4", "a fox");

            assertThat(lines).contains("saved #1 " + dir.resolve("out/1.png"));
            RecordedRequest request = route.takeRequest(5, TimeUnit.SECONDS);
            assertThat(request).as("a request reached the route").isNotNull();
            assertThat(request.getTarget()).isEqualTo("/v1beta/models/gemini-3-pro-image-preview:generateContent");
            assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(request.getHeaders().get("x-goog-api-key")).isNull();
            assertThat(body(request).path("generationConfig"))
                    .isEqualTo(json.readTree(
                            "{\"responseModalities\":[\"IMAGE\"],\"imageConfig\":{\"aspectRatio\":\"3:4\"}}"));
            assertThat(gateway.getRequestCount()).isZero();
        }
    }

    @Test
    void ratioAutoIsSentAsAutoDefaultUnsetsItAndPromptOptionsHoldForOneRequest() throws Exception {
        try (var tasks = new MockWebServer()) {
            tasks.start();
            Files.writeString(config, Files.readString(config).replace("providers:\n", """
                            providers:
                              - name: tasks
                                dialect: task
                                base-url: %s
                                api-key: ${NEBULA_TEST_KEY}
                                models: [nano-banana-2]
                            """.formatted(tasks.url("/"))));
            // Jobs run side by side: each call is answered by what it asks for, whatever the order.
            tasks.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if (request.getUrl().encodedPath().endsWith("/api/generate")) {
                        return ok("{\"id\":\"t-1\",\"status\":\"succeeded\",\"results\":[{\"url\":\""
                                + tasks.url("/files/t-1.png") + "\"}]}");
                    }
                    return new MockResponse.Builder()
                            .body(new okio.Buffer().write(GREEN))
                            .build();
                }
            });
            List<String> lines = console(
                    "/model nano-banana-2",
                    "/ratio AUTO",
                    "a fox",
                    "a long banner of foxes --ar 8:1 --size 4k",
                    "/ratio default",
                    "/size auto",
                    "--ar 1:1",
                    "a fox --seed 42",
                    "a fox again");

            assertThat(lines)
                    .contains(
                            "ratio: auto (the model chooses, where it takes auto)",
                            "ratio: default (the branch's ratio, else the first image's shape, else the default)",
                            "error: 'auto' is not a size; use 1K, 2K or 4K, or default",
                            "error: write what to draw beside the options, e.g. a red fox --ar 16:9",
                            "error: "
                                    + dev.redraw.core.text.Messages.forLanguage("en")
                                            .invalidFlag(new dev.redraw.core.text.Flags.Invalid(
                                                    "--seed", dev.redraw.core.text.Flags.Problem.UNKNOWN)),
                            "saved #3 " + dir.resolve("out/3.png"));
            List<JsonNode> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RecordedRequest request = tasks.takeRequest(5, TimeUnit.SECONDS);
                if (request.getUrl().encodedPath().endsWith("/api/generate")) {
                    sent.add(body(request));
                }
            }
            // Seed 004 lists auto among the ratios of the task gateway.
            // The jobs run side by side, so their calls may arrive in any order: each is told by its prompt.
            Map<String, JsonNode> byPrompt = sent.stream()
                    .collect(java.util.stream.Collectors.toMap(
                            b -> b.path("prompt").asText(), b -> b));
            assertThat(byPrompt).containsOnlyKeys("a fox", "a long banner of foxes", "a fox again");
            assertThat(byPrompt.get("a fox").path("aspectRatio").asText()).isEqualTo("auto");
            assertThat(byPrompt.get("a long banner of foxes")
                            .path("aspectRatio")
                            .asText())
                    .isEqualTo("8:1");
            assertThat(byPrompt.get("a long banner of foxes").path("imageSize").asText())
                    .isEqualTo("4K");
            assertThat(byPrompt.get("a fox again").path("aspectRatio").asText()).isEqualTo("1:1");
            assertThat(byPrompt.get("a fox again").has("imageSize"))
                    .as("--size held for one request")
                    .isFalse();
        }
    }

    @Test
    void theKeyIsSentAsABearerTokenOnly() throws Exception {
        gateway.enqueue(image(RED));
        console("a red fox");

        RecordedRequest request = take();
        assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.getUrl().toString()).doesNotContain(KEY);
        assertThat(request.getBody().utf8()).doesNotContain(KEY);
    }

    @Test
    void aLineTooLongToBeAPromptIsIgnoredWithOneLineAndTheConsoleKeepsGoing() throws Exception {
        gateway.enqueue(image(GREEN));

        List<String> lines = console("x".repeat(ConsoleMode.MAX_LINE_CHARS + 1) + "\r", "a green fox\r");

        assertThat(lines)
                .contains(
                        "error: a line of more than 65,536 characters was ignored",
                        "saved #1 " + dir.resolve("out/1.png"));
        assertThat(gateway.getRequestCount()).isEqualTo(1);
        assertThat(body(take()).toString())
                .contains("a green fox")
                .doesNotContain("xxxx")
                .doesNotContain("\\r");
    }

    private List<String> console(String... input) throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        var stdin = new ByteArrayInputStream((String.join("\n", input) + "\n").getBytes(StandardCharsets.UTF_8));
        int status = new Launcher(
                        Map.of("NEBULA_TEST_KEY", KEY),
                        stdin,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8))
                .run("console", "--config", config.toString());
        assertThat(status).as("exit status; stderr: %s", err).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain(KEY);
        return new ArrayList<>(out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    private RecordedRequest take() throws InterruptedException {
        RecordedRequest request = gateway.takeRequest(5, TimeUnit.SECONDS);
        assertThat(request).as("a request reached the gateway").isNotNull();
        return request;
    }

    private JsonNode body(RecordedRequest request) throws Exception {
        return json.readTree(request.getBody().utf8());
    }

    /** A field of one part of one turn of a {@code contents} request. */
    private static String part(JsonNode body, int turn, int part, String field) {
        return body.path("contents")
                .get(turn)
                .path("parts")
                .get(part)
                .path(field)
                .asText();
    }

    private static String dataUri(byte[] png) {
        return ContentsGateway.dataUri("image/png", png);
    }
}
