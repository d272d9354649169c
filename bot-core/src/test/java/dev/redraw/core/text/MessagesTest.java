package dev.redraw.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.generation.Cause;
import dev.redraw.core.generation.FinishReason;
import dev.redraw.core.generation.Outcome;
import dev.redraw.core.image.ImageFormat;
import dev.redraw.core.image.ImageNote;
import dev.redraw.core.image.ImageProblem;
import dev.redraw.core.job.DeliveryState;
import dev.redraw.core.job.Job;
import dev.redraw.core.job.JobRunner;
import dev.redraw.core.job.JobStatus;
import dev.redraw.core.job.JobStore;
import dev.redraw.core.job.OutcomeDetails;
import dev.redraw.core.job.OutcomeKind;
import dev.redraw.core.job.QueueState;
import dev.redraw.core.quota.Quotas;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.request.CancelChoice;
import dev.redraw.core.request.ResultPost;
import dev.redraw.core.request.UsageReport;
import dev.redraw.core.settings.SettingProblem;
import dev.redraw.core.settings.UnusedDefault;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {

    private static final Messages EN = Messages.ENGLISH;
    private static final Messages ZH = Messages.CHINESE;
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    @ParameterizedTest(name = "{0} -> Chinese")
    @ValueSource(strings = {"zh", "zh-hans", "zh-CN", "zh-cn", "zh-SG", "zh_CN", "ZH-HANT", "zh-tw", "zh-hk", " zh "})
    void chineseLanguageCodesGetChinese(String code) {
        assertThat(Messages.forLanguage(code)).isSameAs(ZH);
    }

    @ParameterizedTest(name = "{0} -> English")
    @NullAndEmptySource
    @ValueSource(strings = {"en", "en-US", "ru", "de", "z", "zhx", "ja", "ko", "yue"})
    void everyOtherLanguageCodeGetsEnglish(String code) {
        assertThat(Messages.forLanguage(code)).isSameAs(EN);
    }

    static Stream<Arguments> languagesAndSamples() {
        return Stream.of(
                Arguments.of("English", EN, true),
                Arguments.of("English", EN, false),
                Arguments.of("Chinese", ZH, true),
                Arguments.of("Chinese", ZH, false));
    }

    /** Every message, called with sample arguments; with present optionals and true, then empty and false. */
    @ParameterizedTest(name = "{0}, optionals present: {2}")
    @MethodSource("languagesAndSamples")
    void everyMessageIsWrittenInItsLanguage(String language, Messages messages, boolean present) throws Exception {
        List<Method> methods = messageMethods();
        assertThat(methods).hasSizeGreaterThan(45);
        for (Method method : methods) {
            Object[] arguments = Arrays.stream(method.getParameterTypes())
                    .map(type -> sample(type, present))
                    .toArray();
            for (String text : texts(method.invoke(messages, arguments))) {
                assertThat(text).as(method.getName()).isNotBlank();
                if (messages == ZH) {
                    assertThat(hasHan(text))
                            .as("%s is Chinese: %s", method.getName(), text)
                            .isTrue();
                } else {
                    assertThat(hasHan(text))
                            .as("%s is English: %s", method.getName(), text)
                            .isFalse();
                }
            }
        }
    }

    /** One of every kind of refusal. */
    private static final List<Refusal> REFUSALS = List.of(
            new Refusal.NotAllowed(Refusal.NotAllowed.Reason.DENIED),
            new Refusal.NotAllowed(Refusal.NotAllowed.Reason.USER_NOT_LISTED),
            new Refusal.NotAllowed(Refusal.NotAllowed.Reason.CHAT_NOT_ENABLED),
            new Refusal.NotAllowed(Refusal.NotAllowed.Reason.SERVER_NOT_ENABLED),
            new Refusal.SwitchedOff(),
            new Refusal.QuotaUsed(3, 0, 3, Duration.ofHours(24), NOW.plus(Duration.ofMinutes(130)), NOW),
            new Refusal.QuotaPending(2, 1, 3, Duration.ofDays(7)),
            new Refusal.GlobalQuotaUsed(100, NOW.plus(Duration.ofMinutes(5)), NOW),
            new Refusal.Restarting(),
            new Refusal.ImageGone(),
            new Refusal.BusyForgetting(),
            new Refusal.UnknownModel("flux-x", List.of("m1", "m2")),
            new Refusal.EmptyInstruction(),
            new Refusal.PromptTooLong("m1", 5000, 4000),
            new Refusal.TakesNoImages("dall-e-3", List.of()),
            new Refusal.TooManyImages("m1", 6, 5),
            new Refusal.TooManyImages("qwen-image-edit", 2, 1),
            new Refusal.ImageTooLarge("m1", 9_000_000, 7 * 1024 * 1024),
            new Refusal.UnsupportedRatio("m1", "7:3", List.of("1:1", "16:9", "9:16")),
            new Refusal.NoSizeChoice("m1"),
            new Refusal.UnsupportedSize("m1", "8K", List.of("1K", "2K", "4K")),
            new Refusal.UnsuitablePixels("m1", "4000x1008", new Refusal.PixelProblem.EdgeTooLong(3840)),
            new Refusal.UnsuitablePixels("m1", "1000x1000", new Refusal.PixelProblem.NotMultipleOf(16)),
            new Refusal.UnsuitablePixels("m1", "3840x1024", new Refusal.PixelProblem.TooStretched(3)),
            new Refusal.UnsuitablePixels("m1", "512x512", new Refusal.PixelProblem.PixelCount(655360, 8294400)),
            new Refusal.UnsuitableMask("gpt-image-1", Refusal.MaskProblem.NO_IMAGE),
            new Refusal.UnsuitableMask("gpt-image-1", Refusal.MaskProblem.NOT_PNG),
            new Refusal.UnsuitableMask("gpt-image-1", Refusal.MaskProblem.OTHER_SIZE),
            new Refusal.UnsuitableMask("gpt-image-1", Refusal.MaskProblem.TOO_LARGE),
            new Refusal.TakesNoImages("flux", List.of("gpt-image-1", "nano-banana")),
            new Refusal.UnsupportedQuality("gpt-image-1", "ultra", List.of("high", "medium", "low", "auto")),
            new Refusal.UnsupportedQuality("flux", "high", List.of()),
            new Refusal.TakesNoMask("flux"),
            new Refusal.NeedsPublicUrl("flux-x"),
            new Refusal.NeedsInputImage("flux-x"),
            new Refusal.QuotaTooFewLeft(4, 3, 10, Duration.ofHours(24)),
            new Refusal.ChooseVariation(4),
            new Refusal.ImageExpired(NOW),
            new Refusal.NotAllowed(Refusal.NotAllowed.Reason.BANNED),
            new Refusal.Paused(NOW));

    @Test
    void everyRefusalIsSaidInEveryLanguageWithItsFacts() {
        var kinds = Arrays.stream(Refusal.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(REFUSALS.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(kinds);
        for (Refusal refusal : REFUSALS) {
            assertThat(hasHan(EN.refusal(refusal))).as("English: %s", refusal).isFalse();
            assertChinese(
                    ZH.refusal(refusal),
                    List.of(
                            "flux-x",
                            "m1",
                            "m2",
                            "dall-e-3",
                            "qwen-image-edit",
                            "flux",
                            "gpt-image-1",
                            "nano-banana",
                            "ultra",
                            "high",
                            "medium",
                            "low",
                            "auto",
                            "server.public-url"));
        }
        int last = REFUSALS.indexOf(new Refusal.TakesNoMask("flux"));
        assertThat(EN.reason(REFUSALS.get(last - 3)))
                .isEqualTo("flux only makes images from text, so it cannot edit an image or continue from one."
                        + " Models that can: gpt-image-1, nano-banana.");
        assertThat(ZH.reason(REFUSALS.get(last - 3))).contains("flux", "gpt-image-1, nano-banana");
        assertThat(EN.reason(REFUSALS.get(last - 2)))
                .isEqualTo("gpt-image-1 takes the quality high, medium, low or auto, not ultra.");
        assertThat(EN.reason(REFUSALS.get(last - 1))).isEqualTo("flux has no quality choice; leave the quality out.");
        assertThat(EN.reason(REFUSALS.get(5)))
                .isEqualTo("You made 3 images in the last 24 h, which is your limit. The next one frees up at"
                        + " 2025-03-01 14:10 UTC (in 2 h 10 min).");
        assertThat(ZH.reason(REFUSALS.get(5))).contains("3", "24 小时", "2 小时 10 分钟后");
        assertThat(EN.reason(REFUSALS.get(18)))
                .isEqualTo("'7:3' is not an aspect ratio m1 takes; it takes 1:1, 16:9 or 9:16.");
        assertThat(ZH.reason(REFUSALS.get(18))).isEqualTo("“7:3”不是 m1 支持的画面比例；它支持 1:1、16:9 或 9:16。");
        assertThat(EN.reason(REFUSALS.get(17))).isEqualTo("An image is 8.6 MB; m1 takes at most 7 MB per image.");
    }

    /** One of every kind of intake problem. */
    private static final List<ImageProblem> PROBLEMS = List.of(
            new ImageProblem.NotAnImage(),
            new ImageProblem.Corrupt(),
            new ImageProblem.UnsupportedJpeg(),
            new ImageProblem.NoReader(ImageFormat.WEBP),
            new ImageProblem.TooManyPixels(7072, 7071, 50_000_000),
            new ImageProblem.TooLarge(13_002_342, 7L * 1024 * 1024),
            new ImageProblem.TooLargeToDownload(25L * 1024 * 1024, 20L * 1024 * 1024),
            new ImageProblem.DownloadFailed());

    private static final List<ImageNote> NOTES = List.of(
            new ImageNote.FirstFrameOnly(ImageFormat.GIF),
            new ImageNote.Shrunk(false, 13_002_342, 7L * 1024 * 1024, 3000, 2000, ImageFormat.JPEG, 6_396_314));

    @Test
    void everyIntakeProblemAndNoteIsSaidInEveryLanguageWithItsFacts() {
        var kinds = Arrays.stream(ImageProblem.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(PROBLEMS.stream().map(Object::getClass).collect(Collectors.toSet()))
                .isEqualTo(kinds);
        for (ImageProblem problem : PROBLEMS) {
            assertThat(hasHan(EN.imageProblem(problem)))
                    .as("English: %s", problem)
                    .isFalse();
            assertChinese(ZH.imageProblem(problem), List.of());
            assertChinese(ZH.imageRejected(2, 3, "cat.png", problem), List.of("cat.png"));
            assertChinese(ZH.imageRejected(1, 1, "", problem), List.of());
        }
        // The image's size rounds up and the limit down, so the two never print as equal.
        assertThat(EN.imageProblem(PROBLEMS.get(4)))
                .isEqualTo("The image is 7072\u00d77071 (50.1 megapixels); the limit is 50 megapixels.");
        assertThat(ZH.imageProblem(PROBLEMS.get(4))).contains("7072\u00d77071", "50.1 百万像素", "50 百万像素");
        assertThat(EN.imageProblem(PROBLEMS.get(5)))
                .isEqualTo("The image is 12.4 MB, over the 7 MB limit, and could not be made small enough to fit.");
        assertThat(EN.imageProblem(PROBLEMS.get(3))).isEqualTo("WEBP images cannot be read here: send a PNG or JPEG.");
        assertThat(EN.imageNote(NOTES.get(1)))
                .isEqualTo("Your image was 12.4 MB, over the 7 MB limit, so it was re-encoded to 3000\u00d72000 JPEG"
                        + " (6.1 MB).");
        assertThat(EN.imageAdjusted(NOTES))
                .isEqualTo("ℹ️ Only the first frame of the animated GIF is used. " + EN.imageNote(NOTES.get(1)));
        assertThat(ZH.imageNote(NOTES.get(0))).contains("GIF", "第一帧");
    }

    @Test
    void anImageOfSeveralIsNamedByItsPlaceAndFileName() {
        var notAnImage = new ImageProblem.NotAnImage();

        assertThat(EN.imageRejected(1, 1, "", notAnImage))
                .isEqualTo("⚠️ This file is not an image: send a PNG, JPEG, WEBP or GIF.");
        assertThat(EN.imageRejected(2, 3, "", notAnImage)).startsWith("⚠️ Image 2 of 3: This file is not an image");
        assertThat(EN.imageRejected(2, 3, "notes.txt", notAnImage))
                .startsWith("⚠️ Image 2 of 3 (notes.txt): This file is not an image")
                .contains("Nothing was saved");
        assertThat(ZH.imageRejected(2, 3, "notes.txt", notAnImage)).contains("第 2 张", "共 3 张", "notes.txt", "这个文件不是图片");
        assertThat(EN.imageRejected(1, 1, "big.png", PROBLEMS.get(6))).contains("25 MB", "20 MB");
        assertThat(EN.imageRejected(1, 2, "", new ImageProblem.DownloadFailed()))
                .startsWith("⚠️ Image 1 of 2: The image could not be downloaded from the chat platform")
                .doesNotContain("bot's side");
        assertThat(ZH.imageRejected(1, 1, "", new ImageProblem.DownloadFailed()))
                .contains("无法从聊天平台下载");
    }

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({"7340032, 7 MB", "13002342, 12.4 MB", "61440, 60 KB", "1536, 1.5 KB", "100, 100 bytes"})
    void formatsByteSizesInBinaryUnitsWithOneDecimalAtMost(long bytes, String expected) {
        assertThat(EN.bytes(bytes, java.math.RoundingMode.HALF_UP)).isEqualTo(expected);
    }

    @Test
    void sizeJustOverTheLimitDoesNotPrintAsTheLimit() {
        assertThat(EN.bytes(7L * 1024 * 1024 + 1, java.math.RoundingMode.CEILING))
                .isEqualTo("7.1 MB");
    }

    @ParameterizedTest(name = "{0} pixels -> {1}")
    @CsvSource({"400000000, 400 megapixels", "2073600, 2.1 megapixels", "5000, 5000 pixels"})
    void formatsPixelCounts(long pixels, String expected) {
        assertThat(EN.pixels(pixels, java.math.RoundingMode.HALF_UP)).isEqualTo(expected);
    }

    /** Every message: the public methods that make texts. */
    /** One of every kind of refused setting. */
    private static final List<SettingProblem> SETTING_PROBLEMS = List.of(
            new SettingProblem.UnknownModel("evil-model", List.of("m1", "m2")),
            new SettingProblem.UnsupportedRatio("m1", "7:3", List.of("1:1", "16:9")),
            new SettingProblem.NoSizeChoice("m1"),
            new SettingProblem.UnsupportedSize("m1", "8K", List.of("1K", "2K", "4K")),
            new SettingProblem.Malformed());

    /** One of every kind of default left out. */
    private static final List<UnusedDefault> UNUSED_DEFAULTS = List.of(
            new UnusedDefault.Model("gone-model", "m1"),
            new UnusedDefault.Ratio("21:9", "m1"),
            new UnusedDefault.Size("4K", "m1"));

    @Test
    void everyRefusedSettingAndLeftOutDefaultIsSaidInEveryLanguageWithItsFacts() {
        List<String> names = List.of("evil-model", "gone-model", "m1", "m2", "1K", "2K", "4K", "8K");
        for (SettingProblem problem : SETTING_PROBLEMS) {
            assertThat(hasHan(EN.settingRefused(problem)))
                    .as("English: %s", problem)
                    .isFalse();
            assertChinese(ZH.settingRefused(problem), names);
        }
        for (UnusedDefault unused : UNUSED_DEFAULTS) {
            assertThat(hasHan(EN.unusedDefault(unused)))
                    .as("English: %s", unused)
                    .isFalse();
            assertChinese(ZH.unusedDefault(unused), names);
        }
        assertThat(EN.settingRefused(SETTING_PROBLEMS.getFirst())).contains("evil-model", "m1 or m2");
        assertThat(EN.settingRefused(SETTING_PROBLEMS.get(3))).contains("1K, 2K or 4K", "8K");
        assertThat(EN.unusedDefault(UNUSED_DEFAULTS.get(2)))
                .isEqualTo("ℹ️ Your default size 4K does not apply to m1, so it is left out.");
        assertThat(EN.menuNotYours(Optional.of("Alice"))).contains("Alice", "/settings");
        assertChinese(ZH.menuNotYours(Optional.of("Alice")), List.of("Alice"));
        assertChinese(ZH.menuNotYours(Optional.empty()), List.of());
    }

    private static List<Method> messageMethods() {
        return Arrays.stream(Messages.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .filter(method -> !Modifier.isStatic(method.getModifiers()))
                .filter(method -> !method.getName().equals("menuLanguageCode"))
                .filter(method -> method.getReturnType() != AdminTexts.class)
                .filter(method -> method.getReturnType() != Messages.TreePageTexts.class)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void everyTextOfTheTreePageIsWrittenInItsLanguage(String language, Messages messages) throws Exception {
        var page = messages.treePage();
        List<Method> methods = Arrays.stream(Messages.TreePageTexts.class.getDeclaredMethods())
                .filter(method -> Modifier.isPublic(method.getModifiers()))
                .filter(method -> !method.getName().equals("language"))
                .toList();
        assertThat(methods).hasSizeGreaterThan(8);
        for (Method method : methods) {
            Object[] arguments = Arrays.stream(method.getParameterTypes())
                    .map(type -> sample(type, true))
                    .toArray();
            String text = (String) method.invoke(page, arguments);
            assertThat(text).as(method.getName()).isNotBlank();
            assertThat(hasHan(text)).as("%s: %s", method.getName(), text).isEqualTo(messages == ZH);
        }
        assertThat(page.language()).isEqualTo(messages == ZH ? "zh" : "en");
    }

    private static Object sample(Class<?> type, boolean present) {
        if (type == String.class) {
            return "redraw_bot";
        }
        if (type == Instant.class) {
            return NOW;
        }
        if (type == java.net.URI.class) {
            return java.net.URI.create("https://bot.example.com/t/abc");
        }
        if (type == int.class) {
            return 3;
        }
        if (type == long.class) {
            return 42L;
        }
        if (type == boolean.class) {
            return present;
        }
        if (type == Optional.class) {
            return present ? Optional.of("16:9") : Optional.empty();
        }
        if (type == OutcomeKind.class) {
            return present ? OutcomeKind.REFUSED : OutcomeKind.INTERRUPTED;
        }
        if (type == OutcomeDetails.class) {
            return present ? OutcomeDetails.of(new Outcome.Failed(false, "HTTP 500")) : OutcomeDetails.NONE;
        }
        if (type == Job.class) {
            return present
                    ? job(OutcomeKind.REJECTED, Optional.empty(), Optional.of(OutcomeDetails.NONE))
                    : job(OutcomeKind.FAILED, Optional.of("The image service failed."), Optional.empty());
        }
        if (type == JobRunner.CancelResult.class) {
            return present ? JobRunner.CancelResult.NOT_YOURS : JobRunner.CancelResult.CANCELLING;
        }
        if (type == QueueState.class) {
            return present ? new QueueState.Waiting(2) : new QueueState.StartsNow();
        }
        if (type == CancelChoice.class) {
            return new CancelChoice(12, present ? "a lighthouse at dusk" : "");
        }
        if (type == TypedNumber.Invalid.class) {
            return new TypedNumber.Invalid(
                    present ? TypedNumber.Kind.JOB : TypedNumber.Kind.IMAGE,
                    present ? TypedNumber.Problem.TOO_BIG : TypedNumber.Problem.NOT_A_NUMBER,
                    "99");
        }
        if (type == ResultPost.NumberedButton.class) {
            return new ResultPost.NumberedButton(
                    present ? 1 : 4,
                    new ResultPost.Button(
                            present ? ResultPost.Button.Action.REROLL : ResultPost.Button.Action.ORIGINAL, 42));
        }
        if (type == dev.redraw.core.request.Gallery.Shared.class) {
            return present
                    ? new dev.redraw.core.request.Gallery.Shared.Posted("-100", "5")
                    : new dev.redraw.core.request.Gallery.Shared.Failed();
        }
        if (type == dev.redraw.core.request.Gallery.Managed.class) {
            return present
                    ? new dev.redraw.core.request.Gallery.Managed.GallerySet("-100")
                    : new dev.redraw.core.request.Gallery.Managed.RemixSet(true, Optional.of("admins"));
        }
        if (type == dev.redraw.core.request.Gallery.Overview.class) {
            return new dev.redraw.core.request.Gallery.Overview(
                    present ? Optional.of("@gallery") : Optional.empty(),
                    present,
                    new dev.redraw.core.settings.CommunityRules(
                            present ? Optional.of("admins") : Optional.empty(), present));
        }
        if (type == dev.redraw.core.request.GalleryPost.class) {
            return new dev.redraw.core.request.GalleryPost(
                    "-100",
                    42,
                    List.of(new ResultPost.Image(
                            42,
                            new dev.redraw.core.conversation.ImageRef("0".repeat(64), "image/png", 8, 8, 100),
                            sha -> Optional.empty())),
                    present ? "a lighthouse at dusk" : "",
                    "gemini-2.5-flash-image",
                    new ResultPost.Author("1", present ? Optional.of("@alice") : Optional.empty()),
                    Optional.of("en"),
                    Optional.empty());
        }
        if (type == Flags.Invalid.class) {
            return new Flags.Invalid("--qux", present ? Flags.Problem.UNKNOWN : Flags.Problem.REPEATED);
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[present ? 0 : constants.length - 1];
        }
        if (type == UsageReport.class) {
            return present ? adminReport() : userReport();
        }
        if (type == Refusal.class) {
            return REFUSALS.get(present ? 5 : 16);
        }
        if (type == ImageProblem.class) {
            return PROBLEMS.get(present ? 4 : 0);
        }
        if (type == ImageNote.class) {
            return NOTES.get(present ? 1 : 0);
        }
        if (type == List.class) {
            return present ? NOTES : List.of(NOTES.getFirst());
        }
        if (type == SettingProblem.class) {
            return SETTING_PROBLEMS.get(present ? 0 : SETTING_PROBLEMS.size() - 1);
        }
        if (type == UnusedDefault.class) {
            return UNUSED_DEFAULTS.get(present ? 0 : UNUSED_DEFAULTS.size() - 1);
        }
        throw new AssertionError("no sample for " + type);
    }

    private static Collection<String> texts(Object result) {
        if (result instanceof Map<?, ?> map) {
            return texts(List.copyOf(map.values()));
        }
        if (result instanceof Collection<?> values) {
            List<String> texts = new ArrayList<>();
            values.forEach(value -> texts.add((String) value));
            return texts;
        }
        return List.of((String) result);
    }

    private static boolean hasHan(String text) {
        return text.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void everyOutcomeKindHasItsOwnMessage(String language, Messages messages) {
        Set<String> seen = new HashSet<>();
        for (OutcomeKind kind : OutcomeKind.values()) {
            String text = messages.outcome(kind, OutcomeDetails.NONE, Optional.empty());
            assertThat(text).as(kind.name()).isNotBlank();
            assertThat(seen.add(text))
                    .as("%s repeats another kind's message: %s", kind, text)
                    .isTrue();
        }
    }

    static Stream<Arguments> languages() {
        return Stream.of(Arguments.of("English", EN), Arguments.of("Chinese", ZH));
    }

    /** The upstream's own words, which may be quoted as they came. */
    private static final String UPSTREAM = "Invalid parameter: Unsupported aspect ratio 7:3 (HTTP 400)";

    /** One outcome of every kind and case, with the names (model ids, codes) it may quote. */
    static Stream<Arguments> outcomes() {
        return Stream.of(
                Arguments.of(OutcomeKind.IMAGES, OutcomeDetails.NONE, List.of()),
                Arguments.of(OutcomeKind.REFUSED, OutcomeDetails.of(new Outcome.Refused("IMAGE_SAFETY")), List.of()),
                Arguments.of(
                        OutcomeKind.REFUSED,
                        OutcomeDetails.of(new Outcome.Refused(
                                Cause.of(Cause.Kind.FINISH_REASON, "IMAGE_SAFETY"), "I can't draw real people.")),
                        List.of("IMAGE_SAFETY")),
                Arguments.of(
                        OutcomeKind.REJECTED,
                        OutcomeDetails.of(new Outcome.Rejected(
                                Outcome.Rejected.Change.SMALLER, Cause.of(Cause.Kind.HTTP_STATUS, 413), null)),
                        List.of()),
                Arguments.of(
                        OutcomeKind.REJECTED,
                        OutcomeDetails.of(new Outcome.Rejected(Outcome.Rejected.Change.SMALLER, UPSTREAM)),
                        List.of()),
                Arguments.of(
                        OutcomeKind.REJECTED,
                        OutcomeDetails.of(new Outcome.Rejected(Outcome.Rejected.Change.SIZE_OR_RATIO, UPSTREAM)),
                        List.of()),
                Arguments.of(
                        OutcomeKind.REJECTED,
                        OutcomeDetails.of(new Outcome.Rejected(Outcome.Rejected.Change.MODEL, UPSTREAM)),
                        List.of()),
                Arguments.of(
                        OutcomeKind.REJECTED,
                        OutcomeDetails.of(new Outcome.Rejected(Outcome.Rejected.Change.PROMPT_OR_IMAGES, UPSTREAM)),
                        List.of()),
                Arguments.of(
                        OutcomeKind.UNAUTHORIZED,
                        OutcomeDetails.of(new Outcome.Unauthorized("Incorrect API key provided")),
                        List.of()),
                Arguments.of(
                        OutcomeKind.RATE_LIMITED,
                        OutcomeDetails.of(new Outcome.RateLimited(Optional.of(Duration.ofMillis(17_500)), "slow")),
                        List.of()),
                Arguments.of(
                        OutcomeKind.RATE_LIMITED,
                        OutcomeDetails.of(new Outcome.RateLimited(Optional.empty(), "Too Many Requests")),
                        List.of()),
                Arguments.of(
                        OutcomeKind.QUOTA_EXHAUSTED,
                        OutcomeDetails.of(new Outcome.QuotaExhausted("insufficient balance")),
                        List.of()),
                Arguments.of(OutcomeKind.FAILED, OutcomeDetails.of(new Outcome.Failed(true, UPSTREAM)), List.of()),
                Arguments.of(OutcomeKind.FAILED, OutcomeDetails.of(new Outcome.Failed(false, UPSTREAM)), List.of()),
                Arguments.of(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(new Outcome.Failed(true, Cause.of(Cause.Kind.TIMEOUT, 120))),
                        List.of()),
                Arguments.of(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(new Outcome.Failed(
                                false, Cause.of(Cause.Kind.UNKNOWN_TASK_STATUS, "exploded"), "engine on fire")),
                        List.of("exploded")),
                Arguments.of(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(new Outcome.Failed(false, Cause.of(Cause.Kind.PROVIDER_GONE, "relay-eu"))),
                        List.of("relay-eu")),
                Arguments.of(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(new Outcome.ModelGone("gemini-2.5-flash-image")),
                        List.of("gemini-2.5-flash-image")),
                Arguments.of(OutcomeKind.FAILED, OutcomeDetails.internalError(), List.of()),
                Arguments.of(OutcomeKind.CANCELLED, OutcomeDetails.NONE, List.of()),
                Arguments.of(OutcomeKind.INTERRUPTED, OutcomeDetails.NONE, List.of()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("outcomes")
    void everyOutcomeIsSaidInEnglishAndInChineseWithoutAnEnglishSentenceOfOurs(
            OutcomeKind kind, OutcomeDetails details, List<String> names) {
        String english = EN.outcome(kind, details, Optional.empty());
        String chinese = ZH.outcome(kind, details, Optional.empty());

        assertThat(hasHan(english)).as(english).isFalse();
        assertThat(english).isNotBlank();
        List<String> quoted = new ArrayList<>(names);
        for (String name : names) {
            assertThat(english).contains(name);
            assertThat(chinese).contains(name);
        }
        // The upstream's words are quoted as theirs, in both languages; nothing else is English.
        if (details.detail().isPresent()
                && EnumSet.of(OutcomeKind.REFUSED, OutcomeKind.REJECTED, OutcomeKind.FAILED)
                        .contains(kind)) {
            String detail = details.detail().get();
            assertThat(english).endsWith("The image service said: “" + detail + "”");
            assertThat(chinese).endsWith("图像服务的原话：“" + detail + "”");
            quoted.add(detail);
        }
        assertChinese(chinese, quoted);
    }

    /** Names a Chinese text may spell in Latin letters: units, formats, protocols and platforms. */
    private static final Set<String> NAMES =
            Set.of("HTTP", "JSON", "MB", "KB", "UTC", "PNG", "JPEG", "WEBP", "GIF", "Telegram");

    /**
     * The English of ours in a Chinese text: every word of two or more Latin letters, once the
     * {@code quoted} names and words (model ids, provider names, upstream codes, the upstream's
     * own words) and the {@link #NAMES} are left out. A Chinese user reads no English sentence,
     * nor even an English word, of the bot's when it is empty.
     */
    static List<String> englishOf(String text, Collection<String> quoted) {
        String ours = text;
        for (String name : quoted.stream()
                .sorted(java.util.Comparator.comparingInt(String::length).reversed())
                .toList()) {
            ours = ours.replace(name, " ");
        }
        // Commands and options are names the user types: /cancel, --ar.
        ours = ours.replaceAll("(?<![\\w/-])(/|--)[a-z_]+", " ");
        return englishWords(ours).stream().filter(word -> !NAMES.contains(word)).toList();
    }

    /** {@code text} is Chinese, with no English of ours besides the {@code quoted} names. */
    static void assertChinese(String text, Collection<String> quoted) {
        assertThat(hasHan(text)).as("Chinese: %s", text).isTrue();
        assertThat(englishOf(text, quoted)).as("English in: %s", text).isEmpty();
    }

    @Test
    void aModelThatNeedsLinksNamesTheKeyTheOperatorMustSet() {
        var refusal = new Refusal.NeedsPublicUrl("flux-kontext-pro");

        assertThat(EN.refusal(refusal)).contains("flux-kontext-pro", "server.public-url", "operator");
        assertThat(ZH.refusal(refusal)).contains("flux-kontext-pro", "server.public-url", "管理员");
        assertThat(EN.refusal(new Refusal.NeedsInputImage("flux-kontext-dev")))
                .contains("flux-kontext-dev", "send an image");
    }

    @Test
    void theEnglishCheckFindsEnglishBetweenChineseAndLetsNamesBe() {
        assertThat(englishOf("图像服务 no answer within 120 s", List.of())).contains("no", "answer", "within");
        assertThat(englishOf("图像服务返回了 HTTP 状态码 502（relay-eu）", List.of("relay-eu")))
                .isEmpty();
        assertThat(englishOf("请用 /cancel 取消，或写 --ar 16:9", List.of())).isEmpty();
        assertThat(englishOf("请 try again/later", List.of())).contains("try", "again", "later");
    }

    /** One cause of every kind, with the names it quotes: each finish reason, waits in seconds and in minutes. */
    static Stream<Arguments> causes() {
        List<Arguments> causes = new ArrayList<>();
        for (Cause.Kind kind : Cause.Kind.values()) {
            switch (kind) {
                case TIMEOUT, TASK_TIMEOUT -> {
                    causes.add(Arguments.of(Cause.of(kind, 120), List.of()));
                    causes.add(Arguments.of(Cause.of(kind, 45), List.of()));
                }
                case HTTP_STATUS, DOWNLOAD_HTTP_STATUS -> causes.add(Arguments.of(Cause.of(kind, 502), List.of()));
                case DOWNLOAD_TOO_LARGE -> causes.add(Arguments.of(Cause.of(kind, 64L * 1024 * 1024), List.of()));
                case UNKNOWN_TASK_STATUS -> causes.add(Arguments.of(Cause.of(kind, "exploded"), List.of("exploded")));
                case ALL_PROVIDERS_FAILING ->
                    causes.add(
                            Arguments.of(Cause.of(kind, "gemini-2.5-flash-image"), List.of("gemini-2.5-flash-image")));
                case PROVIDER_GONE, CANNOT_RESUME ->
                    causes.add(Arguments.of(Cause.of(kind, "relay-eu"), List.of("relay-eu")));
                case FINISH_REASON -> {
                    causes.add(Arguments.of(Cause.of(kind), List.of()));
                    for (FinishReason reason : FinishReason.values()) {
                        causes.add(Arguments.of(Cause.of(kind, reason.name()), List.of(reason.name())));
                    }
                    causes.add(Arguments.of(Cause.of(kind, "OTHER"), List.of("OTHER")));
                }
                case PROMPT_BLOCKED ->
                    causes.add(Arguments.of(Cause.of(kind, "PROHIBITED_CONTENT"), List.of("PROHIBITED_CONTENT")));
                default -> causes.add(Arguments.of(Cause.of(kind), List.of()));
            }
        }
        return causes.stream();
    }

    /** Every cause, with every outcome kind it can come with, in each case with and without a try again. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("causes")
    void everyCauseIsSaidInChineseWithoutEnglishAndInEnglishWithoutChinese(Cause cause, List<String> names) {
        List<OutcomeDetails> all = List.of(
                OutcomeDetails.of(new Outcome.Failed(true, cause)),
                OutcomeDetails.of(new Outcome.Failed(false, cause)),
                OutcomeDetails.of(new Outcome.Refused(cause, null)),
                OutcomeDetails.of(new Outcome.Rejected(Outcome.Rejected.Change.MODEL, cause, null)));
        for (OutcomeDetails details : all) {
            for (OutcomeKind kind : List.of(OutcomeKind.FAILED, OutcomeKind.REFUSED, OutcomeKind.REJECTED)) {
                String english = EN.outcome(kind, details, Optional.empty());
                String chinese = ZH.outcome(kind, details, Optional.empty());

                assertThat(hasHan(english)).as(english).isFalse();
                assertThat(english).contains("\n\nReason: ").endsWith(".");
                assertThat(chinese).contains("\n\n原因：").endsWith("。");
                assertChinese(chinese, names);
                for (String name : names) {
                    assertThat(english).contains(name);
                    assertThat(chinese).contains(name);
                }
            }
        }
    }

    @Test
    void everyCauseSaysSomethingOfItsOwn() {
        Set<String> english = new HashSet<>();
        Set<String> chinese = new HashSet<>();
        List<Cause> causes =
                causes().map(arguments -> (Cause) arguments.get()[0]).toList();
        for (Cause cause : causes) {
            OutcomeDetails details = OutcomeDetails.of(new Outcome.Failed(true, cause));
            english.add(EN.outcome(OutcomeKind.FAILED, details, Optional.empty()));
            chinese.add(ZH.outcome(OutcomeKind.FAILED, details, Optional.empty()));
        }
        assertThat(english).hasSize(causes.size());
        assertThat(chinese).hasSize(causes.size());
        assertThat(causes.stream().map(Cause::kind).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Cause.Kind.values());
    }

    @Test
    void causesSayTheirFacts() {
        assertThat(EN.outcome(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(new Outcome.Failed(true, Cause.of(Cause.Kind.TIMEOUT, 120))),
                        Optional.empty()))
                .isEqualTo("❌ The image service failed to make this image. Try again.\n\nReason: the image service did"
                        + " not answer within 2 min.");
        assertThat(ZH.outcome(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(new Outcome.Failed(true, Cause.of(Cause.Kind.TIMEOUT, 45))),
                        Optional.empty()))
                .endsWith("原因：图像服务在 45 秒内没有回应。");
        assertThat(ZH.outcome(
                        OutcomeKind.REFUSED,
                        OutcomeDetails.of(new Outcome.Refused(
                                Cause.of(Cause.Kind.FINISH_REASON, "IMAGE_SAFETY"), "I can't draw real people.")),
                        Optional.empty()))
                .endsWith("原因：图片被安全过滤器拦截（IMAGE_SAFETY）。\n\n图像服务的原话：“I can't draw real people.”");
        assertThat(EN.outcome(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(
                                new Outcome.Failed(false, Cause.of(Cause.Kind.DOWNLOAD_TOO_LARGE, 64L << 20))),
                        Optional.empty()))
                .endsWith("the finished image is larger than 64 MB.");
        // The bot's own waits and its providers are worth another try, even when the upstream did not say so.
        assertThat(EN.outcome(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(new Outcome.Failed(false, Cause.of(Cause.Kind.PROVIDER_GONE, "relay-eu"))),
                        Optional.empty()))
                .startsWith("❌ The image service failed to make this image. Try again.");
        assertThat(EN.outcome(
                        OutcomeKind.FAILED,
                        OutcomeDetails.of(new Outcome.Failed(false, Cause.of(Cause.Kind.NO_IMAGE))),
                        Optional.empty()))
                .startsWith("❌ The image service could not make this image.");
    }

    /**
     * The sentences of its own that the bot stored as a job's detail before causes were data (rows
     * of version 1), as it wrote them, with the names and upstream words in them.
     */
    static Stream<Arguments> legacyDetails() {
        return Stream.of(
                Arguments.of("cancelled", List.of()),
                Arguments.of("the image service's answer was too large", List.of()),
                Arguments.of("no answer within 120 s", List.of()),
                Arguments.of("the image service could not be reached", List.of()),
                Arguments.of("provider relay-eu cannot resume upstream tasks", List.of("relay-eu")),
                Arguments.of("the service returned something that is not an image", List.of()),
                Arguments.of(
                        "every provider of gemini-2.5-flash-image is failing right now; try again in a minute",
                        List.of("gemini-2.5-flash-image")),
                Arguments.of("provider relay-eu is no longer configured", List.of("relay-eu")),
                Arguments.of("the image service answered without an image", List.of()),
                Arguments.of("the image service answered without an image (queue full)", List.of("queue full")),
                Arguments.of("the image service accepted the request but named no task", List.of()),
                Arguments.of("the image service answered with something that is not JSON", List.of()),
                Arguments.of("the image service gave up on the task", List.of()),
                Arguments.of("the image service answered with an unknown task status 'exploded'", List.of("exploded")),
                Arguments.of(
                        "the image service answered with an unknown task status 'exploded' (engine on fire)",
                        List.of("exploded", "engine on fire")),
                Arguments.of("HTTP 502", List.of()),
                Arguments.of("the result URL is not an http(s) URL", List.of()),
                Arguments.of("downloading the result failed with HTTP 404", List.of()),
                Arguments.of("downloading the result failed: SocketTimeoutException", List.of()),
                Arguments.of("the result URL redirects too often", List.of()),
                Arguments.of("the result is larger than 67108864 bytes", List.of()),
                Arguments.of("the result URL points to a private address, which the bot does not fetch", List.of()),
                Arguments.of("the result URL's host could not be resolved", List.of()),
                Arguments.of("the image service sent damaged image data", List.of()),
                Arguments.of(
                        "the request was blocked before any image was made (PROHIBITED_CONTENT)",
                        List.of("PROHIBITED_CONTENT")),
                Arguments.of(
                        "the request was blocked before any image was made (SAFETY): The prompt was blocked",
                        List.of("SAFETY", "The prompt was blocked")),
                Arguments.of("the model sent an empty answer", List.of()),
                Arguments.of("the image was blocked by the safety filter (IMAGE_SAFETY)", List.of("IMAGE_SAFETY")),
                Arguments.of(
                        "the answer would reveal sensitive personal information (SPII); the model said: I can't.",
                        List.of("SPII", "I can't.")),
                Arguments.of("the model made no image (MAX_TOKENS); try rephrasing", List.of("MAX_TOKENS")),
                Arguments.of("the model made no image (no reason given); try rephrasing", List.of()),
                Arguments.of("the image service did not finish within 10 min; try again later", List.of()),
                Arguments.of("the image service did not finish within 45 s; try again later", List.of()),
                Arguments.of("interrupted while waiting for the image service", List.of()),
                Arguments.of(
                        "the image service could not report on the task: task_not_exist", List.of("task_not_exist")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("legacyDetails")
    void aRowStoredWithTheBotsOwnEnglishSentenceIsSaidInChineseWithoutIt(String sentence, List<String> names) {
        OutcomeDetails old = OutcomeDetails.decode("v=1&transient=1&detail="
                + java.net.URLEncoder.encode(sentence, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(old.cause()).as(sentence).isPresent();
        for (OutcomeKind kind : List.of(OutcomeKind.FAILED, OutcomeKind.REFUSED, OutcomeKind.REJECTED)) {
            String chinese = ZH.outcome(kind, old, Optional.empty());
            assertChinese(chinese, names);
            assertThat(chinese).doesNotContain(sentence);
            for (String name : names) {
                assertThat(EN.outcome(kind, old, Optional.empty())).contains(name);
            }
        }
    }

    @Test
    void aRowStoredWithTheUpstreamsWordsKeepsThemQuoted() {
        OutcomeDetails old = OutcomeDetails.decode(
                "v=1&detail=" + java.net.URLEncoder.encode(UPSTREAM, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(old.cause()).isEmpty();
        assertThat(ZH.outcome(OutcomeKind.REJECTED, old, Optional.empty())).endsWith("图像服务的原话：“" + UPSTREAM + "”");
        OutcomeDetails nothingToAdd =
                OutcomeDetails.decode("v=1&detail=the+image+service+refused+the+request+under+its+content+policy");
        assertThat(nothingToAdd.detail()).isEmpty();
        assertThat(nothingToAdd.cause()).isEmpty();
    }

    @Test
    void outcomesSayTheirFacts() {
        var waited = OutcomeDetails.of(new Outcome.RateLimited(Optional.of(Duration.ofMillis(17_500)), "slow"));
        assertThat(EN.outcome(OutcomeKind.RATE_LIMITED, waited, Optional.empty()))
                .contains("in 18 s");
        assertThat(ZH.outcome(OutcomeKind.RATE_LIMITED, waited, Optional.empty()))
                .contains("18 秒后");
        var ratio = OutcomeDetails.of(new Outcome.Rejected(Outcome.Rejected.Change.SIZE_OR_RATIO, UPSTREAM));
        assertThat(EN.outcome(OutcomeKind.REJECTED, ratio, Optional.empty())).contains("Choose another ratio");
        assertThat(ZH.outcome(OutcomeKind.REJECTED, ratio, Optional.empty())).contains("换一个比例");
        var secret = OutcomeDetails.of(new Outcome.Unauthorized("Incorrect API key provided: sk-123"));
        assertThat(EN.outcome(OutcomeKind.UNAUTHORIZED, secret, Optional.empty()))
                .doesNotContain("sk-123")
                .contains("operator");
        var transientFailure = OutcomeDetails.of(new Outcome.Failed(true, "HTTP 503"));
        var lasting = OutcomeDetails.of(new Outcome.Failed(false, "HTTP 503"));
        assertThat(EN.outcome(OutcomeKind.FAILED, transientFailure, Optional.empty()))
                .isNotEqualTo(EN.outcome(OutcomeKind.FAILED, lasting, Optional.empty()));
        assertThat(ZH.outcome(OutcomeKind.FAILED, OutcomeDetails.internalError(), Optional.empty()))
                .isEqualTo("❌ " + ZH.internalError());
    }

    @Test
    void anUnavailableDatabaseAsksForAnotherTryInAMinuteInBothLanguages() {
        assertThat(EN.storageUnavailable()).isEqualTo("I can't save anything right now. Try again in a minute.");
        assertThat(ZH.storageUnavailable()).isEqualTo("我现在无法保存任何内容，请过一分钟再试。");
        assertThat(Messages.forLanguage("zh-CN").storageUnavailable()).isEqualTo(ZH.storageUnavailable());
    }

    @Test
    void chineseFailureMessagesSayWhatToDo() {
        assertThat(ZH.outcome(OutcomeKind.REFUSED, OutcomeDetails.NONE, Optional.empty()))
                .contains("换个说法");
        assertThat(ZH.outcome(OutcomeKind.RATE_LIMITED, OutcomeDetails.NONE, Optional.empty()))
                .contains("一分钟");
        assertThat(ZH.outcome(OutcomeKind.UNAUTHORIZED, OutcomeDetails.NONE, Optional.empty()))
                .contains("运营者");
        assertThat(ZH.outcome(OutcomeKind.QUOTA_EXHAUSTED, OutcomeDetails.NONE, Optional.empty()))
                .contains("稍后");
        assertThat(ZH.outcome(OutcomeKind.INTERRUPTED, OutcomeDetails.NONE, Optional.empty()))
                .contains("重新发送");
        assertThat(EN.outcome(OutcomeKind.REFUSED, OutcomeDetails.NONE, Optional.empty()))
                .contains("Rephrase");
        assertThat(EN.outcome(OutcomeKind.RATE_LIMITED, OutcomeDetails.NONE, Optional.empty()))
                .contains("in a minute");
        assertThat(EN.outcome(OutcomeKind.INTERRUPTED, OutcomeDetails.NONE, Optional.empty()))
                .contains("again");
    }

    @Test
    void imagesOutcomeIsDoneAndTextOnlyOutcomeCarriesTheModelsWords() {
        assertThat(EN.outcome(OutcomeKind.IMAGES, OutcomeDetails.NONE, Optional.of("Here you go")))
                .isEqualTo("✅ Done.");
        assertThat(ZH.outcome(OutcomeKind.TEXT_ONLY, OutcomeDetails.NONE, Optional.of("Which cat do you mean?")))
                .contains("Which cat do you mean?")
                .contains("没有生成图片");
        assertThat(EN.outcome(OutcomeKind.TEXT_ONLY, OutcomeDetails.NONE, Optional.empty()))
                .contains("without any words");
    }

    @Test
    void aJobIsSaidFromItsStoredFacts() {
        var details = OutcomeDetails.of(new Outcome.Refused("IMAGE_SAFETY"));

        assertThat(ZH.outcome(job(OutcomeKind.REFUSED, Optional.empty(), Optional.of(details))))
                .isEqualTo(ZH.outcome(OutcomeKind.REFUSED, details, Optional.empty()))
                .endsWith("图像服务的原话：“IMAGE_SAFETY”");
        assertThat(EN.outcome(job(OutcomeKind.TEXT_ONLY, Optional.of("Which fox?"), Optional.of(OutcomeDetails.NONE))))
                .contains("Which fox?");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(OutcomeKind.class)
    void aJobStoredBeforeOutcomesWereDataShowsItsSentenceInEnglishOnly(OutcomeKind kind) {
        String sentence = "The image service failed (HTTP 502 from upstream). Try again.";
        Job old = job(kind, Optional.of(sentence), Optional.empty());

        assertThat(EN.outcome(old)).isNotBlank();
        String chinese = ZH.outcome(old);
        assertThat(hasHan(chinese)).as(chinese).isTrue();
        if (!kind.succeeded()) {
            assertThat(chinese).doesNotContain(sentence);
        }
        if (!kind.succeeded() && kind != OutcomeKind.CANCELLED && kind != OutcomeKind.INTERRUPTED) {
            assertThat(EN.outcome(old)).endsWith(sentence);
        }
    }

    private static Job job(OutcomeKind kind, Optional<String> message, Optional<OutcomeDetails> details) {
        return new Job(
                7,
                1,
                new Origin("telegram", "100", "77", Optional.empty()),
                Optional.empty(),
                "p1",
                "m1",
                kind.succeeded() ? JobStatus.SUCCEEDED : JobStatus.FAILED,
                1,
                Optional.empty(),
                OptionalInt.empty(),
                Optional.of(kind),
                message,
                details,
                OptionalLong.empty(),
                0,
                DeliveryState.PENDING,
                Optional.empty(),
                Optional.empty(),
                NOW,
                Optional.of(NOW),
                Optional.of(NOW),
                1);
    }

    /** Runs of two or more Latin letters: English words. */
    private static List<String> englishWords(String text) {
        return Pattern.compile("[A-Za-z]{2,}")
                .matcher(text)
                .results()
                .map(MatchResult::group)
                .toList();
    }

    @Test
    void refusalsBeforeQueueingBeginWithTheWarningSign() {
        assertThat(EN.refusal(new Refusal.SwitchedOff())).isEqualTo("⚠️ Making images is switched off for you here.");
        assertThat(ZH.refusal(new Refusal.SwitchedOff())).isEqualTo("⚠️ 请求未被接受：你在这里的生图功能已被关闭。");
    }

    @ParameterizedTest(name = "{0} with job {1}")
    @CsvSource({"CANCELLED, 7", "CANCELLING, 8", "ALREADY_FINISHED, 9", "NOT_YOURS, 10", "NOT_FOUND, 11"})
    void cancelRepliesNameTheJob(JobRunner.CancelResult result, long jobId) {
        assertThat(EN.cancelResult(result, jobId)).contains("#" + jobId);
        assertThat(ZH.cancelResult(result, jobId)).contains("#" + jobId);
        Set<String> all = new HashSet<>();
        for (JobRunner.CancelResult each : JobRunner.CancelResult.values()) {
            all.add(ZH.cancelResult(each, jobId));
        }
        assertThat(all).hasSize(JobRunner.CancelResult.values().length);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Flags.Problem.class)
    void flagProblemsNameTheFlag(Flags.Problem problem) {
        Flags.Invalid invalid = new Flags.Invalid("--qux", problem);

        assertThat(EN.invalidFlag(invalid)).contains("--qux");
        assertThat(ZH.invalidFlag(invalid)).contains("--qux");
        EnumSet<Flags.Problem> others = EnumSet.complementOf(EnumSet.of(problem));
        for (Flags.Problem other : others) {
            assertThat(EN.invalidFlag(invalid)).isNotEqualTo(EN.invalidFlag(new Flags.Invalid("--qux", other)));
        }
    }

    @Test
    void queuePositionIsSaid() {
        assertThat(EN.queued(0)).contains("next");
        assertThat(EN.queued(1)).contains("1 request ahead");
        assertThat(EN.queued(5)).contains("5 requests ahead");
        assertThat(ZH.queued(0)).contains("下一个");
        assertThat(ZH.queued(5)).contains("5 个请求");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void captionsStayWithinTelegramsLimitAndNameTheModel(String language, Messages messages) {
        String prompt = "a lighthouse at dusk ".repeat(100);

        String caption = messages.caption(prompt, "gemini-2.5-flash-image");

        assertThat(caption.length()).isLessThanOrEqualTo(ChatText.CAPTION_LIMIT);
        assertThat(caption).endsWith("gemini-2.5-flash-image").contains(ChatText.ELLIPSIS);
        assertThat(messages.caption("a cat", "m1")).startsWith("a cat").endsWith("m1");
    }

    @Test
    void downloadLimitIsTwentyMegabytesAndALargerFileNeverPrintsAsIt() {
        assertThat(EN.imageRejected(1, 1, "", new ImageProblem.TooLargeToDownload(25_000_000, ChatText.DOWNLOAD_LIMIT)))
                .contains("23.9 MB")
                .contains("20 MB");
        assertThat(ZH.imageRejected(
                        1,
                        1,
                        "",
                        new ImageProblem.TooLargeToDownload(ChatText.DOWNLOAD_LIMIT + 1, ChatText.DOWNLOAD_LIMIT)))
                .contains("20.1 MB");
    }

    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({"20971520, 20 MB", "20971521, 20.1 MB", "24641536, 23.5 MB", "1, 0.1 MB", "0, 0 MB"})
    void megabytesRoundUpToOneDecimal(long bytes, String expected) {
        assertThat(Messages.megabytes(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void commandMenusFollowTelegramsRules(String language, Messages messages) {
        assertThat(messages.commandMenu().keySet())
                .containsExactlyElementsOf(EN.commandMenu().keySet())
                .allMatch(command -> command.matches("[a-z0-9_]{1,32}"));
        assertThat(messages.commandMenu().values()).allMatch(text -> text.length() <= 256);
        assertThat(messages.editPlaceholder().length()).isLessThanOrEqualTo(64);
    }

    @Test
    void menuLanguagesAreTelegramCodes() {
        assertThat(EN.menuLanguageCode()).isEmpty();
        assertThat(ZH.menuLanguageCode()).isEqualTo("zh");
    }

    @Test
    void telegramHelpCoversEveryWayToUseTheBot() {
        for (Messages messages : List.of(EN, ZH)) {
            assertThat(messages.telegramHelp("redraw_bot"))
                    .contains("@redraw_bot", "/imagine", "--ar 16:9", "--model", "--size 2K", "2–10")
                    .contains("/edit", "/settings", "/usage", "/cancel", "/forget", "/remix", "/help")
                    .contains("/gallery", "/autoshare")
                    .contains(messages.rerollButton(), messages.editButton(), messages.originalButton())
                    .doesNotContain("/blend", messages.extra(Messages.Extra.EDIT_IMAGE));
        }
        assertChinese(ZH.telegramHelp("redraw_bot"), List.of("redraw_bot", "off", "on", "admins", "id"));
    }

    @ParameterizedTest(name = "reads messages: {0}")
    @ValueSource(booleans = {true, false})
    void discordHelpNamesTheBotAndItsOwnCommands(boolean readsMessages) {
        for (Messages messages : List.of(EN, ZH)) {
            String help = messages.discordHelp("Redraw", "<@111>", readsMessages, 14);
            assertThat(help).contains(" 14 ").doesNotContain(" 5 ");
            assertThat(help)
                    .startsWith("🎨 Redraw ")
                    .contains("/imagine", "/blend", "/settings", "/usage", "/cancel", "/forget", "/help")
                    .contains(messages.extra(Messages.Extra.EDIT_IMAGE))
                    .contains(messages.rerollButton(), messages.editButton(), messages.originalButton())
                    .doesNotContain("@redraw", "/edit", "/remix", "2–10", "--size 2K");
            if (readsMessages) {
                assertThat(help).contains("<@111> ", "--ar");
            } else {
                assertThat(help).doesNotContain("<@111>", "--ar");
            }
        }
        assertChinese(ZH.discordHelp("Redraw", "<@111>", readsMessages, 14), List.of("Redraw", "<@111>", "id"));
    }

    @Test
    void settingsShowTheModelsDefaultForUnsetValues() {
        assertThat(EN.settingsTitle("m1", Optional.of("16:9"), Optional.empty()))
                .contains("Model: m1", "Aspect ratio: 16:9", "Size: the model's default");
        assertThat(ZH.settingsTitle("m1", Optional.empty(), Optional.of("2K"))).contains("模型：m1", "画面比例：模型默认", "尺寸：2K");
    }

    @Test
    void englishUsageSaysTheReportsFacts() {
        assertThat(EN.usage(userReport()))
                .endsWith(
                        "\n\nYou made 4 images in the last 24 h. Your limit is 50 images, so you can make 46 more now.");
        UsageReport admin = new UsageReport(status(Duration.ofHours(24)), true, List.of(), 7, NOW);
        assertThat(EN.usage(admin))
                .contains("You are an administrator: no limit applies to you. You made 4 images in the last 24 h.")
                .contains("Nobody made images in the last 7 days.");
        assertThat(EN.usage(adminReport()))
                .contains(
                        "in the last 7 days",
                        "in the last 3 days",
                        "2025-02-28 · telegram:77 · chat -100 · m1 · 6 images");
    }

    @ParameterizedTest(name = "admin: {0}")
    @ValueSource(booleans = {true, false})
    void chineseUsageHasNoEnglishWords(boolean admin) {
        String text = ZH.usage(admin ? adminReport() : userReport());

        assertChinese(text, List.of("telegram", "m1"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Text.class)
    void everyTextIsWrittenInEveryLanguageWithTheSameArguments(Text text) {
        String english = text.template(Text.bundle(Locale.ROOT));
        assertThat(english).isNotBlank();
        assertThat(hasHan(english)).as("English: %s", english).isFalse();
        for (String language : Messages.languages()) {
            var bundle = Text.bundle(Locale.of(language));
            assertThat(bundle.getLocale().getLanguage()).isEqualTo(language);
            String translated = text.template(bundle);
            assertThat(translated).isNotBlank();
            assertThat(placeholders(translated)).as("%s %s", language, text).isEqualTo(placeholders(english));
        }
        if (english.replaceAll("\\{\\d}", "").chars().anyMatch(Character::isLetter)) {
            assertThat(hasHan(text.template(Text.bundle(Locale.CHINESE)))).isTrue();
        }
    }

    @Test
    void theBundlesHoldNoKeyThatIsNotAText() throws Exception {
        var keys = java.util.Arrays.stream(Text.values()).map(Text::name).collect(Collectors.toSet());
        assertThat(ownKeys("messages.properties")).isEqualTo(keys);
        for (String language : Messages.languages()) {
            assertThat(ownKeys("messages_" + language + ".properties"))
                    .as(language)
                    .isEqualTo(keys);
        }
        assertThat(Messages.languages()).contains("zh");
    }

    private static Set<String> ownKeys(String file) throws java.io.IOException {
        var properties = new java.util.Properties();
        try (var in = Text.class.getResourceAsStream(file);
                var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties.stringPropertyNames();
    }

    @Test
    void aLanguageWithoutItsOwnFileGetsEnglishAndVariantsFindTheirLanguage() {
        assertThat(Messages.forLanguage("fr")).isSameAs(EN);
        assertThat(Messages.forLanguage("pt-BR")).isSameAs(EN);
        assertThat(Messages.forLanguage("zh-TW")).isSameAs(ZH);
        assertThat(Messages.forLanguage("zh_CN")).isSameAs(ZH);
        assertThat(Messages.forLanguage("../../x")).isSameAs(EN);
        assertThat(ZH.menuLanguageCode()).isEqualTo("zh");
        assertThat(EN.menuLanguageCode()).isEmpty();
    }

    private static Set<String> placeholders(String template) {
        return Pattern.compile("\\{\\d}")
                .matcher(template)
                .results()
                .map(MatchResult::group)
                .collect(Collectors.toSet());
    }

    @Test
    void argumentsAreFilledInAndBracesLeftAlone() {
        assertThat(Text.REFUSAL_TOO_MANY_IMAGES.format(Text.bundle(Locale.ROOT), 12, "m1", 10))
                .isEqualTo("You sent 12 images; m1 takes at most 10 images. Send fewer images.");
        assertThat(Text.REFUSED_BEFORE_QUEUE.format(Text.bundle(Locale.ROOT), "use {0} or {x}"))
                .isEqualTo("⚠️ use {0} or {x}");
    }

    @Test
    void chineseUsageGivesTheUsersQuota() {
        assertThat(ZH.usage(userReport())).contains("过去 24 小时内你生成了 4 张图片", "额度是 50 张图片", "再生成 46 张");
    }

    @Test
    void chineseUsageGivesAdministratorsEveryonesImages() {
        String text = ZH.usage(adminReport());

        assertThat(text).contains("管理员", "过去 7 天内", "生成了 4 张");
        assertThat(text).contains("2025-02-28 · telegram:77 · 聊天 -100 · m1 · 6 张图片");
        assertThat(ZH.usage(new UsageReport(status(Duration.ofMinutes(90)), true, List.of(), 7, NOW)))
                .contains("过去 90 分钟内", "没有人生成图片");
    }

    /** {@code used} images of a 24 h window, in charges of one an hour apart, the oldest 20 h ago. */
    private static UsageReport report(int used, int limit, boolean admin) {
        List<JobStore.Charge> charges = new ArrayList<>();
        for (int i = 0; i < used; i++) {
            charges.add(new JobStore.Charge(NOW.minus(Duration.ofHours(20 - i)), 1));
        }
        return new UsageReport(new Quotas.Status(used, limit, Duration.ofHours(24), charges), admin, List.of(), 7, NOW);
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0 | 3 | You made no images in the last 24 h. Your limit is 3 images, so you can make 3 more now.
            1 | 3 | You made 1 image in the last 24 h. Your limit is 3 images, so you can make 2 more now.
            2 | 3 | You made 2 images in the last 24 h. Your limit is 3 images, so you can make 1 more now.
            0 | 1 | You made no images in the last 24 h. Your limit is 1 image, so you can make 1 more now.
            3 | 3 | You made 3 images in the last 24 h. That is your limit; the next one frees up at 2025-03-01 16:00 UTC (in 4 h 0 min).
            1 | 1 | You made 1 image in the last 24 h. That is your limit; the next one frees up at 2025-03-01 16:00 UTC (in 4 h 0 min).
            5 | 3 | You made 5 images in the last 24 h. That is more than your limit of 3 images: you can make a new one once enough of them have left the last 24 h, at 2025-03-01 18:00 UTC (in 6 h 0 min).
            2 | 1 | You made 2 images in the last 24 h. That is more than your limit of 1 image: you can make a new one once enough of them have left the last 24 h, at 2025-03-01 17:00 UTC (in 5 h 0 min).
            0 | 0 | You made no images in the last 24 h. Making images is switched off for you here.
            2 | 0 | You made 2 images in the last 24 h. Making images is switched off for you here.
            """)
    void usageSaysWhereTheUserStandsInEveryCase(int used, int limit, String expected) {
        assertThat(EN.usage(report(used, limit, false))).isEqualTo("📊 Usage\n\n" + expected);
        assertChinese(ZH.usage(report(used, limit, false)), List.of());
    }

    @Test
    void chineseUsageSaysWhenEnoughHaveFreedUp() {
        assertThat(ZH.usage(report(3, 3, false))).contains("已达到你的额度", "下一张", "2025-03-01 16:00 UTC", "4 小时 0 分钟后");
        assertThat(ZH.usage(report(5, 3, false)))
                .contains("过去 24 小时内你生成了 5 张图片", "超过你 3 张图片的额度", "足够多", "2025-03-01 18:00 UTC")
                .doesNotContain("下一张");
        assertThat(ZH.usage(report(0, 3, false))).contains("还没有生成图片", "再生成 3 张");
    }

    @Test
    void administratorsHaveNoLimitAndCountsAreWordedByNumber() {
        assertThat(EN.usage(report(1, 3, true)))
                .contains("You are an administrator: no limit applies to you. You made 1 image in the last 24 h.")
                .doesNotContain("limit is", "frees up");
        assertThat(EN.usage(report(0, 3, true))).contains("You made no images in the last 24 h.");
        var oneImage = new JobStore.UsageRow("discord", "9", "5", "m1", LocalDate.of(2025, 2, 28), 1, 1);
        assertThat(EN.usage(new UsageReport(report(7, 3, true).own(), true, List.of(oneImage), 7, NOW)))
                .contains("You made 7 images", "2025-02-28 · discord:9 · chat 5 · m1 · 1 image")
                .doesNotContain("1 images", "more than your limit");
    }

    @Test
    void aQuotaRefusalSaysTheNextOneOnlyWhenOneFreeingIsEnough() {
        Instant free = NOW.plus(Duration.ofMinutes(90));
        var day = Duration.ofHours(24);

        assertThat(EN.reason(new Refusal.QuotaUsed(1, 0, 1, day, free, NOW)))
                .isEqualTo("You made 1 image in the last 24 h, which is your limit. The next one frees up at"
                        + " 2025-03-01 13:30 UTC (in 1 h 30 min).");
        assertThat(EN.reason(new Refusal.QuotaUsed(5, 0, 3, day, free, NOW)))
                .isEqualTo("You made 5 images in the last 24 h, more than your limit of 3 images. Enough of them will"
                        + " have left that time for a new one at 2025-03-01 13:30 UTC (in 1 h 30 min).");
        assertThat(EN.reason(new Refusal.QuotaUsed(3, 1, 3, day, free, NOW)))
                .isEqualTo("You made 3 images in the last 24 h, and your requests in progress count as well; your"
                        + " limit is 3 images. Enough will have freed up for a new one at 2025-03-01 13:30 UTC"
                        + " (in 1 h 30 min).");
        for (var refusal : List.of(
                new Refusal.QuotaUsed(5, 0, 3, day, free, NOW), new Refusal.QuotaUsed(3, 1, 3, day, free, NOW))) {
            assertThat(ZH.reason(refusal)).contains("足够", "1 小时 30 分钟后").doesNotContain("下一张");
            assertChinese(ZH.reason(refusal), List.of());
        }
        assertThat(ZH.reason(new Refusal.QuotaUsed(3, 0, 3, day, free, NOW))).contains("下一张");
    }

    private static UsageReport userReport() {
        return new UsageReport(status(Duration.ofHours(24)), false, List.of(), 7, NOW);
    }

    private static UsageReport adminReport() {
        return new UsageReport(
                status(Duration.ofDays(7)),
                true,
                List.of(new JobStore.UsageRow("telegram", "77", "-100", "m1", LocalDate.of(2025, 2, 28), 6, 6)),
                3,
                NOW);
    }

    private static Quotas.Status status(Duration window) {
        List<JobStore.Charge> charges = List.of(
                new JobStore.Charge(NOW.minus(Duration.ofHours(10)), 1),
                new JobStore.Charge(NOW.minus(Duration.ofHours(2)), 3));
        return new Quotas.Status(4, 50, window, charges);
    }
}
