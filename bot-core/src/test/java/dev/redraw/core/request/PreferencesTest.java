package dev.redraw.core.request;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.testing.CoreHarness;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
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
                    if (method.getName().equals("saveUser")) {
                        saves.incrementAndGet();
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aNewUserSeesTheBotsFirstModelAndTheModelsDefaults() {
        assertThat(preferences.of("telegram", "1"))
                .isEqualTo(new Preferences.Shown(CoreHarness.MODEL, Optional.empty(), Optional.empty(), false));
        assertThat(preferences.models()).containsExactly(CoreHarness.MODEL);
    }

    @Test
    void changesApplyInOrderAreStoredAndAnEmptyValueGoesBackToTheDefault() {
        var shown = preferences.change(
                "telegram",
                "1",
                List.of(
                        new Preferences.Change.AspectRatio(Optional.of("16:9")),
                        new Preferences.Change.ImageSize(Optional.of("2K")),
                        new Preferences.Change.Model(Optional.of("nano-banana-pro")),
                        new Preferences.Change.PrivateResults(true),
                        new Preferences.Change.AspectRatio(Optional.of("9:16"))));

        assertThat(shown)
                .isEqualTo(new Preferences.Shown("nano-banana-pro", Optional.of("9:16"), Optional.of("2K"), true));
        assertThat(preferences.of("telegram", "1")).isEqualTo(shown);
        assertThat(preferences.privateResults("telegram", "1")).isTrue();
        assertThat(preferences.of("discord", "1").aspectRatio()).isEmpty();

        var reset = preferences.change("telegram", "1", new Preferences.Change.AspectRatio(Optional.empty()));
        assertThat(reset.aspectRatio()).isEmpty();
        assertThat(reset.imageSize()).hasValue("2K");
        assertThat(store.user("telegram", "1").aspectRatio()).isEmpty();
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
    void onlyAnAdministratorSwitchesRemixingOfTheirChat() {
        assertThat(preferences.switchRemix(IN_GROUP, Preferences.ChatRole.MEMBER, false))
                .isEqualTo(new Preferences.RemixSwitch.NotAdmin());
        assertThat(preferences.remixAllowed(IN_GROUP)).isTrue();

        assertThat(preferences.switchRemix(IN_GROUP, Preferences.ChatRole.ADMIN, false))
                .isEqualTo(new Preferences.RemixSwitch.Switched(false));
        assertThat(store.remixAllowed("telegram", "-100")).isFalse();
        assertThat(preferences.remixAllowed(new Origin("telegram", "-100", "2")))
                .isFalse();
        assertThat(store.remixAllowed("telegram", "-200")).isTrue();

        assertThat(preferences.switchRemix(IN_GROUP, Preferences.ChatRole.ADMIN, true))
                .isEqualTo(new Preferences.RemixSwitch.Switched(true));
        assertThat(store.remixAllowed("telegram", "-100")).isTrue();
    }

    @Test
    void aPrivateChatHasNoRemixSwitch() {
        var alone = new Origin("telegram", "1", "1");

        assertThat(preferences.switchRemix(alone, Preferences.ChatRole.PRIVATE_CHAT, false))
                .isEqualTo(new Preferences.RemixSwitch.PrivateChat());
        assertThat(store.remixAllowed("telegram", "1")).isTrue();
    }

    @Test
    void onDiscordTheSwitchIsTheServersForEveryChannel() {
        preferences.switchRemix(IN_SERVER, Preferences.ChatRole.ADMIN, false);

        assertThat(store.remixAllowed("discord", "guild-9")).isFalse();
        assertThat(store.remixAllowed("discord", "channel-1")).isTrue();
        assertThat(preferences.remixAllowed(new Origin("discord", "channel-2", "8", Optional.of("guild-9"))))
                .isFalse();
    }
}
