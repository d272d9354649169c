package dev.redraw.telegram;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where an update is handled in order with others, read from the update as Telegram sent it (so
 * that one the library cannot read still finds its lane, to be skipped there): a chat's updates
 * in order; a callback without its message, per user.
 */
final class UpdateLanes {

    private UpdateLanes() {}

    static String laneOf(JsonNode update) {
        for (String field : new String[] {"message", "edited_message", "channel_post", "edited_channel_post"}) {
            JsonNode chat = update.path(field).path("chat").path("id");
            if (chat.isIntegralNumber()) {
                return "chat:" + chat.asLong();
            }
        }
        JsonNode query = update.path("callback_query");
        JsonNode chat = query.path("message").path("chat").path("id");
        if (chat.isIntegralNumber()) {
            return "chat:" + chat.asLong();
        }
        JsonNode user = query.path("from").path("id");
        if (user.isIntegralNumber()) {
            return "user:" + user.asLong();
        }
        return "other";
    }

    /** The album (media group) a new message belongs to; null for anything else. */
    static String albumOf(JsonNode update) {
        JsonNode group = update.path("message").path("media_group_id");
        return group.isTextual() || group.isNumber() ? group.asText() : null;
    }
}
