package dev.redraw.telegram.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.redraw.core.testing.TestImages;
import dev.redraw.telegram.fake.FakeTelegram.Call;
import dev.redraw.telegram.fake.FakeTelegram.Incoming;
import dev.redraw.telegram.fake.FakeTelegram.Kind;
import dev.redraw.telegram.fake.FakeTelegram.SentMessage;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.TelegramOkHttpClientFactory;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.GetFile;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMediaGroup;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.DeleteMessage;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageMedia;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.File;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.media.InputMediaPhoto;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.photo.PhotoSize;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;

/** The fake Bot API, driven by the real TelegramBots client and long-polling application. */
class FakeTelegramTest {

    private static final String TOKEN = "123456:test-token";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final FakeUser ALICE = FakeUser.of(42, "Alice").withLanguage("de");
    private static final long ALICE_CHAT = ALICE.id();

    private FakeTelegram fake;
    private OkHttpClient http;
    private OkHttpTelegramClient client;
    private final List<TelegramBotsLongPollingApplication> applications = new ArrayList<>();
    private final List<ScheduledExecutorService> executors = new ArrayList<>();

    @BeforeEach
    void start() {
        fake = new FakeTelegram(TOKEN).start();
        http = new OkHttpClient();
        client = new OkHttpTelegramClient(http, TOKEN, fake.telegramUrl());
    }

    @AfterEach
    void stop() throws Exception {
        for (TelegramBotsLongPollingApplication application : applications) {
            application.close();
        }
        fake.close(); // answers a long poll still under way at once
        for (ScheduledExecutorService executor : executors) {
            executor.shutdown();
            assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    @Test
    void getMeAnswersTheTestBot() throws Exception {
        User me = client.execute(new GetMe());

        assertThat(me.getId()).isEqualTo(FakeTelegram.BOT_ID);
        assertThat(me.getUserName()).isEqualTo("redraw_test_bot");
        assertThat(me.getIsBot()).isTrue();
        assertThat(fake.calls("getme")).hasSize(1);
        assertThat(fake.apiUrl()).isEqualTo("http://127.0.0.1:" + fake.port());
    }

    @Test
    void anotherTokenIsUnauthorized() {
        OkHttpTelegramClient stranger = new OkHttpTelegramClient(http, "1:other", fake.telegramUrl());

        assertThatThrownBy(() -> stranger.execute(new GetMe()))
                .isInstanceOfSatisfying(
                        TelegramApiRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(401));
    }

    @Test
    void queuedCommandReachesTheLongPollingConsumer() throws Exception {
        BlockingQueue<Update> received = poll();

        Incoming incoming = fake.userMessage(ALICE, "/draw@redraw_test_bot a red fox for @someone_else");
        Update update = received.poll(5, TimeUnit.SECONDS);

        assertThat(update).isNotNull();
        assertThat(update.getUpdateId()).isEqualTo((int) incoming.updateId());
        Message message = update.getMessage();
        assertThat(message.getMessageId()).isEqualTo((int) incoming.messageId());
        assertThat(message.getChatId()).isEqualTo(ALICE_CHAT);
        assertThat(message.getChat().isUserChat()).isTrue();
        assertThat(message.getFrom().getFirstName()).isEqualTo("Alice");
        assertThat(message.getFrom().getLanguageCode()).isEqualTo("de");
        // TelegramBots fills entity texts lazily: isCommand() is false until getEntities() ran.
        assertThat(message.getEntities())
                .extracting(e -> e.getType() + ":" + e.getText())
                .containsExactly("bot_command:/draw@redraw_test_bot", "mention:@someone_else");
        assertThat(message.isCommand()).isTrue();
        assertThat(fake.calls().getFirst().method()).isEqualTo("deleteWebhook");
        Call getUpdates = fake.calls("getUpdates").getFirst();
        assertThat(getUpdates.param("limit")).isEqualTo("100");
        assertThat(getUpdates.param("timeout")).isEqualTo("50");
        fake.awaitCall("getUpdates", c -> Long.parseLong(c.param("offset")) == incoming.updateId() + 1, WAIT);
        assertThat(fake.pendingUpdates()).isZero();
    }

    @Test
    void sendMessageRecordsKeyboardAndReply() throws Exception {
        Incoming prompt = fake.userMessage(ALICE, "a cat");
        InlineKeyboardMarkup keyboard =
                new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(InlineKeyboardButton.builder()
                        .text("Again")
                        .callbackData("reroll:7")
                        .build())));

        Message reply = client.execute(SendMessage.builder()
                .chatId(ALICE_CHAT)
                .text("Working on it")
                .replyParameters(ReplyParameters.builder()
                        .messageId((int) prompt.messageId())
                        .build())
                .replyMarkup(keyboard)
                .build());

        assertThat(reply.getMessageId()).isEqualTo((int) prompt.messageId() + 1);
        assertThat(reply.getFrom().getId()).isEqualTo(FakeTelegram.BOT_ID);
        assertThat(reply.getReplyToMessage().getText()).isEqualTo("a cat");
        assertThat(reply.getReplyMarkup()).isEqualTo(keyboard);
        Call call = fake.calls("sendMessage").getFirst();
        assertThat(call.param("chat_id")).isEqualTo("42");
        assertThat(call.json("reply_parameters").get("message_id").asLong()).isEqualTo(prompt.messageId());
        assertThat(call.json("reply_markup")
                        .at("/inline_keyboard/0/0/callback_data")
                        .asText())
                .isEqualTo("reroll:7");
        SentMessage sent = fake.sent(ALICE_CHAT).getFirst();
        assertThat(sent.kind()).isEqualTo(Kind.TEXT);
        assertThat(sent.text()).isEqualTo("Working on it");
        assertThat(sent.replyTo()).isEqualTo(prompt.messageId());
        assertThat(sent.replyMarkup()).contains("\"callback_data\":\"reroll:7\"");
    }

