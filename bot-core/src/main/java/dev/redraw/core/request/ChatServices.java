package dev.redraw.core.request;

import dev.redraw.core.conversation.ConversationStore;
import dev.redraw.core.conversation.ImageStore;
import dev.redraw.core.image.ImageIntake;
import dev.redraw.core.job.StatusRecords;
import dev.redraw.core.settings.SettingsStore;
import java.time.Clock;

/** What a chat platform adapter needs from the core. */
public record ChatServices(
        RequestDesk desk,
        GenerationService generation,
        ConversationStore conversations,
        ImageStore images,
        ImageIntake intake,
        SettingsStore settings,
        StatusRecords statuses,
        ResultActions results,
        Clock clock) {}
