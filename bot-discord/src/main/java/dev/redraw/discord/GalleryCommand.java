package dev.redraw.discord;

import dev.redraw.core.request.Gallery;
import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;

/**
 * /gallery set channel:#c, /gallery off, /gallery show: a server's gallery of shared results. Only
 * members who may manage the server set or remove it; the bot must be able to post in the channel,
 * and so must the manager. Answers are seen by the asker alone.
 */
final class GalleryCommand implements SlashCommand {

    static final String CHANNEL = "channel";

    private final Gallery gallery;

    GalleryCommand(Gallery gallery) {
        this.gallery = gallery;
    }

    @Override
    public String name() {
        return "gallery";
    }

    /** The asker's standing in the server the interaction came from. */
    static Preferences.ChatRole standing(Interaction interaction) {
        Member member = interaction.getMember();
        if (member == null || interaction.getGuild() == null) {
            return Preferences.ChatRole.PRIVATE_CHAT;
        }
        return member.hasPermission(Permission.MANAGE_SERVER)
                ? Preferences.ChatRole.ADMIN
                : Preferences.ChatRole.MEMBER;
    }

    /** A remix role as Discord writes it in a message: its mention, which shows its name. */
    static String role(Optional<String> roleId) {
        return roleId.map(id -> "<@&" + id + ">").orElse("");
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        String subcommand = event.getSubcommandName() == null ? "show" : event.getSubcommandName();
        var origin = Origins.of(event);
        Preferences.ChatRole standing = standing(event);
        String answer = switch (subcommand) {
            case "set" -> set(event, texts, standing);
            case "off" -> texts.managed(gallery.clearGallery(origin, standing), "", "");
            default -> {
                if (standing == Preferences.ChatRole.PRIVATE_CHAT) {
                    yield texts.galleryPrivateChat();
                }
                Gallery.Overview overview = gallery.overview(origin);
                yield texts.galleryOverview(
                        overview,
                        overview.galleryChatId().map(id -> "<#" + id + ">"),
                        texts.remixRole(role(overview.rules().remixRole())));
            }
        };
        event.reply(answer)
                .setEphemeral(true)
                .setAllowedMentions(java.util.List.of())
                .queue();
    }

    private String set(SlashCommandInteractionEvent event, Messages texts, Preferences.ChatRole standing) {
        OptionMapping option = event.getOption(CHANNEL);
        if (standing != Preferences.ChatRole.ADMIN) {
            Gallery.Managed refused = standing == Preferences.ChatRole.PRIVATE_CHAT
                    ? new Gallery.Managed.PrivateChat()
                    : new Gallery.Managed.NotManager();
            return texts.managed(refused, "", "");
        }
        if (option == null) {
            return texts.galleryCommand("set");
        }
        String mention = "<#" + option.getAsString() + ">";
        // Discord offers the server's own channels only; one of another server is refused all the same.
        if (!(option.getAsChannel() instanceof GuildMessageChannel channel)
                || !channel.getGuild().getId().equals(event.getGuild().getId())) {
            return texts.galleryNotFound(mention);
        }
        if (!channel.getGuild().getSelfMember().hasPermission(channel, DiscordGallery.NEEDED)) {
            return texts.galleryBotCannotPost(mention);
        }
        if (!event.getMember().hasPermission(channel, Permission.VIEW_CHANNEL, Permission.MESSAGE_SEND)) {
            return texts.galleryYouCannotPost(mention);
        }
        return texts.managed(gallery.setGallery(Origins.of(event), standing, channel.getId()), mention, "");
    }
}
