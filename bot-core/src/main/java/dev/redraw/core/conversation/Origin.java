package dev.redraw.core.conversation;

import java.util.Objects;

/** Where a turn came from: the platform, the chat and the user. */
public record Origin(String platform, String chatId, String userId) {
    public Origin {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(userId, "userId");
    }
}
