package dev.redraw.discord;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Handlers of one kind of interaction, found by their name or by the prefix of an id the bot gave out. */
final class Routes<H> {

    private final Map<String, H> byKey;

    /** @throws IllegalStateException when two handlers have the same key */
    Routes(List<H> handlers, Function<H, String> key) {
        byKey = handlers.stream().collect(Collectors.toUnmodifiableMap(key, Function.identity()));
    }

    /** The handler of exactly this name. */
    Optional<H> named(String name) {
        return Optional.ofNullable(byKey.get(name));
    }

    /** The handler whose key starts this id; the longest such key, should one start another. */
    Optional<H> prefixOf(String id) {
        return byKey.entrySet().stream()
                .filter(route -> id.startsWith(route.getKey()))
                .max(Comparator.comparingInt(route -> route.getKey().length()))
                .map(Map.Entry::getValue);
    }
}