    @Test
    void photosAndDocumentsUploadTheirBytesAsMultipart() throws Exception {
        fake.knowChat(FakeChat.privateWith(ALICE));
        byte[] png = TestImages.png(640, 480, Color.BLUE);
        byte[] full = TestImages.png(64, 64, Color.GREEN);

        Message photo = client.execute(SendPhoto.builder()
                .chatId(ALICE_CHAT)
                .photo(new InputFile(new ByteArrayInputStream(png), "result.png"))
                .caption("Here you go")
                .build());
        Message document = client.execute(SendDocument.builder()
                .chatId(ALICE_CHAT)
                .document(new InputFile(new ByteArrayInputStream(full), "full.png"))
                .caption("Full quality")
                .build());

        Call call = fake.awaitCall("sendPhoto", WAIT);
        assertThat(call.param("photo")).isEqualTo("attach://result.png");
        assertThat(call.file("photo").filename()).isEqualTo("result.png");
        assertThat(call.file("photo").bytes()).isEqualTo(png);
        assertThat(fake.calls("sendDocument").getFirst().file("document").bytes())
                .isEqualTo(full);
        assertThat(photo.getCaption()).isEqualTo("Here you go");
        PhotoSize largest = photo.getPhoto().getLast();
        assertThat(photo.getPhoto()).hasSize(2);
        assertThat(largest.getWidth()).isEqualTo(640);
        assertThat(largest.getHeight()).isEqualTo(480);
        assertThat(largest.getFileSize()).isEqualTo(png.length);
        assertThat(fake.fileBytes(largest.getFileId())).isEqualTo(png);
        assertThat(document.getDocument().getFileName()).isEqualTo("full.png");
        assertThat(document.getDocument().getMimeType()).isEqualTo("image/png");
        assertThat(document.getDocument().getFileSize()).isEqualTo(full.length);
        assertThat(fake.sent(ALICE_CHAT))
                .extracting(SentMessage::kind, SentMessage::text, SentMessage::file, SentMessage::fileName)
                .containsExactly(
                        tuple(Kind.PHOTO, "Here you go", png, "result.png"),
                        tuple(Kind.DOCUMENT, "Full quality", full, "full.png"));
    }

