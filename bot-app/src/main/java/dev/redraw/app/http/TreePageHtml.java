package dev.redraw.app.http;

import dev.redraw.core.conversation.ImageRef;
import dev.redraw.core.conversation.MessageRef;
import dev.redraw.core.text.Messages;
import dev.redraw.core.tree.TreePage;
import dev.redraw.core.tree.Trees;
import java.util.List;
import java.util.Optional;

/**
 * A tree page as HTML, written on the server and complete without JavaScript: nested lists whose
 * branches stand side by side, each node with its thumbnails, prompt and model, and a link to where
 * it was posted. Every address on it is relative to the page, so it works under any prefix a
 * reverse proxy puts in front of the server.
 */
final class TreePageHtml {

    private static final String STYLE = """
            body{font:14px/1.4 system-ui,sans-serif;margin:1.5rem;color:#1d1d1f;background:#fafafa}
            h1{font-size:1.4rem;margin:0 0 .4rem}
            .intro,.truncated{color:#555;margin:.2rem 0 1rem}
            .tree,.tree ul{list-style:none;margin:0;padding:0;display:flex;gap:.75rem;align-items:flex-start}
            .tree ul{padding-top:.75rem;border-top:2px solid #d0d0d6}
            .tree li{display:flex;flex-direction:column;align-items:center;gap:.5rem}
            .node{width:9rem;background:#fff;border:1px solid #d0d0d6;border-radius:8px;padding:.4rem;margin:0}
            .node.on-path{border:2px solid #4a6cf7}
            .node.marked{border:3px solid #e8590c;box-shadow:0 0 0 3px #ffd8a8}
            .node img{display:block;margin:0 auto;max-width:96px;max-height:96px;border-radius:4px;background:#eee}
            .node figcaption{font-size:12px;margin-top:.3rem;word-wrap:break-word}
            .prompt{display:block}
            .model,.badge{display:block;color:#666}
            .badge{color:#e8590c;font-weight:600}
            .where{display:block;margin-top:.2rem}
            """;

    private TreePageHtml() {}

    /** The page, for the link whose token is {@code token}. */
    static String render(TreePage page, Messages.TreePageTexts texts, String token) {
        StringBuilder html = new StringBuilder(4096 + page.size() * 512);
        html.append("<!doctype html><html lang=\"")
                .append(texts.language())
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"referrer\" content=\"no-referrer\">")
                .append("<meta name=\"robots\" content=\"noindex, nofollow\">")
                .append("<title>")
                .append(escape(texts.title()))
                .append("</title><style>")
                .append(STYLE)
                .append("</style></head><body><h1>")
                .append(escape(texts.title()))
                .append("</h1><p class=\"intro\">")
                .append(escape(texts.intro(imageCount(page.roots()), page.expiresAt())))
                .append("</p>");
        if (page.truncated()) {
            html.append("<p class=\"truncated\">")
                    .append(escape(texts.truncated(Trees.MAX_TURNS)))
                    .append("</p>");
        }
        if (page.roots().isEmpty()) {
            html.append("<p class=\"empty\">").append(escape(texts.empty())).append("</p>");
        } else {
            html.append("<ul class=\"tree\">");
            page.roots().forEach(node -> node(html, node, texts, token));
            html.append("</ul>");
        }
        return html.append("</body></html>").toString();
    }

    /**
     * A node and what was made from it. A run of single steps stands in one list item, one figure
     * under the other; only where a node has several results does a nested list of branches begin.
     * So a long chain of edits nests no deeper than its branches (browsers flatten HTML nested
     * past a few hundred levels), and nothing here recurses along a chain.
     */
    private static void node(StringBuilder html, TreePage.Node node, Messages.TreePageTexts texts, String token) {
        html.append("<li>");
        TreePage.Node current = node;
        figure(html, current, texts, token);
        while (current.children().size() == 1) {
            current = current.children().getFirst();
            figure(html, current, texts, token);
        }
        if (!current.children().isEmpty()) {
            html.append("<ul>");
            current.children().forEach(child -> node(html, child, texts, token));
            html.append("</ul>");
        }
        html.append("</li>");
    }

    private static void figure(StringBuilder html, TreePage.Node node, Messages.TreePageTexts texts, String token) {
        String mark = switch (node.mark()) {
            case MARKED -> " marked";
            case ON_PATH -> " on-path";
            case NONE -> "";
        };
        html.append("<figure class=\"node").append(mark).append("\" id=\"n").append(node.turnId());
        if (node.mark() == TreePage.Mark.MARKED) {
            html.append("\" aria-current=\"true");
        }
        html.append("\">");
        Optional<String> where = where(node, token);
        String prompt = node.prompt().isBlank() ? texts.noWords() : node.prompt();
        for (ImageRef image : node.images()) {
            where.ifPresent(
                    href -> html.append("<a href=\"").append(escape(href)).append("\">"));
            html.append("<img class=\"thumb\" src=\"")
                    .append(token)
                    .append("/thumb/")
                    .append(image.sha256())
                    .append("\" alt=\"")
                    .append(escape(prompt))
                    .append("\" loading=\"lazy\" decoding=\"async\">");
            where.ifPresent(href -> html.append("</a>"));
        }
        html.append("<figcaption>");
        if (node.mark() == TreePage.Mark.MARKED) {
            html.append("<span class=\"badge\">").append(escape(texts.marked())).append("</span>");
        }
        html.append("<span class=\"prompt\">")
                .append(escape(node.model().isEmpty() && node.prompt().isBlank() ? texts.photos() : prompt))
                .append("</span>");
        node.model()
                .ifPresent(model -> html.append("<span class=\"model\">")
                        .append(escape(model))
                        .append("</span>"));
        where.ifPresent(href -> html.append("<a class=\"where\" href=\"")
                .append(escape(href))
                .append("\">")
                .append(escape(isDiscord(node) ? texts.openDiscord() : texts.continueTelegram()))
                .append("</a>"));
        html.append("</figcaption></figure>");
    }

    /**
     * Where a node leads: on Discord, the message it was posted as (a jump URL); on Telegram, this
     * server's continue address, which makes a {@code start} link and sends the browser there.
     */
    private static Optional<String> where(TreePage.Node node, String token) {
        List<MessageRef> posted = node.posted();
        if (posted.isEmpty()) {
            return Optional.empty();
        }
        MessageRef first = posted.getFirst();
        return switch (first.platform()) {
            case "discord" ->
                // A result posted elsewhere than its request's channel went to the user's direct messages.
                Optional.of("https://discord.com/channels/"
                        + (first.chatId().equals(node.author().chatId())
                                ? node.author().guildId().orElse("@me")
                                : "@me")
                        + "/" + first.chatId() + "/" + first.messageId());
            case "telegram" -> Optional.of(token + "/go/" + node.turnId());
            default -> Optional.empty();
        };
    }

    private static boolean isDiscord(TreePage.Node node) {
        return !node.posted().isEmpty() && node.posted().getFirst().platform().equals("discord");
    }

    private static int imageCount(List<TreePage.Node> nodes) {
        int count = 0;
        for (TreePage.Node node : nodes) {
            count += node.images().size() + imageCount(node.children());
        }
        return count;
    }

    /** Text made safe for HTML, in element content and in quoted attributes alike. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
