package dev.redraw.discord;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Handlers of one kind of interaction, found by their name or by the prefix of an id the bot gave out. */
final class Routes<H> {

    private final Map<String, H> byKey = new LinkedHashMap<>();

    Routes(List<H> handlers, Function<H, String> key) {
        for (H handler : handlers) {
            if (byKey.putIfAbsent(key.apply(handler), handler) != null) {
                throw new IllegalArgumentException("two handlers for " + key.apply(handler));
            }
        }
        for (String a : byKey.keySet()) {
            for (String b : byKey.keySet()) {
                if (!a.equals(b) && b.startsWith(a)) {
                    throw new IllegalArgumentException("prefix " + a + " shadows " + b);
                }
            }
        }
    }

    /** The handler of exactly this name. */
    Optional<H> named(String name) {
        return Optional.ofNullable(byKey.get(name));
    }

    /** The handler whose key starts this id. */
    Optional<H> prefixOf(String id) {
        return byKey.entrySet().stream()
                .filter(route -> id.startsWith(route.getKey()))
                .map(Map.Entry::getValue)
                .findFirst();
    }
}
