package dev.redraw.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.settings.UserSettings;
import java.time.Clock;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class JdbcSettingsStoreTest extends DatabaseTest {

    JdbcSettingsStoreTest(TestDatabase.Engine engine) {
        super(engine);
    }

    private final JdbcSettingsStore store = new JdbcSettingsStore(database.dataSource(), Clock.systemUTC());

    @Test
    void userDefaultsAreSavedAndReplaced() {
        assertThat(store.user("telegram", "1")).isEqualTo(UserSettings.NONE);

        store.saveUser("telegram", "1", UserSettings.NONE.withAspectRatio(Optional.of("16:9")));
        store.saveUser("telegram", "1", store.user("telegram", "1").withModel(Optional.of("nano-banana-2")));

        assertThat(store.user("telegram", "1"))
                .isEqualTo(new UserSettings(
                        Optional.of("nano-banana-2"), Optional.of("16:9"), Optional.empty(), Optional.empty(), false));
        store.saveUser("telegram", "1", store.user("telegram", "1").withPrivateResults(true));
        assertThat(store.user("telegram", "1").privateResults()).isTrue();
        assertThat(store.user("discord", "1")).isEqualTo(UserSettings.NONE);
        store.saveUser("telegram", "1", store.user("telegram", "1").withVariations(OptionalInt.of(4)));
        assertThat(store.user("telegram", "1").variations()).hasValue(4);
        store.saveUser("telegram", "1", store.user("telegram", "1").withVariations(OptionalInt.empty()));
        assertThat(store.user("telegram", "1").variations()).isEmpty();
    }

    @Test
    void aNoteIsToldOncePerUserUntilTheirModelRatioOrSizeChange() {
        assertThat(store.firstTold("telegram", "1", "size:4K@m")).isTrue();
        assertThat(store.firstTold("telegram", "1", "size:4K@m")).isFalse();
        assertThat(store.firstTold("telegram", "1", "ratio:8:1@m")).isTrue();
        assertThat(store.firstTold("telegram", "2", "size:4K@m"))
                .as("another user")
                .isTrue();
        assertThat(store.firstTold("discord", "1", "size:4K@m"))
                .as("another platform")
                .isTrue();

        // A language the client reports, or a switch, is no change of what the notes are about.
        store.saveUser("telegram", "1", UserSettings.NONE.withLanguage(java.util.Optional.of("en-GB")));
        store.saveUser("telegram", "1", store.user("telegram", "1").withPrivateResults(true));
        assertThat(store.firstTold("telegram", "1", "size:4K@m")).isFalse();

        store.saveUser("telegram", "1", store.user("telegram", "1").withImageSize(java.util.Optional.of("2K")));

        assertThat(store.firstTold("telegram", "1", "size:4K@m")).isTrue();
        assertThat(store.firstTold("telegram", "2", "size:4K@m")).isFalse();
    }

    @Test
    void remixingIsAllowedUntilTurnedOff() {
        assertThat(store.remixAllowed("telegram", "-100")).isTrue();
        store.setRemixAllowed("telegram", "-100", false);
        assertThat(store.remixAllowed("telegram", "-100")).isFalse();
        store.setRemixAllowed("telegram", "-100", true);
        assertThat(store.remixAllowed("telegram", "-100")).isTrue();
    }

    @Test
    void anUpdateIsHandledOnlyOnce() {
        assertThat(store.handledBefore("telegram", "42")).isFalse();
        assertThat(store.firstDelivery("telegram", "42")).isTrue();
        assertThat(store.handledBefore("telegram", "42")).isTrue();
        assertThat(store.firstDelivery("telegram", "42")).isFalse();
        assertThat(store.firstDelivery("discord", "42")).isTrue();
    }

    @Test
    void aUsersFirstSettingsSavedByManyAtOnceAreSavedWithoutAnError() throws Exception {
        for (int user = 0; user < 20; user++) {
            String id = "race-" + user;
            var start = new java.util.concurrent.CountDownLatch(1);
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var saves = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (String language : java.util.List.of("en", "zh", "de", "fr")) {
                    saves.add(threads.submit(() -> {
                        start.await();
                        store.saveUser("telegram", id, UserSettings.NONE.withLanguage(Optional.of(language)));
                        return null;
                    }));
                }
                start.countDown();
                for (var save : saves) {
                    save.get();
                }
            }
            assertThat(store.user("telegram", id).language()).isPresent();
        }
    }

    @Test
    void aLaneIsHeldByOneHolderUntilItIsGivenUpOrItsLeaseRunsOut() throws Exception {
        store.keepReceived("telegram", 7, "{}", "chat:1", null);
        store.keepReceived("telegram", 8, "{}", "chat:1", "album-1");
        store.keepReceived("telegram", 9, "{}", "chat:2", null);
        store.keepReceived("telegram", 7, "{\"again\":true}", "chat:1", null);

        assertThat(store.received("telegram", "chat:1"))
                .extracting(dev.redraw.core.settings.ReceivedUpdate::updateId)
                .containsExactly(7L, 8L);
        assertThat(store.received("telegram", "chat:1").get(1).album()).contains("album-1");
        assertThat(store.waitingLanes("telegram", "a")).containsExactlyInAnyOrder("chat:1", "chat:2");

        java.time.Duration lease = java.time.Duration.ofMinutes(1);
        assertThat(store.holdLane("telegram", "chat:1", "a", lease)).isTrue();
        assertThat(store.holdLane("telegram", "chat:1", "b", lease)).isFalse();
        assertThat(store.renewLane("telegram", "chat:1", "a", lease)).isTrue();
        assertThat(store.renewLane("telegram", "chat:1", "b", lease)).isFalse();
        assertThat(store.waitingLanes("telegram", "b")).containsExactly("chat:2");
        assertThat(store.waitingLanes("telegram", "a")).containsExactlyInAnyOrder("chat:1", "chat:2");

        store.releaseLane("telegram", "chat:1", "b");
        assertThat(store.holdLane("telegram", "chat:1", "b", lease)).isFalse();
        store.releaseLane("telegram", "chat:1", "a");
        assertThat(store.renewLane("telegram", "chat:1", "a", lease)).isFalse();
        assertThat(store.holdLane("telegram", "chat:1", "b", java.time.Duration.ofMillis(1)))
                .isTrue();
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(5))
                .until(() -> store.holdLane("telegram", "chat:1", "a", lease));
        assertThat(store.renewLane("telegram", "chat:1", "b", lease)).isFalse();

        store.dropReceived("telegram", 7);
        store.dropReceived("telegram", 8);
        assertThat(store.waitingLanes("telegram", "b")).containsExactly("chat:2");
    }
}