    @Test
    void aMediaGroupBecomesPhotosSharingOneGroup() throws Exception {
        fake.knowChat(FakeChat.privateWith(ALICE));
        byte[] first = TestImages.png(40, 40, Color.RED);
        byte[] second = TestImages.png(50, 50, Color.BLUE);
        InputMediaPhoto captioned = new InputMediaPhoto(new ByteArrayInputStream(first), "one.png");
        captioned.setCaption("Two takes");

        List<Message> album = client.execute(SendMediaGroup.builder()
                .chatId(ALICE_CHAT)
                .medias(List.of(captioned, new InputMediaPhoto(new ByteArrayInputStream(second), "two.png")))
                .build());

        assertThat(album).hasSize(2);
        assertThat(album.get(0).getMediaGroupId())
                .isNotNull()
                .isEqualTo(album.get(1).getMediaGroupId());
        assertThat(album).extracting(Message::getCaption).containsExactly("Two takes", null);
        assertThat(fake.calls("sendMediaGroup").getFirst().files())
                .extracting(FakeTelegram.Upload::field, FakeTelegram.Upload::bytes)
                .containsExactly(tuple("media", first), tuple("media", second));
        assertThat(fake.sent(ALICE_CHAT))
                .extracting(SentMessage::kind, SentMessage::file)
                .containsExactly(tuple(Kind.PHOTO, first), tuple(Kind.PHOTO, second));
    }

    @Test
    void aTextMessageEditedIntoAPhotoKeepsItsIdAndReplyAndShowsThePhoto() throws Exception {
        fake.knowChat(FakeChat.privateWith(ALICE));
        Message text = client.execute(
                SendMessage.builder().chatId(ALICE_CHAT).text("Drawing…").build());
        byte[] png = TestImages.png(64, 48, Color.GREEN);

        for (int round = 0; round < 2; round++) {
            var photo = new InputMediaPhoto(new ByteArrayInputStream(png), "result.png");
            photo.setCaption("a fox");
            client.execute(EditMessageMedia.builder()
                    .chatId(ALICE_CHAT)
                    .messageId(text.getMessageId())
                    .media(photo)
                    .build());
        }

        assertThat(fake.sent(ALICE_CHAT))
                .extracting(SentMessage::messageId, SentMessage::kind, SentMessage::text, SentMessage::file)
                .containsExactly(
                        tuple((long) text.getMessageId(), Kind.TEXT, "Drawing…", null),
                        tuple((long) text.getMessageId(), Kind.MEDIA, "a fox", png),
                        tuple((long) text.getMessageId(), Kind.MEDIA, "a fox", png));
        var now = FakeTelegram.MAPPER.readTree(fake.messageJson(ALICE_CHAT, text.getMessageId()));
        assertThat(now.has("text")).isFalse();
        assertThat(now.path("caption").asText()).isEqualTo("a fox");
        assertThat(now.path("photo")).isNotEmpty();
        assertThatThrownBy(() -> client.execute(EditMessageMedia.builder()
                        .chatId(ALICE_CHAT)
                        .messageId(999)
                        .media(new InputMediaPhoto(new ByteArrayInputStream(png), "result.png"))
                        .build()))
                .hasMessageContaining("message to edit not found");
    }

    @Test
    void aMediaGroupKeepsTelegramsRules() throws Exception {
        fake.knowChat(FakeChat.privateWith(ALICE));
        byte[] small = TestImages.png(40, 40, Color.RED);
        byte[] tooLong = TestImages.png(2100, 100, Color.BLUE);

        assertThatThrownBy(() -> client.execute(SendMediaGroup.builder()
                        .chatId(ALICE_CHAT)
                        .medias(List.of(
                                new InputMediaPhoto(new ByteArrayInputStream(small), "one.png"),
                                new InputMediaPhoto(new ByteArrayInputStream(tooLong), "two.png")))
                        .build()))
                .isInstanceOf(TelegramApiRequestException.class)
                .hasMessageContaining("PHOTO_INVALID_DIMENSIONS");
        // TelegramBots refuses to send a document mixed with photos; Telegram refuses it too.
        String file = fake.storeFile(small);
        try (Response mixed = post(
                "sendMediaGroup",
                RequestBody.create(
                        "{\"chat_id\":42,\"media\":[{\"type\":\"photo\",\"media\":\"" + file
                                + "\"},{\"type\":\"document\",\"media\":\"" + file + "\"}]}",
                        MediaType.get("application/json")))) {
            assertThat(mixed.code()).isEqualTo(400);
            assertThat(mixed.body().string()).contains("same type");
        }
        assertThat(fake.sent(ALICE_CHAT)).isEmpty();

        List<Message> album = client.execute(SendMediaGroup.builder()
                .chatId(ALICE_CHAT)
                .medias(List.of(
                        new InputMediaPhoto(new ByteArrayInputStream(small), "one.png"),
                        new InputMediaPhoto(new ByteArrayInputStream(small), "two.png")))
                .replyMarkup(InlineKeyboardMarkup.builder()
                        .keyboardRow(new InlineKeyboardRow(InlineKeyboardButton.builder()
                                .text("x")
                                .callbackData("x")
                                .build()))
                        .build())
                .build());
        assertThat(album).extracting(Message::getReplyMarkup).containsOnlyNulls();
    }

