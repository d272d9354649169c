package dev.redraw.discord.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.redraw.discord.fake.FakeDiscord.Attachment;
import dev.redraw.discord.fake.FakeDiscord.Call;
import dev.redraw.discord.fake.FakeDiscord.Interaction;
import dev.redraw.discord.fake.FakeDiscord.Reply;
import dev.redraw.discord.fake.FakeDiscord.ReplyKind;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.GenericEvent;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.EventListener;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.FileUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FakeDiscordTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3};

    private final BlockingQueue<GenericEvent> events = new LinkedBlockingQueue<>();
    private FakeDiscord discord;
    private JDA jda;

    @BeforeEach
    void connect() throws Exception {
        discord = new FakeDiscord().start();
        jda = JDABuilder.createLight(discord.token(), GatewayIntent.GUILD_MESSAGES, GatewayIntent.DIRECT_MESSAGES)
                .setRestConfig(new RestConfig().setBaseUrl(discord.restUrl()))
                .setSessionController(FakeDiscord.sessionController(discord.gatewayUrl()))
                .setCompression(Compression.NONE)
                .addEventListeners((EventListener) events::add)
                .build();
        discord.awaitReady();
        awaitConnected(jda);
    }

    /** {@link JDA#awaitReady()} without a limit would hang a broken test run. */
    static void awaitConnected(JDA jda) throws Exception {
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                jda.awaitReady();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (!waiter.join(WAIT)) {
            waiter.interrupt();
            throw new AssertionError("JDA not ready: " + jda.getStatus());
        }
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        if (jda != null) {
            jda.shutdownNow();
            jda.awaitShutdown(Duration.ofSeconds(5));
        }
        discord.close();
    }

    private <T extends GenericEvent> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            GenericEvent event = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("no " + type.getSimpleName() + "; calls: " + discord.calls());
            }
            if (type.isInstance(event)) {
                return type.cast(event);
            }
        }
    }

    @Test
    void readyWithTheGuildTheChannelAndTheBotUser() {
        assertThat(jda.getStatus()).isEqualTo(JDA.Status.CONNECTED);
        assertThat(jda.getSelfUser().getIdLong()).isEqualTo(FakeDiscord.BOT_ID);
        assertThat(jda.getSelfUser().getName()).isEqualTo("redraw");
        assertThat(jda.getSelfUser().getApplicationIdLong()).isEqualTo(FakeDiscord.APPLICATION_ID);
        assertThat(jda.getGuildById(FakeDiscord.GUILD_ID)).isNotNull();
        assertThat(jda.getTextChannelById(FakeDiscord.CHANNEL_ID)).isNotNull();
        assertThat(discord.gatewayStats().identifies()).isEqualTo(1);
        assertThat(discord.calls("GET", "users/@me")).hasSize(1);
    }

    @Test
    void commandRegistrationIsRecordedAndAnsweredWithIds() {
        jda.updateCommands()
                .addCommands(Commands.slash("imagine", "Draw a picture"))
                .complete();

        Call call = discord.awaitCall("PUT", "applications/222/commands", WAIT);
        assertThat(call.json().get(0).path("name").asText()).isEqualTo("imagine");
        assertThat(discord.commands("global").get(0).path("id").asText()).isNotEmpty();
    }

    @Test
    void slashCommandDeferThenEditWithAFile() throws Exception {
        Attachment image = discord.registerAttachment(PNG, "in.png", "image/png", 64, 48);
        Interaction sent = discord.slashCommand(
                FakeDiscord.ALICE,
                FakeDiscord.CHANNEL_ID,
                "imagine",
                Map.of("prompt", "a red fox", "steps", 20L),
                List.of(image),
                "de");

        SlashCommandInteractionEvent event = next(SlashCommandInteractionEvent.class);
        assertThat(event.getName()).isEqualTo("imagine");
        assertThat(event.getOption("prompt", OptionMapping::getAsString)).isEqualTo("a red fox");
        assertThat(event.getOption("steps", OptionMapping::getAsLong)).isEqualTo(20L);
        assertThat(event.getUser().getIdLong()).isEqualTo(FakeDiscord.ALICE);
        assertThat(event.getMember()).isNotNull();
        assertThat(event.getUserLocale()).isEqualTo(DiscordLocale.GERMAN);
        Message.Attachment attachment = event.getOption("image", OptionMapping::getAsAttachment);
        assertThat(attachment.getProxy().download().join().readAllBytes()).isEqualTo(PNG);

        event.deferReply().queue();
        event.getHook()
                .editOriginal("done")
                .setFiles(FileUpload.fromData(new byte[] {7, 8, 9}, "a.png"))
                .setComponents(ActionRow.of(Button.primary("again", "Again")))
                .queue();

        List<Reply> replies = discord.awaitReplies(sent.token(), 2, WAIT);
        assertThat(replies.get(0).isDefer()).isTrue();
        assertThat(replies.get(0).callbackType()).isEqualTo(5);
        Reply edit = replies.get(1);
        assertThat(edit.kind()).isEqualTo(ReplyKind.EDIT_ORIGINAL);
        assertThat(edit.content()).isEqualTo("done");
        assertThat(edit.files()).singleElement().satisfies(f -> {
            assertThat(f.filename()).isEqualTo("a.png");
            assertThat(f.bytes()).containsExactly(7, 8, 9);
        });
        assertThat(edit.components().toString()).contains("again");
    }

    @Test
    void aReplyArrivesWithItsReferencedMessage() throws InterruptedException {
        long first = discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "first", List.of(), null);
        next(MessageReceivedEvent.class);
        long reply = discord.userMessage(FakeDiscord.BOB, FakeDiscord.CHANNEL_ID, "<@111> again", List.of(), first);

        MessageReceivedEvent event = next(MessageReceivedEvent.class);
        assertThat(event.getMessageIdLong()).isEqualTo(reply);
        assertThat(event.getMessage().getReferencedMessage()).isNotNull();
        assertThat(event.getMessage().getReferencedMessage().getIdLong()).isEqualTo(first);
        assertThat(event.getMessage().getMentions().isMentioned(jda.getSelfUser()))
                .isTrue();
    }

    @Test
    void aDirectMessageWithAnAttachmentCanBeDownloaded() throws Exception {
        Attachment image = discord.registerAttachment(PNG, "photo.png", "image/png", 10, 10);
        discord.userMessage(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "", List.of(image), null);

        MessageReceivedEvent event = next(MessageReceivedEvent.class);
        assertThat(event.isFromGuild()).isFalse();
        Message.Attachment attachment = event.getMessage().getAttachments().get(0);
        assertThat(attachment.getWidth()).isEqualTo(10);
        assertThat(attachment.getProxy().download().join().readAllBytes()).isEqualTo(PNG);
    }

    @Test
    void botChannelMessagesAreRecordedAndCanBeFetched() {
        long question = discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "hi", List.of(), null);
        Message sent = jda.getTextChannelById(FakeDiscord.CHANNEL_ID)
                .sendMessage("hello")
                .setMessageReference(question)
                .addFiles(FileUpload.fromData(PNG, "r.png"))
                .complete();

        assertThat(sent.getAttachments()).hasSize(1);
        assertThat(discord.channelMessages(FakeDiscord.CHANNEL_ID))
                .singleElement()
                .satisfies(m -> assertThat(m.path("content").asText()).isEqualTo("hello"));
        Message fetched = jda.getTextChannelById(FakeDiscord.CHANNEL_ID)
                .retrieveMessageById(sent.getIdLong())
                .complete();
        assertThat(fetched.getContentRaw()).isEqualTo("hello");
        assertThat(fetched.getMessageReference().getMessageIdLong()).isEqualTo(question);
    }

    @Test
    void buttonModalAndMessageCommandReachTheListener() throws InterruptedException {
        Message sent = jda.getTextChannelById(FakeDiscord.CHANNEL_ID)
                .sendMessage("pick")
                .setComponents(ActionRow.of(Button.primary("redo", "Redo")))
                .complete();

        discord.button(FakeDiscord.BOB, sent.getIdLong(), "redo", "fr");
        ButtonInteractionEvent click = next(ButtonInteractionEvent.class);
        assertThat(click.getComponentId()).isEqualTo("redo");
        assertThat(click.getMessage().getIdLong()).isEqualTo(sent.getIdLong());
        assertThat(click.getUser().getIdLong()).isEqualTo(FakeDiscord.BOB);

        discord.modalSubmit(FakeDiscord.ALICE, "settings", Map.of("prompt", "a cat"), "en-US");
        ModalInteractionEvent modal = next(ModalInteractionEvent.class);
        assertThat(modal.getModalId()).isEqualTo("settings");
        assertThat(modal.getValue("prompt").getAsString()).isEqualTo("a cat");

        discord.messageContextMenu(FakeDiscord.ALICE, "Redraw", sent.getIdLong());
        MessageContextInteractionEvent menu = next(MessageContextInteractionEvent.class);
        assertThat(menu.getName()).isEqualTo("Redraw");
        assertThat(menu.getTarget().getContentRaw()).isEqualTo("pick");
    }

    @Test
    void aRateLimitedEditIsRetriedByJdaAndArrivesOnce() throws InterruptedException {
        Interaction sent =
                discord.slashCommand(FakeDiscord.ALICE, FakeDiscord.ALICE_DM, "imagine", Map.of(), List.of(), null);
        SlashCommandInteractionEvent event = next(SlashCommandInteractionEvent.class);
        assertThat(event.isFromGuild()).isFalse();
        discord.failNext("PATCH", "webhooks/222/.*/messages/@original", 1, 429, 1);

        event.deferReply().queue();
        event.getHook().editOriginal("late").queue();

        List<Reply> replies = discord.awaitReplies(sent.token(), 2, WAIT);
        assertThat(replies.get(1).content()).isEqualTo("late");
        assertThat(discord.calls("PATCH", "webhooks/222/.*/messages/@original"))
                .extracting(Call::status)
                .containsExactly(429, 200);
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413() throws InterruptedException {
        discord.uploadLimit(4);
        Interaction sent =
                discord.slashCommand(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "imagine", Map.of(), List.of(), null);
        SlashCommandInteractionEvent event = next(SlashCommandInteractionEvent.class);
        event.deferReply().complete();

        Throwable failure = null;
        try {
            event.getHook()
                    .editOriginal("big")
                    .setFiles(FileUpload.fromData(PNG, "big.png"))
                    .complete();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).isNotNull().hasMessageContaining("40005");
        assertThat(discord.replies(sent.token())).hasSize(1);
    }

    @Test
    void afterADisconnectJdaResumesAndGetsWhatItMissed() throws InterruptedException {
        discord.disconnect(4000);
        discord.userMessage(FakeDiscord.ALICE, FakeDiscord.CHANNEL_ID, "while away", List.of(), null);

        MessageReceivedEvent missed = next(MessageReceivedEvent.class);
        assertThat(missed.getMessage().getContentRaw()).isEqualTo("while away");
        discord.awaitReady();
        assertThat(discord.gatewayStats().resumes()).isEqualTo(1);
        assertThat(discord.gatewayStats().identifies()).isEqualTo(1);
    }
}
