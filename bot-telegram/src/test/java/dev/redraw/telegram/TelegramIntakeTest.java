package dev.redraw.telegram;

import static dev.redraw.core.testing.ContentsGateway.image;
import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.core.access.AccessPolicy;
import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeTelegram;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import dev.redraw.telegram.fake.FakeUser;
import java.awt.Color;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Users' images on Telegram: downloaded only for users who may use the bot, and stored only when all are usable. */
class TelegramIntakeTest extends TelegramTestBase {

    private static final byte[] GREEN = TestImages.png(48, 48, Color.GREEN);
    private static final byte[] BLUE = TestImages.png(48, 48, Color.BLUE);
    private static final byte[] NOT_AN_IMAGE = "these are my notes, not a picture".getBytes(StandardCharsets.UTF_8);

    private void restartDenying(FakeUser user) throws Exception {
        harness.close();
        var deny = new AccessPolicy(
                Set.of(),
                AccessPolicy.Lists.EMPTY,
                new AccessPolicy.Lists(Set.of("telegram:" + user.id()), Set.of(), Set.of()));
        harness = new TelegramHarness(gateway, deny);
        telegram = harness.telegram;
    }

    @Test
    void aDeniedUsersPhotoIsNeverDownloaded() throws Exception {
        restartDenying(BOB);
        harness.startPolling();

        telegram.from(BOB).photo(RED, "make it night");

        SentMessage refusal = awaitSent(BOB.id(), textContaining("not allowed"));
        assertThat(refusal.text()).contains("You are not allowed to use this bot here.");
        assertThat(telegram.callCount("getFile")).isZero();
        assertThat(telegram.callCount(FakeTelegram.DOWNLOAD)).isZero();
        assertThat(harness.core.services.images().find(ImageRef.sha256Of(RED))).isEmpty();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aDeniedUsersAlbumIsNeverDownloadedWhileOthersStillAreServed() throws Exception {
        restartDenying(BOB);
        gateway.enqueue(image(GREEN));
        harness.startPolling();

        telegram.from(BOB).album(List.of(RED, BLUE), "blend these");
        awaitSent(BOB.id(), textContaining("not allowed"));
        assertThat(telegram.callCount("getFile")).isZero();

        telegram.from(ALICE).photo(BLUE, "make it night");
        awaitSent(ALICE.id(), photo());
        assertThat(telegram.callCount("getFile")).isEqualTo(1);
    }

    @Test
    void anAlbumWithOneFileThatIsNotAnImageStoresNoneAndSaysWhich() throws Exception {
        harness.startPolling();

        telegram.from(ALICE).album(List.of(RED, NOT_AN_IMAGE, BLUE), "blend the three");

        SentMessage answer = awaitSent(ALICE.id(), textContaining("Image 2 of 3"));
        assertThat(answer.text()).contains("This file is not an image").contains("Nothing was saved");
        assertThat(harness.idle()).isTrue();
        // The images were fetched side by side and none was kept; the bad one stops the request, so
        // the download after it may have been cut off before it reached Telegram.
        assertThat(telegram.callCount(FakeTelegram.DOWNLOAD)).isBetween(2L, 3L);
        assertThat(harness.core.services.images().find(ImageRef.sha256Of(RED))).isEmpty();
        assertThat(harness.core.services.images().find(ImageRef.sha256Of(BLUE))).isEmpty();
        assertThat(harness.jobs.activeJobs("telegram", Long.toString(ALICE.id())))
                .isZero();
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aChineseSpeakingUserHearsWhyTheirFileIsNotUsableInChinese() throws Exception {
        harness.startPolling();
        FakeUser li = FakeUser.of(77, "Li").withLanguage("zh-hans");

        telegram.from(li).document(NOT_AN_IMAGE, "notes.txt", "text/plain", "画成夜景");

        SentMessage answer = awaitSent(li.id(), textContaining("这个文件不是图片"));
        assertThat(answer.text()).startsWith("⚠️ 请求未被接受：");
        assertThat(gateway.getRequestCount()).isZero();
    }

    @Test
    void aChineseSpeakingUserHearsWhichAlbumImageFailedInChinese() throws Exception {
        harness.startPolling();
        FakeUser li = FakeUser.of(78, "Li").withLanguage("zh");

        telegram.from(li).album(List.of(NOT_AN_IMAGE, GREEN), "融合");

        SentMessage answer = awaitSent(li.id(), textContaining("第 1 张图片"));
        assertThat(answer.text()).contains("共 2 张", "这个文件不是图片", "所有图片均未保存");
        assertThat(harness.core.services.images().find(ImageRef.sha256Of(GREEN)))
                .isEmpty();
    }
}
