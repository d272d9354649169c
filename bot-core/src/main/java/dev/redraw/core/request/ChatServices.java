package dev.redraw.core.request;

import dev.redraw.core.admin.Administration;
import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.settings.CommunityStore;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.telemetry.Telemetry;
import dev.redraw.core.tree.Trees;
import java.time.Clock;

/**
 * What a chat platform adapter needs from the core. Requests with images go through
 * {@link #generate}, which downloads them only for users who may make images. Adapters use the use
 * cases ({@link #results}, {@link #preferences}, {@link #originals}, {@link #links}, {@link
 * #updates}, {@link #posts} and the rest); results are posted from what {@link #posts} prepares,
 * and recorded through it.
 */
public record ChatServices(
        RequestDesk desk,
        GenerationService generation,
        ConversationStore conversations,
        ImageStore images,
        Generate generate,
        SettingsStore settings,
        StatusRecords statuses,
        ResultActions results,
        Preferences preferences,
        Originals originals,
        MessageLinks links,
        HandledUpdates updates,
        ResultPosts posts,
        Clock clock,
        Telemetry telemetry,
        Administration admin,
        Trees trees,
        CommunityStore community,
        Gallery gallery) {

    /**
     * The services over these stores, with every use case built on them; {@code telemetry} hears
     * what the adapter sees of its platform ({@link Telemetry#NONE} for nothing); {@code admin} runs
     * the administrators' commands; {@code trees} makes the links to tree pages; {@code community}
     * keeps the communities' galleries and rules.
     */
    public static ChatServices of(
            RequestDesk desk,
            GenerationService generation,
            ConversationStore conversations,
            ImageStore images,
            Generate generate,
            SettingsStore settings,
            StatusRecords statuses,
            Clock clock,
            Telemetry telemetry,
            Administration admin,
            Trees trees,
            CommunityStore community) {
        var results = new ResultActions(conversations, new RemixRules(settings, community));
        var gallery = new Gallery(
                community, new RemixRules(settings, community), conversations, images, settings, results, trees, clock);
        return new ChatServices(
                desk,
                generation,
                conversations,
                images,
                generate,
                settings,
                statuses,
                results,
                new Preferences(settings, generation),
                new Originals(images),
                new MessageLinks(conversations),
                new HandledUpdates(settings),
                new ResultPosts(conversations, images, settings, gallery),
                clock,
                telemetry,
                admin,
                trees,
                community,
                gallery);
    }

    /** The same services over other settings and conversation stores (wrapped ones, for one), every use case rebuilt on them. */
    public ChatServices over(SettingsStore settings, ConversationStore conversations) {
        return of(
                desk,
                generation,
                conversations,
                images,
                generate,
                settings,
                statuses,
                clock,
                telemetry,
                admin,
                trees,
                community);
    }
}
