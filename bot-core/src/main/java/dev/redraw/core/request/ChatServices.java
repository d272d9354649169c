package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.settings.SettingsStore;
import java.time.Clock;

/**
 * What a chat platform adapter needs from the core. Requests with images go through
 * {@link #generate}, which downloads them only for users who may make images; results are posted
 * from what {@link #posts} prepares, and recorded through it.
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
        ResultPosts posts,
        Clock clock) {}
