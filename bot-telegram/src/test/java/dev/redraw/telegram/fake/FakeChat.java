package dev.redraw.telegram.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A chat in a {@link FakeTelegram} script.
 *
 * @param type {@code private}, {@code group}, {@code supergroup} or {@code channel}
 * @param title the group title; for a private chat the other user's first name
 */
public record FakeChat(long id, String type, String title, String username) {

    /** The private chat with a user: Telegram gives it the user's id. */
    public static FakeChat privateWith(FakeUser user) {
        return new FakeChat(user.id(), "private", user.firstName(), user.username());
    }

    /** A basic group; Telegram group ids are negative. */
    public static FakeChat group(long id, String title) {
        return new FakeChat(id, "group", title, null);
    }

    /** A supergroup; Telegram gives them ids below -1000000000000. */
    public static FakeChat supergroup(long id, String title) {
        return new FakeChat(id, "supergroup", title, null);
    }

    /** A channel, which the bot posts in as an administrator; Telegram gives them ids below -1000000000000. */
    public static FakeChat channel(long id, String title, String username) {
        return new FakeChat(id, "channel", title, username);
    }

    public boolean isPrivate() {
        return type.equals("private");
    }

    ObjectNode json() {
        ObjectNode node = FakeTelegram.MAPPER.createObjectNode();
        node.put("id", id);
        node.put("type", type);
        if (isPrivate()) {
            node.put("first_name", title);
        } else {
            node.put("title", title);
        }
        if (username != null) {
            node.put("username", username);
        }
        return node;
    }
}
