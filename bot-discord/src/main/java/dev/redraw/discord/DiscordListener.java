package dev.redraw.discord;

import dev.redraw.core.request.ChatServices;
import dev.redraw.core.text.Messages;
import java.util.List;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import okhttp3.OkHttpClient;

/**
 * Hands each Discord event to its handler: slash and context-menu commands by name, buttons and
 * modals by the prefix of their id, autocomplete and replies to the bot's images to theirs. Each
 * event is handled on its own virtual thread (see {@link DiscordBot}), so blocking calls hold up
 * only the user who caused them; a handler that fails still answers the user (see {@link
 * FailureAnswers}).
 */
public final class DiscordListener extends ListenerAdapter {

    private final UserPreferences users;
    private final Routes<SlashCommand> commands;
    private final SlashCommand help = new HelpCommand();
    private final Routes<ButtonHandler> buttons;
    private final Routes<ModalHandler> modals;
    private final Routes<MessageCommand> menus;
    private final ModelAutocomplete autocomplete;
    private final ResultReplies replies;

    DiscordListener(ChatServices core, Responses responses, OkHttpClient downloads) {
        users = new UserPreferences(core.settings());
        var submitter = new Submitter(core.generate(), responses, downloads);
        var press = new ResultPress(core.results());
        commands = new Routes<>(
                List.of(
                        new ImagineCommand("imagine", submitter, users),
                        new ImagineCommand("blend", submitter, users),
                        new SettingsCommand(core.settings(), core.generation()),
                        new UsageCommand(core.desk()),
                        new CancelCommand(core.desk()),
                        new ForgetCommand(),
                        help),
                SlashCommand::name);
        buttons = new Routes<>(
                List.of(
                        new EditButton(press),
                        new RerollButton(press, core.desk(), submitter, users),
                        new OriginalButton(press, core.images()),
                        new ForgetButtons(core.desk())),
                ButtonHandler::prefix);
        modals = new Routes<>(
                List.of(new EditTurnModal(press, submitter, users), new EditMessageModal(submitter, users)),
                ModalHandler::prefix);
        menus = new Routes<>(List.of(new EditImageMenu(core.conversations())), MessageCommand::name);
        autocomplete = new ModelAutocomplete(core.generation());
        replies = new ResultReplies(core.results(), core.conversations(), submitter, users);
    }

    @Override
    public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
        FailureAnswers.interaction(event, "/" + event.getName(), () -> {
            Messages texts = users.texts(event);
            commands.named(event.getName()).orElse(help).onSlash(event, texts);
        });
    }

    @Override
    public void onMessageContextInteraction(MessageContextInteractionEvent event) {
        FailureAnswers.interaction(event, event.getName(), () -> {
            Messages texts = users.texts(event);
            menus.named(event.getName())
                    .ifPresentOrElse(
                            menu -> menu.onMessageCommand(event, texts),
                            () -> event.reply(texts.help("redraw"))
                                    .setEphemeral(true)
                                    .queue());
        });
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
        FailureAnswers.interaction(event, "a button", () -> {
            Messages texts = users.texts(event);
            buttons.prefixOf(event.getComponentId())
                    .ifPresentOrElse(
                            button -> button.onButton(event, texts),
                            () -> event.reply(texts.imageGone())
                                    .setEphemeral(true)
                                    .queue());
        });
    }

    @Override
    public void onModalInteraction(ModalInteractionEvent event) {
        FailureAnswers.interaction(event, "a modal", () -> {
            Messages texts = users.texts(event);
            modals.prefixOf(event.getModalId())
                    .ifPresentOrElse(
                            modal -> modal.onModal(event, texts),
                            () -> event.reply(texts.imageGone())
                                    .setEphemeral(true)
                                    .queue());
        });
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
        FailureAnswers.run(
                "autocomplete",
                () -> autocomplete.onAutocomplete(event),
                () -> Messages.forLanguage(event.getUserLocale().getLocale()),
                text -> event.replyChoices(List.of()).queue());
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
        FailureAnswers.message(event, () -> language(event), () -> replies.onMessage(event));
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
