package dev.redraw.discord;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;
import okhttp3.OkHttpClient;

/**
 * Hands each Discord event to its handler: slash and context-menu commands by name, buttons and
 * modals by the prefix of their id, autocomplete, replies to the bot's images, and direct messages
 * and mentions of the bot to theirs. Each
 * event is handled on its own virtual thread (see {@link DiscordBot}), so blocking calls hold up
 * only the user who caused them; a handler that fails still answers the user (see {@link
 * FailureAnswers}).
 */
public final class DiscordListener extends ListenerAdapter {

    private final UserPreferences users;
    private final Routes<SlashCommand> commands;
    private static final Function<Messages, String> GONE = Messages::imageGone;
    private final Routes<ButtonHandler> buttons;
    private final Routes<ModalHandler> modals;
    private final Routes<MessageCommand> menus;
    private final ModelAutocomplete autocomplete;
    private final RequestAutocomplete settingsChoices;
    private final HelpCommand help;
    private final ResultReplies replies;
    private final MessagePrompts prompts;

    /** @param readsMessages whether the bot has the message-content intent */
    DiscordListener(
            ChatServices core,
            Responses responses,
            OkHttpClient downloads,
            boolean readsMessages,
            DiscordGallery gallery,
            Runnable forgotten) {
        users = new UserPreferences(core.preferences(), responses);
        help = new HelpCommand(readsMessages, CommandDefinitions.imageLimit(core.generation()));
        var submitter = new Submitter(core.generate(), responses, downloads);
        var press = new ResultPress(core.results());
        var tree = new TreeCommand(core.trees());
        commands = new Routes<>(
                List.of(
                        new ImagineCommand("imagine", submitter, users),
                        new ImagineCommand("blend", submitter, users),
                        new SettingsCommand(core.preferences(), core.gallery()),
                        new GalleryCommand(core.gallery()),
                        new UsageCommand(core.desk()),
                        new CancelCommand(core.desk()),
                        new ForgetCommand(),
                        new AdministrationCommand(core.admin()),
                        tree,
                        help),
                SlashCommand::name);
        buttons = new Routes<>(
                List.of(
                        new EditButton(press),
                        new RerollButton(press, core.desk(), submitter, users),
                        new OriginalButton(press, core.originals()),
                        new ShareButton(core.gallery(), gallery),
                        new ForgetButtons(core.desk(), forgotten),
                        new CancelButtons(core.desk())),
                ButtonHandler::prefix);
        modals = new Routes<>(
                List.of(new EditTurnModal(press, submitter, users), new EditMessageModal(submitter, users)),
                ModalHandler::prefix);
        menus = new Routes<>(List.of(new EditImageMenu(core.results()), tree.menu()), MessageCommand::name);
        autocomplete = new ModelAutocomplete(core.generation());
        settingsChoices = new RequestAutocomplete(core.preferences());
        var requests = new MessageRequests(submitter);
        replies = new ResultReplies(core.results(), requests, users);
        prompts = new MessagePrompts(readsMessages, requests, users);
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        dispatch(
                event,
                "/" + event.getName(),
                commands.named(event.getName()),
                SlashCommand::onSlash,
                texts -> help.text(event.getJDA(), texts));
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        dispatch(
                event,
                event.getName(),
                menus.named(event.getName()),
                MessageCommand::onMessageCommand,
                texts -> help.text(event.getJDA(), texts));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        dispatch(event, "a button", buttons.prefixOf(event.getComponentId()), ButtonHandler::onButton, GONE);
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        dispatch(event, "a modal", modals.prefixOf(event.getModalId()), ModalHandler::onModal, GONE);
    }

    /**
     * Remembers the user's language and hands the event to its handler, or answers {@code unknown}
     * when it has none; a failure is answered all the same.
     */
    private <E extends IReplyCallback, H> void dispatch(
            E event, String what, Optional<H> handler, Handle<H, E> handle, Function<Messages, String> unknown) {
        FailureAnswers.interaction(event, what, () -> {
            Messages texts = users.texts(event);
            handler.ifPresentOrElse(
                    found -> handle.accept(found, event, texts),
                    () -> event.reply(unknown.apply(texts)).setEphemeral(true).queue());
        });
    }

    /** How a handler takes an event. */
    @FunctionalInterface
    private interface Handle<H, E> {
        void accept(H handler, E event, Messages texts);
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        FailureAnswers.run(
                "autocomplete",
                () -> {
                    if (RequestAutocomplete.handles(event)) {
                        settingsChoices.onAutocomplete(event);
                    } else {
                        autocomplete.onAutocomplete(event);
                    }
                },
                () -> Messages.forLanguage(event.getUserLocale().getLocale()),
                text -> event.replyChoices(List.of()).queue());
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        FailureAnswers.message(event, () -> language(event), () -> {
            replies.onMessage(event);
            prompts.onMessage(event);
        });
    }

    /** The language remembered for the message's author, or the default one if it cannot be read. */
    private Messages language(MessageReceivedEvent event) {
        try {
            return users.remembered(event.getAuthor());
        } catch (RuntimeException e) {
            return Messages.forLanguage(null);
        }
    }
}
