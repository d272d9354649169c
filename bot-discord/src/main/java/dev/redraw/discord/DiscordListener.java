package dev.redraw.discord;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.conversation.Origin;
import dev.redraw.core.conversation.Turn;
import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.request.ChatServices;
import dev.redraw.core.request.Generate;
import dev.redraw.core.request.GenerationService;
import dev.redraw.core.request.ImageFetcher;
import dev.redraw.core.request.RequestDesk;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.request.ResultButtons;
import dev.redraw.core.request.Submission;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.settings.UserSettings;
import dev.redraw.core.text.Messages;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.modals.Modal;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Discord interactions and replies into requests: /imagine and /blend, the Edit image context
 * menu and its modal, replies to the bot's images, and the buttons under results. Every interaction
 * is deferred at once (Discord allows three seconds) and answered later by editing the response.
 * Each event is handled on its own virtual thread (see {@link DiscordBot}), so blocking calls here
 * hold up only the user who caused them.
 */
public final class DiscordListener extends ListenerAdapter {

    static final String EDIT_TURN_MODAL = "edit:";
    static final String EDIT_MESSAGE_MODAL = "msg:";
    static final String INSTRUCTION = "instruction";
    static final String FORGET_YES = "f:y";
    static final String FORGET_NO = "f:n";
    private static final Logger LOG = LoggerFactory.getLogger(DiscordListener.class);

    private final RequestDesk desk;
    private final GenerationService generation;
    private final ConversationStore conversations;
    private final ImageStore images;
    private final Generate generate;
    private final SettingsStore settings;
    private final Responses responses;
    private final DiscordDelivery delivery;
    private final ResultActions results;
    private final OkHttpClient downloads;

    DiscordListener(ChatServices core, Responses responses, DiscordDelivery delivery, OkHttpClient downloads) {
        this.desk = core.desk();
        this.generation = core.generation();
        this.conversations = core.conversations();
        this.images = core.images();
        this.generate = core.generate();
        this.settings = core.settings();
        this.results = core.results();
        this.responses = responses;
        this.delivery = delivery;
        this.downloads = downloads;
    }

    /** The user's language, remembered so results delivered later speak it too. */
    private Messages texts(User user, String locale) {
        String id = user.getId();
        UserSettings known = settings.user(DiscordDelivery.PLATFORM, id);
        if (!known.language().equals(Optional.of(locale))) {
            settings.saveUser(DiscordDelivery.PLATFORM, id, known.withLanguage(Optional.of(locale)));
        }
        return Messages.forLanguage(locale);
    }

    private static Origin origin(Interaction interaction) {
        return new Origin(
                DiscordDelivery.PLATFORM,
                interaction.getChannelId(),
                interaction.getUser().getId(),
                Optional.ofNullable(interaction.getGuild()).map(g -> g.getId()));
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        Messages texts = texts(event.getUser(), event.getUserLocale().getLocale());
        switch (event.getName()) {
            case "imagine", "blend" -> {
                InteractionHook hook =
                        event.deferReply(privately(event.getUser())).complete();
                List<OptionMapping> attachments = new ArrayList<>();
                for (int i = 1; i <= CommandDefinitions.MAX_IMAGES; i++) {
                    Optional.ofNullable(event.getOption("image" + i)).ifPresent(attachments::add);
                }
                List<Message.Attachment> files =
                        attachments.stream().map(OptionMapping::getAsAttachment).toList();
                submit(
                        event,
                        hook,
                        texts,
                        OptionalLong.empty(),
                        option(event, "prompt"),
                        files,
                        option(event, "model"),
                        option(event, "ratio"));
            }
            case "settings" -> settings(event, texts);
            case "usage" ->
                event.reply(texts.usage(desk.usage(origin(event))))
                        .setEphemeral(true)
                        .queue();
            case "cancel" -> {
                OptionMapping job = event.getOption("job");
                String answer = job == null
                        ? texts.nothingToCancel()
                        : texts.cancelResult(desk.cancel(job.getAsLong(), origin(event)), job.getAsLong());
                event.reply(answer).setEphemeral(true).queue();
            }
            case "forget" ->
                event.reply(texts.forgetConfirm())
                        .setEphemeral(true)
                        .setComponents(net.dv8tion.jda.api.components.actionrow.ActionRow.of(
                                net.dv8tion.jda.api.components.buttons.Button.danger(FORGET_YES, texts.forgetButton()),
                                net.dv8tion.jda.api.components.buttons.Button.secondary(FORGET_NO, texts.keepButton())))
                        .queue();
            default -> event.reply(texts.help("redraw")).setEphemeral(true).queue();
        }
    }

