package dev.redraw.discord;

import dev.redraw.core.conversation.Origin;
import dev.redraw.core.text.Messages;
import dev.redraw.core.tree.Trees;
import java.util.Optional;
import net.dv8tion.jda.api.events.interaction.command.MessageContextInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.callbacks.IReplyCallback;

/**
 * /tree, and the Show edit tree context menu on a result: a private link to the web page of a
 * conversation's edit tree, answered to the user alone. The menu marks the result it was opened on;
 * /tree shows the user's newest conversation in this channel.
 */
final class TreeCommand implements SlashCommand {

    static final String NAME = "tree";

    private final Trees trees;

    TreeCommand(Trees trees) {
        this.trees = trees;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        answer(event, Origins.of(event), Optional.empty(), texts);
    }

    /** The Show edit tree context menu, which marks the result it was opened on. */
    MessageCommand menu() {
        return new MessageCommand() {
            @Override
            public String name() {
                return CommandDefinitions.TREE_MENU;
            }

            @Override
            public void onMessageCommand(MessageContextInteractionEvent event, Messages texts) {
                answer(event, Origins.of(event), Optional.of(event.getTarget().getId()), texts);
            }
        };
    }

    private void answer(IReplyCallback event, Origin asker, Optional<String> message, Messages texts) {
        String text = switch (trees.link(asker, message, texts.treePage().language())) {
            case Trees.Asked.Link link -> texts.treeLink(link.url(), link.expiresAt());
            case Trees.Asked.NoConversation ignored -> texts.treeNone();
            case Trees.Asked.Gone ignored -> texts.imageGone();
            case Trees.Asked.Unavailable ignored -> texts.treeUnavailable();
        };
        // Only the user sees it, and Discord does not fetch the page to preview it.
        event.reply(text).setEphemeral(true).setSuppressEmbeds(true).queue();
    }
}