    @Test
    void aPlainFilePartAndFormParametersAreAcceptedToo() throws Exception {
        fake.knowChat(FakeChat.privateWith(ALICE));
        byte[] jpeg = TestImages.jpeg(100, 80, Color.RED);
        RequestBody multipart = new MultipartBody.Builder()
                .setType(MultipartBody.FORM)
                .addFormDataPart("chat_id", "42")
                .addFormDataPart("photo", "cat.jpg", RequestBody.create(jpeg, MediaType.get("image/jpeg")))
                .build();
        RequestBody form = new FormBody.Builder()
                .add("chat_id", "42")
                .add("text", "hello & goodbye")
                .build();

        try (Response photo = post("SENDPHOTO", multipart);
                Response text = post("sendmessage", form)) {
            assertThat(photo.code()).isEqualTo(200);
            assertThat(text.code()).isEqualTo(200);
        }

        assertThat(fake.calls("sendPhoto").getFirst().file("photo").contentType())
                .isEqualTo("image/jpeg");
        assertThat(fake.sent(ALICE_CHAT))
                .extracting(SentMessage::kind, SentMessage::text)
                .containsExactly(tuple(Kind.PHOTO, null), tuple(Kind.TEXT, "hello & goodbye"));
        assertThat(fake.sent(ALICE_CHAT).getFirst().file()).isEqualTo(jpeg);
    }

    @Test
    void editsAreRecordedAndAnUnchangedEditIsRefused() throws Exception {
        fake.knowChat(FakeChat.privateWith(ALICE));
        Message status = client.execute(
                SendMessage.builder().chatId(ALICE_CHAT).text("Queued").build());
        EditMessageText edit = EditMessageText.builder()
                .chatId(ALICE_CHAT)
                .messageId(status.getMessageId())
                .text("Drawing…")
                .build();

        client.execute(edit);

        assertThat(fake.calls("editMessageText").getFirst().param("text")).isEqualTo("Drawing…");
        assertThat(fake.sent(ALICE_CHAT).getLast())
                .extracting(SentMessage::kind, SentMessage::messageId, SentMessage::text)
                .containsExactly(Kind.EDIT, (long) status.getMessageId(), "Drawing…");
        assertThat(fake.messageJson(ALICE_CHAT, status.getMessageId())).contains("Drawing…");
        assertThatThrownBy(() -> client.execute(edit)).isInstanceOfSatisfying(TelegramApiRequestException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(400);
            assertThat(e.getApiResponse()).startsWith("Bad Request: message is not modified");
        });

        client.execute(new DeleteMessage(String.valueOf(ALICE_CHAT), status.getMessageId()));