    private boolean privately(User user) {
        return settings.user(DiscordDelivery.PLATFORM, user.getId()).privateResults();
    }

    /** Changes the defaults given as options, then shows them; the remix switch needs Manage Server. */
    private void settings(SlashCommandInteractionEvent event, Messages texts) {
        String user = event.getUser().getId();
        UserSettings current = settings.user(DiscordDelivery.PLATFORM, user);
        UserSettings changed = current.withAspectRatio(option(event, "ratio").or(current::aspectRatio))
                .withModel(option(event, "model").or(current::model));
        List<String> notes = new ArrayList<>();
        OptionMapping privately = event.getOption("private");
        if (privately != null) {
            changed = changed.withPrivateResults(privately.getAsBoolean());
            notes.add(texts.privateResults(privately.getAsBoolean()));
        }
        settings.saveUser(DiscordDelivery.PLATFORM, user, changed);
        OptionMapping remix = event.getOption("remix");
        if (remix != null) {
            var member = event.getMember();
            if (member == null || !member.hasPermission(net.dv8tion.jda.api.Permission.MANAGE_SERVER)) {
                notes.add(texts.notAdmin());
            } else {
                settings.setRemixAllowed(
                        DiscordDelivery.PLATFORM, event.getGuild().getId(), remix.getAsBoolean());
                notes.add(remix.getAsBoolean() ? texts.remixOn() : texts.remixOff());
            }
        }
        notes.addFirst(texts.settingsTitle(
                changed.model().orElse(generation.models().getFirst()), changed.aspectRatio(), changed.imageSize()));
        event.reply(String.join("\n", notes)).setEphemeral(true).queue();
    }

    private static Optional<String> option(SlashCommandInteractionEvent event, String name) {
        return Optional.ofNullable(event.getOption(name)).map(OptionMapping::getAsString);
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        String typed = event.getFocusedOption().getValue().toLowerCase(java.util.Locale.ROOT);
        event.replyChoiceStrings(generation.models().stream()
                        .filter(model ->
                                model.toLowerCase(java.util.Locale.ROOT).contains(typed))
                        .limit(25)
                        .toList())
                .queue();
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        Message target = event.getTarget();
        Messages texts = texts(event.getUser(), event.getUserLocale().getLocale());
        OptionalLong turn = turnOf(target);
        String modalId;
        if (turn.isPresent()) {
            modalId = EDIT_TURN_MODAL + target.getId() + ":" + turn.getAsLong();
        } else if (target.getAttachments().stream().anyMatch(Message.Attachment::isImage)) {
            modalId = EDIT_MESSAGE_MODAL + target.getChannelId() + ":" + target.getId();
        } else {
            event.reply(texts.notAnImage()).setEphemeral(true).queue();
            return;
        }
        event.replyModal(editModal(modalId, texts)).queue();
    }

