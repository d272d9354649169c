package dev.redraw.core.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where administrators cannot decide anything: nobody banned, nothing granted, never paused. */
final class NoDecisions implements AdminStore {

    @Override
    public boolean ban(String user, String by, Instant at) {
        throw cannot();
    }

    @Override
    public boolean unban(String user) {
        return false;
    }

    @Override
    public boolean isBanned(String user) {
        return false;
    }

    @Override
    public List<Ban> bans() {
        return List.of();
    }

    @Override
    public boolean grant(String user, int images, String by, Instant at, Optional<String> request) {
        throw cannot();
    }

    @Override
    public int grantedSince(String user, Instant since) {
        return 0;
    }

    @Override
    public boolean pause(String by, Instant at) {
        throw cannot();
    }

    @Override
    public boolean resume() {
        return false;
    }

    @Override
    public Optional<Pause> pause() {
        return Optional.empty();
    }

    @Override
    public long requestReload(String by, Instant at) {
        throw cannot();
    }

    @Override
    public long reloadGeneration() {
        return 0;
    }

    private static UnsupportedOperationException cannot() {
        return new UnsupportedOperationException("no store for administrators' decisions here");
    }
}
