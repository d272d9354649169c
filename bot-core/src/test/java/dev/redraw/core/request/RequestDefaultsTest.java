package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.image.IntakePolicy;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UnusedDefault;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.testing.CoreHarness;
import dev.redraw.core.testing.TestImages;
import java.awt.Color;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How a user's stored defaults go into their new requests, through the real Generate and storage. */
class RequestDefaultsTest {

    private static final Origin ALICE = new Origin("telegram", "100", "42");
    /** A 3:2 photo. */
    private static final byte[] LANDSCAPE = TestImages.png(96, 64, Color.RED);

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private CoreHarness core;
    private SettingsStore store;
    private Generate generate;

    @BeforeEach
    void open() {
        core = new CoreHarness(gateway);
        store = core.services.settings();
        var services = core.services;
        generate = new Generate(
                services.desk(),
                services.generation(),
                new ImageIntake(IntakePolicy.defaults()),
                services.images(),
                store,
                Bulkheads.forThisMachine());
    }

    @AfterEach
    void close() {
        core.close();
    }

    /** Stores defaults as an earlier configuration may have let them be stored: unchecked. */
    private void stored(UserSettings settings) {
        store.saveUser(ALICE.platform(), ALICE.userId(), settings);
    }

    /** Each request comes in a message of its own. */
    private final java.util.concurrent.atomic.AtomicLong messages = new java.util.concurrent.atomic.AtomicLong(7);

    private Generate.Result.Accepted accepted(Generate.Options options, byte[]... photos) throws Exception {
        List<ImageFetcher> images = java.util.Arrays.stream(photos)
                .<ImageFetcher>map(bytes -> new GenerateTest.Counting("photo.png", bytes))
                .toList();
        var result = generate.submit(new Generate.Request(
                ALICE,
                "make it night",
                OptionalLong.empty(),
                options,
                Optional.of(Long.toString(messages.getAndIncrement())),
                images));
        assertThat(result).isInstanceOf(Generate.Result.Accepted.class);
        return (Generate.Result.Accepted) result;
    }

    @Test
    void aStoredSizeTheModelDoesNotTakeIsLeftOutAndToldNeverARefusal() throws Exception {
        stored(UserSettings.NONE.withImageSize(Optional.of("4K")).withAspectRatio(Optional.of("16:9")));

        var accepted = accepted(Generate.Options.NONE);

        assertThat(accepted.unusedDefaults()).containsExactly(new UnusedDefault.Size("4K", CoreHarness.MODEL));
        assertThat(accepted.userTurn().imageSize()).isEmpty();
        assertThat(accepted.userTurn().aspectRatio()).hasValue("16:9");
        assertThat(accepted.job().model()).isEqualTo(CoreHarness.MODEL);
    }

    @Test
    void aModelTheOperatorRemovedFallsBackToTheBotsDefaultAndIsTold() throws Exception {
        stored(UserSettings.NONE.withModel(Optional.of("removed-model")).withAspectRatio(Optional.of("21:9")));

        var accepted = accepted(Generate.Options.NONE);

        assertThat(accepted.job().model()).isEqualTo(CoreHarness.MODEL);
        assertThat(accepted.unusedDefaults())
                .containsExactly(new UnusedDefault.Model("removed-model", CoreHarness.MODEL));
        assertThat(accepted.userTurn().aspectRatio()).hasValue("21:9");
    }

    @Test
    void theModelARequestNamesDecidesWhichDefaultsApply() throws Exception {
        stored(UserSettings.NONE
                .withModel(Optional.of(CoreHarness.SIZED_MODEL))
                .withImageSize(Optional.of("2K"))
                .withAspectRatio(Optional.of("16:9")));

        var withDefaults = accepted(Generate.Options.NONE);
        var named = accepted(
                new Generate.Options(Optional.of(CoreHarness.FEW_RATIOS_MODEL), Optional.empty(), Optional.empty()));

        assertThat(withDefaults.unusedDefaults()).isEmpty();
        assertThat(withDefaults.userTurn().imageSize()).hasValue("2K");
        assertThat(withDefaults.userTurn().aspectRatio()).hasValue("16:9");
        assertThat(named.job().model()).isEqualTo(CoreHarness.FEW_RATIOS_MODEL);
        assertThat(named.unusedDefaults())
                .containsExactly(
                        new UnusedDefault.Ratio("16:9", CoreHarness.FEW_RATIOS_MODEL),
                        new UnusedDefault.Size("2K", CoreHarness.FEW_RATIOS_MODEL));
        assertThat(named.userTurn().imageSize()).isEmpty();
    }

    @Test
    void aDefaultRatioDoesNotReshapeAPhotoEditButARatioTheRequestNamesDoes() throws Exception {
        stored(UserSettings.NONE.withAspectRatio(Optional.of("16:9")));

        var edit = accepted(Generate.Options.NONE, LANDSCAPE);
        var fusion = accepted(Generate.Options.NONE, LANDSCAPE, TestImages.png(32, 32, Color.BLUE));
        var named = accepted(new Generate.Options(Optional.empty(), Optional.of("9:16"), Optional.empty()), LANDSCAPE);
        var drawing = accepted(Generate.Options.NONE);

        assertThat(edit.userTurn().aspectRatio()).hasValue("3:2");
        assertThat(fusion.userTurn().aspectRatio()).hasValue("3:2");
        assertThat(edit.unusedDefaults()).isEmpty();
        assertThat(named.userTurn().aspectRatio()).hasValue("9:16");
        assertThat(drawing.userTurn().aspectRatio()).hasValue("16:9");
    }
}
