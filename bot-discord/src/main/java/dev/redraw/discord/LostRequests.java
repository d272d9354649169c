package dev.redraw.discord;

import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.WebhookClient;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the interactions an earlier run deferred and then lost, killed before their requests
 * became jobs: each would show "thinking…" until Discord gave up on it. While its token lives, each
 * still unanswered is told that the request was not taken and should be sent again, in its user's
 * language.
 */
final class LostRequests {

    private static final Logger LOG = LoggerFactory.getLogger(LostRequests.class);
    private static final String ORIGINAL = "@original";

    private final Responses responses;
    private final Preferences preferences;

    LostRequests(Responses responses, Preferences preferences) {
        this.responses = responses;
        this.preferences = preferences;
    }

    void answer(JDA jda, List<Responses.Awaited> lost) {
        for (Responses.Awaited awaited : lost) {
            Responses.Response response = awaited.response();
            try {
                var webhook = WebhookClient.createClient(jda, response.applicationId(), response.token());
                Message original = webhook.retrieveMessageById(ORIGINAL).complete();
                // Answered after all (a refusal, say) when it no longer shows "thinking…".
                if (original.getFlags().contains(Message.MessageFlag.LOADING)) {
                    webhook.editMessageById(ORIGINAL, texts(awaited.userId()).refusal(new Refusal.Restarting()))
                            .complete();
                    LOG.info("{}: deferred before a restart and lost; the user was told", response);
                }
                responses.forget(Optional.of(response.requestId()));
            } catch (ErrorResponseException e) {
                // The interaction was never acknowledged, or Discord no longer takes its token.
                LOG.info(
                        "{}: deferred before a restart; Discord no longer takes an answer: {}",
                        response,
                        e.getMeaning());
                responses.forget(Optional.of(response.requestId()));
            } catch (RuntimeException e) {
                LOG.warn("{}: deferred before a restart; it could not be answered: {}", response, e.getMessage());
            }
        }
    }

    private Messages texts(String userId) {
        return Messages.forLanguage(
                preferences.language(DiscordDelivery.PLATFORM, userId).orElse(null));
    }
}
