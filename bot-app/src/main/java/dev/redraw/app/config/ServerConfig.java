package dev.redraw.app.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The bot's embedded HTTP server, which serves the links to images that some models fetch and the
 * tree pages that {@code /tree} links to.
 *
 * @param port the port to listen on; empty leaves the server off; 0 takes any free port
 * @param bind the address to listen on; 127.0.0.1 keeps it to this machine (a reverse proxy in front)
 * @param publicUrl the address the server is reached at from outside, which image links start with;
 *     without it models that fetch their images by URL refuse edits
 * @param linkLifetime how long an image link works
 * @param maxRequests the most requests handled at once; more are answered 503 at once
 * @param treeLifetime how long the link to a tree page that {@code /tree} answers with works
 */
public record ServerConfig(
        OptionalInt port,
        String bind,
        Optional<URI> publicUrl,
        Duration linkLifetime,
        int maxRequests,
        Duration treeLifetime) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final Duration DEFAULT_LINK_LIFETIME = Duration.ofHours(1);
    public static final int DEFAULT_MAX_REQUESTS = 32;
    public static final Duration DEFAULT_TREE_LIFETIME = Duration.ofDays(7);

    public ServerConfig {
        Values.require(port, "port");
        port.ifPresent(value -> Values.requireRange(value, "port", 0, 65_535));
        Values.require(bind, "bind");
        if (bind.isBlank()) {
            throw ConfigException.at("bind", "must name an address such as 127.0.0.1 or 0.0.0.0");
        }
        Values.require(publicUrl, "public-url");
        publicUrl.ifPresent(ServerConfig::requirePublicUrl);
        if (publicUrl.isPresent() && port.isEmpty()) {
            throw ConfigException.at(
                    "port", "required because public-url is set: image links are served by this server");
        }
        Durations.requireRange(linkLifetime, "link-lifetime", Duration.ofMinutes(1), Duration.ofDays(7));
        Values.requireRange(maxRequests, "max-requests", 1, 10_000);
        Durations.requireRange(treeLifetime, "tree-lifetime", Duration.ofMinutes(1), Duration.ofDays(90));
    }

    /** The server switched off: no port, no public address. */
    public static ServerConfig defaults() {
        return new ServerConfig(
                OptionalInt.empty(),
                DEFAULT_BIND,
                Optional.empty(),
                DEFAULT_LINK_LIFETIME,
                DEFAULT_MAX_REQUESTS,
                DEFAULT_TREE_LIFETIME);
    }

    /** An absolute http(s) URL with a host, and nothing after its path: links are appended to it. */
    private static void requirePublicUrl(URI url) {
        Values.requireUrl(url, "public-url", Set.of("http", "https"), "an absolute http or https URL");
        if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
            throw ConfigException.at(
                    "public-url",
                    "'" + url + "' must not carry a user, a query or a fragment; links are added to its path");
        }
    }

    @JsonCreator
    static ServerConfig read(
            @JsonProperty("port") Integer port,
            @JsonProperty("bind") String bind,
            @JsonProperty("public-url") URI publicUrl,
            @JsonProperty("link-lifetime") Duration linkLifetime,
            @JsonProperty("max-requests") Integer maxRequests,
            @JsonProperty("tree-lifetime") Duration treeLifetime) {
        return new ServerConfig(
                port == null ? OptionalInt.empty() : OptionalInt.of(port),
                Objects.requireNonNullElse(bind, DEFAULT_BIND),
                Optional.ofNullable(publicUrl),
                Objects.requireNonNullElse(linkLifetime, DEFAULT_LINK_LIFETIME),
                Objects.requireNonNullElse(maxRequests, DEFAULT_MAX_REQUESTS),
                Objects.requireNonNullElse(treeLifetime, DEFAULT_TREE_LIFETIME));
    }
}
