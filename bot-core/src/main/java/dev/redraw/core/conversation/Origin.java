package dev.redraw.core.conversation;

import java.util.Objects;
import java.util.Optional;

/** Where a request came from: the platform, the chat, the user and, on Discord, the server. */
public record Origin(String platform, String chatId, String userId, Optional<String> guildId) {
    public Origin {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(guildId, "guildId");
    }

    public Origin(String platform, String chatId, String userId) {
        this(platform, chatId, userId, Optional.empty());
    }

    /** The chat or server whose community rules (such as remixing) apply: the Discord server, else the chat. */
    public String community() {
        return guildId.orElse(chatId);
    }

    /** The user as {@code platform:id}, the form access lists and usage reports use. */
    public String userKey() {
        return platform + ":" + userId;
    }
}
