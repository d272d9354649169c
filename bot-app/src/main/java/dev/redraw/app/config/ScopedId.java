package dev.redraw.app.config;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A user, chat or guild id together with the platform it belongs to, written {@code platform:id} in
 * the config file: {@code telegram:123456}, {@code telegram:-1001234567890} (a group chat) or {@code
 * discord:987654321012345678}.
 *
 * <p>Ids are kept as text because platforms differ in what they allow; only the part before the first
 * {@code ':'} is the platform, so an id may itself contain {@code ':'} or {@code '-'}.
 *
 * @param platform {@code telegram}, {@code discord} or {@code console}, in lower case
 * @param id the id on that platform; not empty and without white space
 */
public record ScopedId(String platform, String id) {

    public static final String TELEGRAM = "telegram";
    public static final String DISCORD = "discord";
    public static final String CONSOLE = "console";

    /** Every platform a scoped id may name. */
    public static final List<String> PLATFORMS = List.of(TELEGRAM, DISCORD, CONSOLE);

    private static final Pattern ID = Pattern.compile("\\S+");

    /**
     * @throws IllegalArgumentException when the platform is unknown or the id is empty or holds white
     *     space
     */
    public ScopedId {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(id, "id");
        if (!PLATFORMS.contains(platform) || !ID.matcher(id).matches()) {
            throw notAScopedId(platform + ":" + id);
        }
    }

    /**
     * Reads the config-file spelling {@code platform:id}.
     *
     * @throws IllegalArgumentException showing the accepted form when {@code text} is not a scoped id
     */
    public static ScopedId parse(String text) {
        String trimmed = text.strip();
        int colon = trimmed.indexOf(':');
        if (colon < 0) {
            throw notAScopedId(trimmed);
        }
        return new ScopedId(trimmed.substring(0, colon), trimmed.substring(colon + 1));
    }

    /** Whether this id belongs to Discord, the only platform with guilds. */
    public boolean isDiscord() {
        return platform.equals(DISCORD);
    }

    /** The config-file spelling, {@code platform:id}. */
    @Override
    public String toString() {
        return platform + ":" + id;
    }

    /**
     * Reads a guild id, which must be a Discord one.
     *
     * @throws IllegalArgumentException when {@code text} is not a scoped id or not a Discord one
     */
    static ScopedId parseGuild(String text) {
        ScopedId guild = parse(text);
        if (!guild.isDiscord()) {
            throw new IllegalArgumentException(notAGuild(guild));
        }
        return guild;
    }

    /** Checks a guild id given to a record, reporting a non-Discord one at {@code key}. */
    static void requireGuild(ScopedId guild, String key) {
        if (!Values.require(guild, key).isDiscord()) {
            throw ConfigException.at(key, notAGuild(guild));
        }
    }

    private static String notAGuild(ScopedId guild) {
        return "'" + guild + "' is not a guild id; guilds exist only on Discord, so write " + DISCORD + ":ID";
    }

    private static IllegalArgumentException notAScopedId(String text) {
        String last = PLATFORMS.getLast();
        String platforms = String.join(", ", PLATFORMS.subList(0, PLATFORMS.size() - 1)) + " or " + last;
        return new IllegalArgumentException("'" + text + "' is not a scoped id like telegram:123456 or"
                + " discord:987654321012345678 (platform is " + platforms + ")");
    }
}
