package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.Objects;
import java.util.Optional;

/**
 * A different per-user image limit inside one chat or one Discord guild ({@code quotas.overrides[i]}).
 *
 * @param chat the chat this override applies in; given exactly when {@code guild} is not
 * @param guild the Discord guild this override applies in; given exactly when {@code chat} is not
 * @param imagesPerUser how many images one user may generate per quota window there; 0 leaves only
 *     admins
 */
public record QuotaOverride(Optional<ScopedId> chat, Optional<ScopedId> guild, int imagesPerUser) {

    public QuotaOverride {
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(guild, "guild");
        if (chat.isPresent() && guild.isPresent()) {
            throw ConfigException.at("guild", "give either chat or guild, not both");
        }
        if (chat.isEmpty() && guild.isEmpty()) {
            throw ConfigException.at("chat", "missing required key; an override needs either chat or guild");
        }
        guild.ifPresent(id -> ScopedId.requireGuild(id, "guild"));
        Values.requireRange(imagesPerUser, "images-per-user", 0, QuotasConfig.MAX_IMAGES_PER_USER);
    }

    /** The chat or guild this override applies in. */
    public ScopedId scope() {
        return chat.or(() -> guild).orElseThrow();
    }

    /** The key the scope is written under, {@code chat} or {@code guild}. */
    String scopeKey() {
        return chat.isPresent() ? "chat" : "guild";
    }

    @JsonCreator
    static QuotaOverride read(
            @JsonProperty("chat") ScopedId chat,
            @JsonProperty("guild") @JsonDeserialize(using = ConfigBinding.Guild.class) ScopedId guild,
            @JsonProperty("images-per-user") Integer imagesPerUser) {
        return new QuotaOverride(
                Optional.ofNullable(chat),
                Optional.ofNullable(guild),
                Values.require(imagesPerUser, "images-per-user"));
    }
}
