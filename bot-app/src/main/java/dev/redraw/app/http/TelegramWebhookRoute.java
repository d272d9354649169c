package dev.redraw.app.http;

import dev.redraw.telegram.TelegramWebhook;

/** Telegram's webhook, served at exactly the path of {@code telegram.webhook-url}. */
public record TelegramWebhookRoute(TelegramWebhook webhook) implements Route {

    /** Registers the webhook at {@code path} on {@code server}. */
    public void register(WebServer server, String path) {
        server.route(path, this);
    }

    @Override
    public WebResponse handle(WebRequest request) {
        if (!request.rest().isEmpty()) {
            return WebResponse.notFound();
        }
        var answer = webhook.receive(request.method(), request.header(TelegramWebhook.SECRET_HEADER), request::body);
        return WebResponse.text(answer.status(), answer.text());
    }
}
