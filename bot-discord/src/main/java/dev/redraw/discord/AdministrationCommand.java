package dev.redraw.discord;

import dev.redraw.core.admin.AdminAnswer;
import dev.redraw.core.admin.AdminRequests;
import dev.redraw.core.admin.Administration;
import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * /admin for the bot's administrators, one subcommand per action. The options are read back into
 * the words the core reads on every platform ({@code grant discord:7 20}), so whatever a client
 * sends (an id typed by hand, a count outside the range Discord shows) is checked there. Answers
 * are seen by the administrator only; anyone else is told the command is for administrators.
 */
final class AdministrationCommand implements SlashCommand {

    static final String USER = "user";
    static final String ID = "id";
    static final String IMAGES = "images";

    private final Administration admin;

    AdministrationCommand(Administration admin) {
        this.admin = admin;
    }

    @Override
    public String name() {
        return "admin";
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        var origin = Origins.of(event);
        var admins = texts.admin();
        if (!admin.isAdmin(origin)) {
            event.reply(admins.answer(new AdminAnswer.NotAdmin()))
                    .setEphemeral(true)
                    .queue();
            return;
        }
        switch (parse(event)) {
            case AdminRequests.Command command -> {
                // A reload may wait for one under way: acknowledged first, within Discord's 3 s.
                var hook = event.deferReply(true).complete();
                hook.editOriginal(admins.answer(admin.run(
                                origin,
                                command.command(),
                                Optional.of(DiscordDelivery.PLATFORM + ":interaction:" + event.getId()))))
                        .queue();
            }
            case AdminRequests.Problem problem ->
                event.reply(admins.problem(problem)).setEphemeral(true).queue();
        }
    }

    /** The subcommand and its options, read as words: the picked user wins over an id typed beside it. */
    static AdminRequests.Parsed parse(SlashCommandInteractionEvent event) {
        String action = Optional.ofNullable(event.getSubcommandName()).orElse("");
        List<String> words = new ArrayList<>();
        words.add(action);
        Optional<String> user = Optional.ofNullable(event.getOption(USER))
                .map(OptionMapping::getAsUser)
                .map(User::getId)
                .map(id -> DiscordDelivery.PLATFORM + ":" + id)
                .or(() -> SlashCommand.option(event, ID).map(String::strip).filter(id -> !id.isEmpty()));
        if (user.isPresent()) {
            // Without its platform an id is no user (the same digits may be anyone on the other one).
            if (AdminRequests.user(user.get()).isEmpty()) {
                return new AdminRequests.Problem(AdminRequests.Problem.Kind.BAD_USER, action, user.get());
            }
            words.add(user.get());
        }
        SlashCommand.option(event, IMAGES).ifPresent(words::add);
        return AdminRequests.parse(String.join(" ", words), Optional.empty());
    }
}
