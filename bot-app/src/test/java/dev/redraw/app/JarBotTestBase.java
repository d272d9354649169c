package dev.redraw.app;

import static dev.redraw.core.testing.ContentsGateway.image;

import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeUser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** Tests of the jar against a fake Telegram and a test gateway, each in a folder of its own. */
abstract class JarBotTestBase {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final FakeUser ALICE = FakeUser.of(42, "Alice");

    @StartStop
    final MockWebServer gateway = new MockWebServer();

    @TempDir
    Path dir;

    final FakeTelegram telegram = new FakeTelegram("4242:jar-token").start();
    JarBot jar;

    /** The jar's run for this test, configured against this test's fakes. */
    JarBot jar() throws IOException {
        if (jar == null) {
            jar = new JarBot(
                    dir, telegram.apiUrl(), telegram.token(), gateway.url("/").toString());
        }
        return jar;
    }

    /** The gateway answers every request with {@code png}. */
    void answerWith(byte[] png) {
        gateway.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return image(png);
            }
        });
    }

    @AfterEach
    void stopJar() throws Exception {
        if (jar != null) {
            jar.close();
        }
        telegram.close();
    }
}