        assertThat(fake.sent(ALICE_CHAT).getLast().kind()).isEqualTo(Kind.DELETE);
        assertThatThrownBy(() -> client.execute(edit))
                .isInstanceOfSatisfying(
                        TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).isEqualTo("Bad Request: message to edit not found"));
    }

    @Test
    void getFileAndTheDownloadUrlServeStoredBytes() throws Exception {
        byte[] bytes = TestImages.png(32, 32, Color.ORANGE);
        String fileId = fake.storeFile(bytes);

        File file = client.execute(new GetFile(fileId));

        assertThat(file.getFileSize()).isEqualTo(bytes.length);
        try (Response download = get(fake.apiUrl() + "/file/bot" + TOKEN + "/" + file.getFilePath());
                Response missing = get(fake.fileUrl("documents/nothing.png"));
                Response stranger = get(fake.apiUrl() + "/file/bot1:other/" + file.getFilePath())) {
            assertThat(download.code()).isEqualTo(200);
            assertThat(download.body().bytes()).isEqualTo(bytes);
            assertThat(missing.code()).isEqualTo(404);
            assertThat(stranger.code()).isEqualTo(401);
        }
        assertThat(fake.calls(FakeTelegram.DOWNLOAD).getFirst().param("file_path"))
                .isEqualTo(file.getFilePath());
        assertThatThrownBy(() -> client.execute(new GetFile("nope")))
                .isInstanceOfSatisfying(
                        TelegramApiRequestException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(400));
    }

    @Test
    void injectedFloodControlCarriesRetryAfterAndTheNextCallSucceeds() throws Exception {
        fake.knowChat(FakeChat.privateWith(ALICE));
        fake.failNext("sendMessage", 1, 429, 3);
        SendMessage hello = SendMessage.builder().chatId(ALICE_CHAT).text("hi").build();

        assertThatThrownBy(() -> client.execute(hello)).isInstanceOfSatisfying(TelegramApiRequestException.class, e -> {
            assertThat(e.getErrorCode()).isEqualTo(429);
            assertThat(e.getApiResponse()).isEqualTo("Too Many Requests: retry after 3");
            assertThat(e.getParameters().getRetryAfter()).isEqualTo(3);
        });
        assertThat(client.execute(hello).getText()).isEqualTo("hi");
        assertThat(fake.calls("sendMessage")).hasSize(2);
        assertThat(fake.sent(ALICE_CHAT)).hasSize(1);
    }

    @Test
    void theSameUpdateQueuedTwiceIsDeliveredTwice() throws Exception {
        Incoming once = fake.userMessage(ALICE, "hello");
        fake.queueSame(once.updateId());

        BlockingQueue<Update> received = poll();

        Update first = received.poll(5, TimeUnit.SECONDS);
        Update second = received.poll(5, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(second.getUpdateId()).isEqualTo(first.getUpdateId());
        assertThat(second.getMessage().getText()).isEqualTo("hello");
    }

    @Test
    void aGroupPhotoReplyHasTwoSizesLargestLastAndDownloads() throws Exception {
        FakeChat group = FakeChat.group(-100L, "Artists");
        fake.knowChat(group);
        Message botImage = client.execute(
                SendMessage.builder().chatId(group.id()).text("Your image").build());
        byte[] jpeg = TestImages.jpeg(800, 600, Color.MAGENTA);
        fake.from(ALICE).in(group).replyTo(botImage.getMessageId()).photo(jpeg, "@redraw_test_bot make it darker");
        BlockingQueue<Update> received = poll();

        Message message = received.poll(5, TimeUnit.SECONDS).getMessage();

        assertThat(message.getChat().isGroupChat()).isTrue();
        assertThat(message.getChat().getTitle()).isEqualTo("Artists");
        assertThat(message.getReplyToMessage().getMessageId()).isEqualTo(botImage.getMessageId());
        assertThat(message.getReplyToMessage().getFrom().getIsBot()).isTrue();
        assertThat(message.getCaptionEntities())
                .extracting(e -> e.getType() + ":" + e.getText())
                .containsExactly("mention:@redraw_test_bot");
        assertThat(message.getPhoto()).hasSize(2);
        PhotoSize largest = message.getPhoto().getLast();
        assertThat(largest.getWidth()).isEqualTo(800);
        assertThat(message.getPhoto().getFirst().getWidth()).isEqualTo(320);
        File file = client.execute(new GetFile(largest.getFileId()));
        try (Response download = get(fake.fileUrl(file.getFilePath()))) {
            assertThat(download.body().bytes()).isEqualTo(jpeg);
        }
    }

    @Test
    void albumItemsShareAMediaGroupAndOneCaption() throws Exception {
        List<Incoming> album = fake.from(ALICE)
                .album(List.of(TestImages.png(20, 20, Color.RED), TestImages.png(30, 30, Color.BLUE)), "merge these");
        byte[] pdf = "%PDF-1.4".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        fake.from(ALICE).document(pdf, "notes.pdf", "application/pdf", null);
        BlockingQueue<Update> received = poll();

        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            messages.add(received.poll(5, TimeUnit.SECONDS).getMessage());
        }

        assertThat(album).hasSize(2);
        assertThat(messages.get(0).getMediaGroupId())
                .isNotNull()
                .isEqualTo(messages.get(1).getMediaGroupId());
        assertThat(messages).extracting(Message::getCaption).containsExactly("merge these", null, null);
        assertThat(messages.get(2).getDocument().getFileName()).isEqualTo("notes.pdf");
        assertThat(fake.fileBytes(messages.get(2).getDocument().getFileId())).isEqualTo(pdf);
    }

    @Test
    void aCallbackQueryCarriesTheBotMessage() throws Exception {
        fake.knowChat(FakeChat.privateWith(ALICE));
        Message withButton = client.execute(SendMessage.builder()
                .chatId(ALICE_CHAT)
                .text("Done")
                .replyMarkup(new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(InlineKeyboardButton.builder()
                        .text("Again")
                        .callbackData("reroll")
                        .build()))))
                .build());
        Incoming press = fake.from(ALICE).callback(withButton.getMessageId(), "reroll");
        BlockingQueue<Update> received = poll();

        CallbackQuery query = received.poll(5, TimeUnit.SECONDS).getCallbackQuery();
        client.execute(AnswerCallbackQuery.builder()
                .callbackQueryId(query.getId())
                .text("OK")
                .build());

        assertThat(query.getId()).isEqualTo(press.callbackQueryId());
        assertThat(query.getData()).isEqualTo("reroll");
        assertThat(query.getFrom().getId()).isEqualTo(ALICE.id());
        Message message = (Message) query.getMessage();
        assertThat(message.getMessageId()).isEqualTo(withButton.getMessageId());
        assertThat(message.getReplyMarkup()).isEqualTo(withButton.getReplyMarkup());
        assertThat(fake.calls("answerCallbackQuery").getFirst().param("callback_query_id"))
                .isEqualTo(press.callbackQueryId());
    }

    @Test
    void awaitCallFailsWithTheCallsSeen() throws Exception {
        client.execute(new GetMe());

        assertThatThrownBy(() -> fake.awaitCall("sendPhoto", Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no matching sendPhoto call")
                .hasMessageContaining("getMe{");
    }

    @Test
    void sendingToAnUnknownChatOrReplyingToAMissingMessageFails() throws Exception {
        assertThatThrownBy(() -> client.execute(
                        SendMessage.builder().chatId(-7L).text("hi").build()))
                .isInstanceOfSatisfying(
                        TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).isEqualTo("Bad Request: chat not found"));
        assertThatThrownBy(() -> client.execute(
                        SendMessage.builder().chatId(7L).text("hi").build()))
                .isInstanceOfSatisfying(TelegramApiRequestException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo(403);
                    assertThat(e.getApiResponse()).isEqualTo("Forbidden: bot can't initiate conversation with a user");
                });
        fake.knowChat(FakeChat.privateWith(ALICE));
        assertThatThrownBy(() -> client.execute(SendMessage.builder()
                        .chatId(ALICE_CHAT)
                        .text("hi")
                        .replyParameters(ReplyParameters.builder().messageId(77).build())
                        .build()))
                .isInstanceOfSatisfying(
                        TelegramApiRequestException.class,
                        e -> assertThat(e.getApiResponse()).isEqualTo("Bad Request: message to be replied not found"));
    }

    /** Starts TelegramBots' long polling against the fake; closed after the test. */
    private BlockingQueue<Update> poll() throws Exception {
        BlockingQueue<Update> received = new LinkedBlockingQueue<>();
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "telegram-long-poll");
            thread.setDaemon(true);
            return thread;
        });
        TelegramBotsLongPollingApplication application = new TelegramBotsLongPollingApplication(
                ObjectMapper::new, new TelegramOkHttpClientFactory.DefaultOkHttpClientCreator(), () -> executor);
        executors.add(executor);
        applications.add(application);
        application.registerBot(TOKEN, fake::telegramUrl, new DefaultGetUpdatesGenerator(), received::addAll);
        return received;
    }

    private Response post(String method, RequestBody body) throws IOException {
        return http.newCall(new Request.Builder()
                        .url(fake.apiUrl() + "/bot" + TOKEN + "/" + method)
                        .post(body)
                        .build())
                .execute();
    }

    private Response get(String url) throws IOException {
        return http.newCall(new Request.Builder().url(url).build()).execute();
    }
}
