package dev.redraw.telegram.fake;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Telegram user who writes to the bot in a {@link FakeTelegram} script.
 *
 * @param username without the leading {@code @}; may be null
 * @param languageCode IETF tag as Telegram sends it ({@code en}, {@code de}); may be null
 */
public record FakeUser(long id, String firstName, String username, String languageCode) {

    /** A user with an English client and no username. */
    public static FakeUser of(long id, String firstName) {
        return new FakeUser(id, firstName, null, "en");
    }

    public FakeUser withLanguage(String code) {
        return new FakeUser(id, firstName, username, code);
    }

    public FakeUser withUsername(String name) {
        return new FakeUser(id, firstName, name, languageCode);
    }

    ObjectNode json() {
        ObjectNode node = FakeTelegram.MAPPER.createObjectNode();
        node.put("id", id);
        node.put("is_bot", false);
        node.put("first_name", firstName);
        if (username != null) {
            node.put("username", username);
        }
        if (languageCode != null) {
            node.put("language_code", languageCode);
        }
        return node;
    }
}