    private static Modal editModal(String id, Messages texts) {
        var input = TextInput.create(INSTRUCTION, TextInputStyle.PARAGRAPH)
                .setRequired(true)
                .build();
        return Modal.create(id, texts.extra(Messages.Extra.EDIT_IMAGE))
                .addComponents(Label.of(texts.editPrompt(), input))
                .build();
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        Messages texts = texts(event.getUser(), event.getUserLocale().getLocale());
        String instruction = Optional.ofNullable(event.getValue(INSTRUCTION))
                .map(v -> v.getAsString())
                .orElse("");
        String id = event.getModalId();
        InteractionHook hook = event.deferReply(privately(event.getUser())).complete();
        if (id.startsWith(EDIT_TURN_MODAL)) {
            // The modal's id comes back from the client: the turn is checked against the message again.
            String[] where = id.substring(EDIT_TURN_MODAL.length()).split(":", 2);
            var pressed = new MessageRef(DiscordDelivery.PLATFORM, event.getChannelId(), where[0]);
            String data = ResultButtons.EDIT + (where.length > 1 ? where[1] : "");
            switch (results.press(origin(event), pressed, data)) {
                case ResultActions.Press.Allowed allowed ->
                    submit(
                            event,
                            hook,
                            texts,
                            OptionalLong.of(allowed.answer().id()),
                            Optional.of(instruction),
                            List.of(),
                            Optional.empty(),
                            Optional.empty());
                case ResultActions.Press.NotAllowed ignored ->
                    hook.editOriginal(texts.remixNotAllowed()).queue();
                case ResultActions.Press.Gone ignored ->
                    hook.editOriginal(texts.imageGone()).queue();
                case ResultActions.Press.Forged ignored ->
                    hook.editOriginal(texts.imageGone()).queue();
            }
        } else if (id.startsWith(EDIT_MESSAGE_MODAL)) {
            String[] where = id.substring(EDIT_MESSAGE_MODAL.length()).split(":");
            if (where.length != 2 || !where[0].equals(event.getChannelId())) {
                // Only a message of the channel the modal was submitted in may be edited.
                hook.editOriginal(texts.imageGone()).queue();
                return;
            }
            Message target = event.getJDA()
                    .getChannelById(net.dv8tion.jda.api.entities.channel.middleman.MessageChannel.class, where[0])
                    .retrieveMessageById(where[1])
                    .complete();
            submit(
                    event,
                    hook,
                    texts,
                    OptionalLong.empty(),
                    Optional.of(instruction),
                    target.getAttachments(),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        Messages texts = texts(event.getUser(), event.getUserLocale().getLocale());
        String id = event.getComponentId();
        if (id.equals(FORGET_YES) || id.equals(FORGET_NO)) {
            String answer = id.equals(FORGET_NO)
                    ? texts.extra(Messages.Extra.FORGET_KEPT)
                    : desk.forget(origin(event)).map(busy -> texts.forgetBusy()).orElse(texts.forgetDone());
            event.editMessage(answer).setComponents().queue();
            return;
        }
        var pressed = new MessageRef(DiscordDelivery.PLATFORM, event.getChannelId(), event.getMessageId());
        Turn answer;
        switch (results.press(origin(event), pressed, id)) {
            case ResultActions.Press.Allowed allowed -> answer = allowed.answer();
            case ResultActions.Press.NotAllowed ignored -> {
                event.reply(texts.remixNotAllowed()).setEphemeral(true).queue();
                return;
            }
            case ResultActions.Press.Gone ignored -> {
                event.reply(texts.imageGone()).setEphemeral(true).queue();
                return;
            }
            case ResultActions.Press.Forged ignored -> {
                event.reply(texts.imageGone()).setEphemeral(true).queue();
                return;
            }
        }
        if (id.startsWith(ResultButtons.EDIT)) {
            event.replyModal(editModal(EDIT_TURN_MODAL + event.getMessageId() + ":" + answer.id(), texts))
                    .queue();
        } else if (id.startsWith(ResultButtons.REROLL)) {
            InteractionHook hook = event.deferReply(privately(event.getUser())).complete();
            responses.put(Responses.Response.of(event, uploadLimit(event)));
            if (desk.reroll(answer.id(), origin(event), Optional.of(Responses.requestId(event.getIdLong())))
                    instanceof Submission.Refused refused) {
                hook.editOriginal(texts.refusal(refused.refusal())).queue();
            }
        } else if (id.startsWith(ResultButtons.ORIGINAL)) {
            InteractionHook hook = event.deferReply(true).complete();
            var files = answer.images().stream()
                    .map(image -> net.dv8tion.jda.api.utils.FileUpload.fromData(
                            images.bytes(image.sha256()).orElseThrow(), "redraw-original.png"))
                    .toList();
            hook.editOriginalAttachments(files)
                    .queue(
                            ok -> {},
                            failure -> hook.editOriginal(texts.extra(Messages.Extra.ORIGINAL_TOO_LARGE))
                                    .queue());
        }
    }

    /** A reply to one of the bot's images continues its branch, with any images attached to the reply. */
    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        Message message = event.getMessage();
        if (event.getAuthor().isBot() || message.getMessageReference() == null) {
            return;
        }
        var reference = message.getMessageReference();
        if (reference.getMessageId() == null) {
            return;
        }
        OptionalLong turn = results.replyTarget(
                new Origin(
                        DiscordDelivery.PLATFORM,
                        message.getChannelId(),
                        event.getAuthor().getId()),
                reference.getChannelId(),
                reference.getMessageId());
        if (turn.isEmpty()) {
            return;
        }
        Messages texts = Messages.forLanguage(
                settings.user(DiscordDelivery.PLATFORM, event.getAuthor().getId())
                        .language()
                        .orElse(null));
        String text = message.getContentRaw()
                .replaceAll("<@!?" + event.getJDA().getSelfUser().getId() + ">", "")
                .strip();
        var origin = new Origin(
                DiscordDelivery.PLATFORM,
                message.getChannelId(),
                event.getAuthor().getId(),
                event.isFromGuild() ? Optional.of(event.getGuild().getId()) : Optional.empty());
        var request = new Generate.Request(
                origin,
                text,
                turn,
                Generate.Options.NONE,
                Optional.of(message.getId()),
                fetchers(message.getAttachments()));
        switch (generate(request)) {
            case Generate.Result.Refused refused ->
                message.reply(texts.refusal(refused.refusal())).queue();
            case Generate.Result.ImageRejected rejected ->
                message.reply(rejected(texts, rejected)).queue();
            case Generate.Result.Accepted accepted ->
                conversations.link(
                        new MessageRef(DiscordDelivery.PLATFORM, message.getChannelId(), message.getId()),
                        accepted.userTurn().id());
        }
    }

    private void submit(
            Interaction interaction,
            InteractionHook hook,
            Messages texts,
            OptionalLong parent,
            Optional<String> prompt,
            List<Message.Attachment> files,
            Optional<String> model,
            Optional<String> ratio) {
        String requestId = Responses.requestId(interaction.getIdLong());
        // Registered before submitting: the runner may report the job's first step at once.
        responses.put(Responses.Response.of(interaction, uploadLimit(interaction)));
        var request = new Generate.Request(
                origin(interaction),
                prompt.orElse(""),
                parent,
                new Generate.Options(model, ratio, Optional.empty()),
                Optional.of(requestId),
                fetchers(files));
        switch (generate(request)) {
            case Generate.Result.Refused refused -> {
                responses.forget(Optional.of(requestId));
                hook.editOriginal(texts.refusal(refused.refusal())).queue();
            }
            case Generate.Result.ImageRejected rejected -> {
                responses.forget(Optional.of(requestId));
                hook.editOriginal(rejected(texts, rejected)).queue();
            }
            case Generate.Result.Accepted accepted -> {
                // The response is edited into the job's progress and result from here on.
            }
        }
    }

    /** Hands a request to the core, which checks the user before it downloads anything. */
    private Generate.Result generate(Generate.Request request) {
        try {
            return generate.submit(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Generate.Result.Refused(new Refusal.Restarting());
        }
    }

    private static String rejected(Messages texts, Generate.Result.ImageRejected rejected) {
        return texts.imageRejected(rejected.position(), rejected.count(), rejected.name(), rejected.problem());
    }

    /** The attachments, to be downloaded from their URLs only when the core asks. */
    private List<ImageFetcher> fetchers(List<Message.Attachment> files) {
        return files.stream().map(this::fetcher).toList();
    }

    private ImageFetcher fetcher(Message.Attachment file) {
        return new ImageFetcher() {
            @Override
            public String name() {
                return file.getFileName();
            }

            @Override
            public OptionalLong declaredSize() {
                return OptionalLong.of(file.getSize());
            }

            @Override
            public byte[] fetch() throws IOException {
                try (InputStream in =
                        file.getProxy().withClient(downloads).download().get()) {
                    return in.readAllBytes();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while downloading an attachment");
                } catch (ExecutionException e) {
                    // The class only: the message may hold the attachment's signed URL.
                    throw new IOException(
                            "downloading an attachment failed: "
                                    + e.getCause().getClass().getSimpleName(),
                            e.getCause());
                }
            }
        };
    }

    private static long uploadLimit(Interaction interaction) {
        // JDA does not expose the interaction's attachment_size_limit; the guild's boost tier sets it.
        return interaction.getGuild() == null
                ? Responses.DEFAULT_UPLOAD_LIMIT
                : interaction.getGuild().getMaxFileSize();
    }

    private OptionalLong turnOf(Message message) {
        return conversations.resolve(new MessageRef(DiscordDelivery.PLATFORM, message.getChannelId(), message.getId()));
    }
}
