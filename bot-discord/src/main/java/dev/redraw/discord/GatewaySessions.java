package dev.redraw.discord;

import net.dv8tion.jda.api.utils.SessionControllerAdapter;

/** Points JDA's gateway connection at the configured URL (a single-shard JDA asks the session controller). */
final class GatewaySessions extends SessionControllerAdapter {

    private final String gatewayUrl;

    GatewaySessions(String gatewayUrl) {
        this.gatewayUrl = gatewayUrl;
    }

    @Override
    public String getGateway() {
        return gatewayUrl;
    }
}
