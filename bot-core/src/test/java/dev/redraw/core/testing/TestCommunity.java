package dev.redraw.core.testing;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.limits.Bulkheads;
import dev.redraw.core.link.Tokens;
import dev.redraw.core.request.Gallery;
import dev.redraw.core.request.ResultActions;
import dev.redraw.core.settings.RemixRules;
import dev.redraw.core.settings.SettingsStore;
import dev.redraw.core.storage.Database;
import dev.redraw.core.storage.JdbcCommunityStore;
import dev.redraw.core.storage.JdbcTreeStore;
import dev.redraw.core.tree.Trees;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** A community's gallery and rules over a test database, with what they are built on. */
public final class TestCommunity {

    public final JdbcCommunityStore store;
    public final RemixRules remix;
    public final ResultActions results;
    public final Trees trees;
    public final Gallery gallery;

    public TestCommunity(
            Database database,
            Clock clock,
            ConversationStore conversations,
            ImageStore images,
            SettingsStore settings) {
        store = new JdbcCommunityStore(database.dataSource(), clock);
        remix = new RemixRules(settings, store);
        results = new ResultActions(conversations, remix);
        trees = new Trees(
                conversations,
                images,
                new JdbcTreeStore(database.dataSource(), clock),
                remix,
                Bulkheads.forThisMachine(),
                Optional.empty(),
                Duration.ofDays(7),
                clock,
                new Tokens(new SecureRandom()));
        gallery = new Gallery(store, remix, conversations, images, settings, results, trees, clock);
    }
}
