package dev.redraw.core.conversation;

import java.util.Objects;

/** A message on a platform; both user messages and bot messages are linked to turns. */
public record MessageRef(String platform, String chatId, String messageId) {
    public MessageRef {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(messageId, "messageId");
    }
}
