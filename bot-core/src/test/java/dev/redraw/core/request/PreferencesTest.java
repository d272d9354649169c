package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.model.ModelCatalog;
import dev.redraw.core.settings.SettingProblem;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UnusedDefault;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.testing.CoreHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    private static final Origin IN_GROUP = new Origin("telegram", "-100", "1");
    private static final Origin IN_SERVER = new Origin("discord", "channel-1", "7", Optional.of("guild-9"));

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    private CoreHarness core;
    private SettingsStore store;
    private final AtomicInteger saves = new AtomicInteger();
    private final AtomicInteger reads = new AtomicInteger();
    private Preferences preferences;

    @BeforeEach
    void open() {
        core = new CoreHarness(gateway);
        store = core.services.settings();
        preferences = new Preferences(counting(store), core.services.generation());
    }

    @AfterEach
    void close() {
        core.close();
    }

    /** The store, counting the users it saves. */
    private SettingsStore counting(SettingsStore real) {
        return (SettingsStore) Proxy.newProxyInstance(
                SettingsStore.class.getClassLoader(), new Class<?>[] {SettingsStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("saveUser") || method.getName().equals("saveName")) {
                        saves.incrementAndGet();
                    }
                    if (method.getName().equals("user")) {
                        reads.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aNameIsStoredWhenItChangesAndCutWhenLong() {
        preferences.named("telegram", "5", "@alice");
        preferences.named("telegram", "5", "@alice");
        preferences.named("telegram", "5", "  ");
        assertThat(saves).hasValue(1);
        assertThat(store.name("telegram", "5")).contains("@alice");

        preferences.named("telegram", "5", "Alice");
        assertThat(saves).hasValue(2);
        assertThat(store.name("telegram", "5")).contains("Alice");

        // Another process (a restart) stores only what differs from the database.
        new Preferences(counting(store), core.services.generation()).named("telegram", "5", "Alice");
        assertThat(saves).hasValue(2);

        preferences.named("telegram", "6", "🎨".repeat(300));
        String cut = store.name("telegram", "6").orElseThrow();
        assertThat(cut.length()).isLessThanOrEqualTo(Preferences.MAX_NAME_CHARS);
        assertThat(cut).isEqualTo("🎨".repeat(cut.length() / 2));
    }

    /** The defaults after changes that must be saved. */
    private Preferences.Shown saved(Preferences.Changed changed) {
        assertThat(changed).isInstanceOf(Preferences.Changed.Saved.class);
        return ((Preferences.Changed.Saved) changed).shown();
    }

    /** Why changes were refused, once checked that nothing was saved. */
    private SettingProblem refused(String user, List<Preferences.Change> changes) {
        UserSettings before = store.user("telegram", user);
        saves.set(0);
        Preferences.Changed changed = preferences.change("telegram", user, changes);
        assertThat(changed).isInstanceOf(Preferences.Changed.Refused.class);
        assertThat(saves).as("saved").hasValue(0);
        assertThat(store.user("telegram", user)).isEqualTo(before);
        return ((Preferences.Changed.Refused) changed).problem();
    }

    private SettingProblem refused(String user, Preferences.Change change) {
        return refused(user, List.of(change));
    }

    private static Preferences.Change model(String model) {
        return new Preferences.Change.Model(Optional.of(model));
    }

    private static Preferences.Change ratio(String ratio) {
        return new Preferences.Change.AspectRatio(Optional.of(ratio));
    }

    private static Preferences.Change size(String size) {
        return new Preferences.Change.ImageSize(Optional.of(size));
    }

    @Test
    void aNewUserSeesTheBotsDefaultModelAndTheModelsDefaults() {
        assertThat(preferences.of("telegram", "1"))
                .isEqualTo(
                        new Preferences.Shown(CoreHarness.MODEL, Optional.empty(), Optional.empty(), false, List.of()));
        assertThat(preferences.models())
                .containsExactly(CoreHarness.MODEL, CoreHarness.SIZED_MODEL, CoreHarness.FEW_RATIOS_MODEL);
    }

    @Test
    void changesApplyInOrderAreStoredAndAnEmptyValueGoesBackToTheDefault() {
        var shown = saved(preferences.change(
                "telegram",
                "1",
                List.of(
                        ratio("16:9"),
                        new Preferences.Change.Model(Optional.of(CoreHarness.SIZED_MODEL)),
                        size("2k"),
                        new Preferences.Change.PrivateResults(true),
                        ratio(" 9 : 16 "))));

        assertThat(shown)
                .isEqualTo(new Preferences.Shown(
                        CoreHarness.SIZED_MODEL, Optional.of("9:16"), Optional.of("2K"), true, List.of()));
        assertThat(preferences.of("telegram", "1")).isEqualTo(shown);
        assertThat(preferences.privateResults("telegram", "1")).isTrue();
        assertThat(preferences.of("discord", "1").aspectRatio()).isEmpty();

        var reset = saved(preferences.change("telegram", "1", new Preferences.Change.AspectRatio(Optional.empty())));
        assertThat(reset.aspectRatio()).isEmpty();
        assertThat(reset.imageSize()).hasValue("2K");
        assertThat(store.user("telegram", "1").aspectRatio()).isEmpty();
    }

    @Test
    void aForgedModelIsRefusedNamingTheModelsAndNothingIsSaved() {
        assertThat(refused("1", model("evil-model")))
                .isEqualTo(new SettingProblem.UnknownModel("evil-model", preferences.models()));
        // Known to the catalog, but not configured in this bot.
        assertThat(refused("1", model("nano-banana-pro"))).isInstanceOf(SettingProblem.UnknownModel.class);
        assertThat(preferences.of("telegram", "1").model()).isEqualTo(CoreHarness.MODEL);
    }

    @Test
    void valuesNoMenuOffersAreRefusedWithoutBeingRepeated() {
        String huge = "x".repeat(5_000);
        for (Preferences.Change change : List.of(
                model(huge),
                ratio(huge),
                size(huge),
                model(" "),
                ratio(""),
                model(CoreHarness.MODEL + "\n"),
                size("2K\u202e"))) {
            assertThat(refused("1", change)).as("%s", change).isEqualTo(new SettingProblem.Malformed());
        }
    }

    @Test
    void aSizeOrRatioIsCheckedAgainstTheModelItWouldApplyTo() {
        assertThat(refused("1", size("2K"))).isEqualTo(new SettingProblem.NoSizeChoice(CoreHarness.MODEL));
        assertThat(refused("1", ratio("7:3")))
                .isEqualTo(
                        new SettingProblem.UnsupportedRatio(CoreHarness.MODEL, "7:3", ModelCatalog.NANO_BANANA_RATIOS));
        assertThat(refused("1", List.of(model(CoreHarness.SIZED_MODEL), size("8K"))))
                .isEqualTo(
                        new SettingProblem.UnsupportedSize(CoreHarness.SIZED_MODEL, "8K", List.of("1K", "2K", "4K")));
        assertThat(refused("1", List.of(model(CoreHarness.FEW_RATIOS_MODEL), ratio("16:9"))))
                .isInstanceOf(SettingProblem.UnsupportedRatio.class);

        assertThat(saved(preferences.change(
                                "telegram", "2", List.of(model(CoreHarness.FEW_RATIOS_MODEL), ratio("3:2"))))
                        .aspectRatio())
                .hasValue("3:2");
    }

    @Test
    void oneRefusedChangeSavesNoneOfTheOthers() {
        assertThat(refused(
                        "1",
                        List.of(
                                model(CoreHarness.SIZED_MODEL),
                                new Preferences.Change.PrivateResults(true),
                                size("16K"))))
                .isInstanceOf(SettingProblem.UnsupportedSize.class);

        assertThat(store.user("telegram", "1")).isEqualTo(UserSettings.NONE);
    }

    @Test
    void aDefaultTheNewModelDoesNotTakeIsKeptButShownAsLeftOut() {
        saved(preferences.change("telegram", "1", List.of(model(CoreHarness.SIZED_MODEL), size("4K"), ratio("16:9"))));

        var shown = saved(preferences.change("telegram", "1", model(CoreHarness.FEW_RATIOS_MODEL)));

        assertThat(shown.aspectRatio()).isEmpty();
        assertThat(shown.imageSize()).isEmpty();
        assertThat(shown.unused())
                .containsExactly(
                        new UnusedDefault.Ratio("16:9", CoreHarness.FEW_RATIOS_MODEL),
                        new UnusedDefault.Size("4K", CoreHarness.FEW_RATIOS_MODEL));
        var back = saved(preferences.change("telegram", "1", model(CoreHarness.SIZED_MODEL)));
        assertThat(back.imageSize()).hasValue("4K");
        assertThat(back.unused()).isEmpty();
    }

    @Test
    void aModelTheOperatorRemovedIsShownAsTheBotsDefaultWithANote() {
        store.saveUser("telegram", "1", UserSettings.NONE.withModel(Optional.of("removed-model")));

        var shown = preferences.of("telegram", "1");

        assertThat(shown.model()).isEqualTo(CoreHarness.MODEL);
        assertThat(shown.unused()).containsExactly(new UnusedDefault.Model("removed-model", CoreHarness.MODEL));
        // A ratio is checked against the model the user's requests really go to.
        assertThat(refused("1", ratio("7:3")))
                .isEqualTo(
                        new SettingProblem.UnsupportedRatio(CoreHarness.MODEL, "7:3", ModelCatalog.NANO_BANANA_RATIOS));
    }

    @Test
    void theChoicesAreEveryRatioTheModelTakesAutoIncluded() {
        assertThat(preferences.choices(CoreHarness.MODEL))
                .isEqualTo(new Preferences.Choices(
                        ModelCatalog.NANO_BANANA_RATIOS, List.of(), List.of(), List.of(1, 2, 3, 4)));
        assertThat(preferences.choices(CoreHarness.SIZED_MODEL).sizes()).containsExactly("1K", "2K", "4K");
        assertThat(preferences.choices(CoreHarness.FEW_RATIOS_MODEL))
                .isEqualTo(new Preferences.Choices(
                        List.of("auto", "1:1", "3:2", "2:3"), List.of(), List.of(), List.of(1, 2, 3, 4)));
        // Seed 004: nano-banana-2 adds the long ratios to the task list.
        assertThat(preferences.choices("nano-banana-2").ratios())
                .hasSize(15)
                .contains("auto", "21:9", "1:4", "4:1", "1:8", "8:1");
        // Seed 004: gpt-image-2-vip's presets, each pixel size once, in the order of its ratios.
        Preferences.Choices vip = preferences.choices("gpt-image-2-vip");
        assertThat(vip.pixels()).startsWith("1024x1024", "2048x2048", "2880x2880", "1280x720");
        assertThat(vip.pixels()).contains("688x2048", "3840x1280").doesNotHaveDuplicates();
    }

    @Test
    void autoIsARatioOfItsOwnWhereTheModelTakesIt() {
        assertThat(saved(preferences.change("telegram", "1", model(CoreHarness.FEW_RATIOS_MODEL)))
                        .aspectRatio())
                .isEmpty();
        assertThat(saved(preferences.change("telegram", "1", ratio("AUTO"))).aspectRatio())
                .contains("auto");
        assertThat(saved(preferences.change("telegram", "1", new Preferences.Change.AspectRatio(Optional.empty())))
                        .aspectRatio())
                .isEmpty();
        // Nano Banana on the contents gateways has no auto.
        assertThat(refused("2", ratio("auto")))
                .isEqualTo(new SettingProblem.UnsupportedRatio(
                        CoreHarness.MODEL, "auto", ModelCatalog.NANO_BANANA_RATIOS));
    }

    @Test
    void onlyTheUserAMenuWasMadeForChangesAnythingWithIt() {
        saves.set(0);

        assertThat(preferences.pressMenu("telegram", "2", Optional.of("1"), ratio("16:9")))
                .isEqualTo(new Preferences.Changed.NotYours());
        assertThat(preferences.pressMenu("telegram", "2", Optional.empty(), ratio("16:9")))
                .isEqualTo(new Preferences.Changed.NotYours());
        assertThat(saves).hasValue(0);

        assertThat(saved(preferences.pressMenu("telegram", "1", Optional.of("1"), ratio("16:9")))
                        .aspectRatio())
                .hasValue("16:9");
        assertThat(store.user("telegram", "2")).isEqualTo(UserSettings.NONE);
    }

    @Test
    void aLanguageThatIsNoLanguageTagIsNotRemembered() {
        for (String language : List.of("x".repeat(5_000), "en\nzh", "<script>", "e", "zh-hans-cn-extra-tags")) {
            preferences.speaks("telegram", "1", language);
        }

        assertThat(saves).hasValue(0);
        preferences.speaks("telegram", "1", "pt_BR");
        assertThat(preferences.language("telegram", "1")).hasValue("pt_BR");
    }

    @Test
    void aChangeThatChangesNothingIsNotWritten() {
        preferences.change("telegram", "1", new Preferences.Change.AspectRatio(Optional.of("1:1")));
        saves.set(0);

        preferences.change("telegram", "1", new Preferences.Change.AspectRatio(Optional.of("1:1")));
        preferences.change("telegram", "1", List.of());

        assertThat(saves).hasValue(0);
    }

    @Test
    void theLanguageIsRememberedWhenItChangesAndKeepsTheOtherSettings() {
        preferences.change("discord", "7", new Preferences.Change.PrivateResults(true));
        saves.set(0);

        preferences.speaks("discord", "7", "zh-CN");
        preferences.speaks("discord", "7", "zh-CN");
        preferences.speaks("discord", "7", " ");
        preferences.speaks("discord", "7", null);

        assertThat(saves).hasValue(1);
        assertThat(preferences.language("discord", "7")).hasValue("zh-CN");
        assertThat(store.user("discord", "7"))
                .isEqualTo(UserSettings.NONE.withPrivateResults(true).withLanguage(Optional.of("zh-CN")));
        preferences.speaks("discord", "7", "en-US");
        assertThat(preferences.language("discord", "7")).hasValue("en-US");
        assertThat(preferences.language("telegram", "7")).isEmpty();
    }

    @Test
    void aLanguageAlreadyKnownIsNotReadAgainUntilTheUsersSettingsAreSaved() {
        preferences.speaks("telegram", "3", "zh-CN");
        int firstReads = reads.get();
        preferences.speaks("telegram", "3", "zh-CN");
        preferences.speaks("telegram", "3", "zh-CN");
        assertThat(reads).hasValue(firstReads);
        assertThat(saves).hasValue(1);

        // A save of other settings writes back the language it read: the next message looks again.
        preferences.change("telegram", "3", new Preferences.Change.PrivateResults(true));
        store.saveUser("telegram", "3", store.user("telegram", "3").withLanguage(Optional.of("en")));
        reads.set(0);
        preferences.speaks("telegram", "3", "zh-CN");

        assertThat(reads).hasValue(1);
        assertThat(store.user("telegram", "3"))
                .isEqualTo(UserSettings.NONE.withPrivateResults(true).withLanguage(Optional.of("zh-CN")));
    }

    @Test
    void aLanguageStoredElsewhereIsPutRightOnceTheRememberedOneHasAged() {
        var forgetful = new Preferences(counting(store), core.services.generation(), java.time.Duration.ZERO);
        forgetful.speaks("discord", "8", "en");
        // Another instance stored another language meanwhile.
        store.saveUser("discord", "8", store.user("discord", "8").withLanguage(Optional.of("zh-CN")));

        forgetful.speaks("discord", "8", "en");

        assertThat(store.user("discord", "8").language()).hasValue("en");
        assertThat(Preferences.LANGUAGE_KEPT).isPositive().isLessThanOrEqualTo(java.time.Duration.ofMinutes(5));
    }

    @Test
    void theNumberOfImagesPerRequestIsSavedAndOneGoesBackToTheDefault() {
        assertThat(preferences.choices(CoreHarness.MODEL).counts()).containsExactly(1, 2, 3, 4);

        var saved = preferences.change("telegram", "1", new Preferences.Change.Variations(OptionalInt.of(3)));

        assertThat(saved)
                .isInstanceOfSatisfying(
                        Preferences.Changed.Saved.class,
                        done -> assertThat(done.shown().variations()).isEqualTo(3));
        assertThat(store.user("telegram", "1").variations()).hasValue(3);
        preferences.change("telegram", "1", new Preferences.Change.Variations(OptionalInt.of(1)));
        assertThat(store.user("telegram", "1").variations()).isEmpty();
        assertThat(preferences.of("telegram", "1").variations()).isEqualTo(1);
    }

    @Test
    void aNumberOfImagesNoMenuOffersIsRefusedAndNothingIsSaved() {
        preferences.change("telegram", "1", new Preferences.Change.Variations(OptionalInt.of(2)));
        int before = saves.get();

        for (OptionalInt forged :
                List.of(OptionalInt.of(0), OptionalInt.of(5), OptionalInt.of(-1), OptionalInt.empty())) {
            assertThat(preferences.change(
                            "telegram",
                            "1",
                            List.of(
                                    new Preferences.Change.Model(Optional.of(CoreHarness.SIZED_MODEL)),
                                    new Preferences.Change.Variations(forged))))
                    .isInstanceOfSatisfying(
                            Preferences.Changed.Refused.class,
                            refused -> assertThat(refused.problem()).isEqualTo(new SettingProblem.Malformed()));
        }
        assertThat(saves.get()).isEqualTo(before);
        assertThat(store.user("telegram", "1").variations()).hasValue(2);
        assertThat(store.user("telegram", "1").model()).isEmpty();
    }
}
