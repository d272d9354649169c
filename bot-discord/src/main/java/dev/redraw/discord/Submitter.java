package dev.redraw.discord;

import dev.redraw.core.refusal.Refusal;
import dev.redraw.core.request.Generate;
import dev.redraw.core.request.ImageFetcher;
import dev.redraw.core.text.Messages;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.interactions.Interaction;
import net.dv8tion.jda.api.interactions.InteractionHook;
import okhttp3.OkHttpClient;

/**
 * Hands requests to the core. An interaction's deferred response is registered first, to be edited
 * into the job's progress and result; a refusal is answered on it at once.
 */
final class Submitter {

    /** What a user asks for: a prompt, the turn it continues, attached images and options. */
    record Ask(OptionalLong parent, String prompt, List<Message.Attachment> files, Generate.Options options) {}

    private final Generate generate;
    private final Responses responses;
    private final OkHttpClient downloads;

    Submitter(Generate generate, Responses responses, OkHttpClient downloads) {
        this.generate = generate;
        this.responses = responses;
        this.downloads = downloads;
    }

    void submit(Interaction interaction, InteractionHook hook, Messages texts, Ask ask) {
        // Registered before submitting: the runner may report the job's first step at once.
        String requestId = expectResponse(interaction);
        var request = new Generate.Request(
                Origins.of(interaction),
                ask.prompt(),
                ask.parent(),
                ask.options(),
                Optional.of(requestId),
                fetchers(ask.files()));
        switch (generate(request)) {
            case Generate.Result.AlreadyAccepted before -> {
                // The job answers the interaction.
            }
            case Generate.Result.Refused refused -> {
                hook.editOriginal(texts.refusal(refused.refusal()))
                        // The record goes once the answer is shown: should the edit fail, or the bot
                        // stop before it is sent, the next start answers the interaction.
                        .queue(shown -> answered(requestId));
            }
            case Generate.Result.ImageRejected rejected -> {
                hook.editOriginal(rejected(texts, rejected))
                        // The record goes once the answer is shown: should the edit fail, or the bot
                        // stop before it is sent, the next start answers the interaction.
                        .queue(shown -> answered(requestId));
            }
            case Generate.Result.Accepted accepted -> {
                // The response is edited into the job's progress and result from here on.
                unusedDefaults(texts, accepted)
                        .ifPresent(note ->
                                hook.sendMessage(note).setEphemeral(true).queue());
            }
        }
    }

    /** Registers the interaction's deferred response for the job it starts; returns the request id. */
    String expectResponse(Interaction interaction) {
        responses.put(Responses.Response.of(interaction));
        return Responses.requestId(interaction.getIdLong());
    }

    /** The interaction's response was answered here rather than by a job. */
    void answered(String requestId) {
        responses.forget(Optional.of(requestId));
    }

    /** Hands a request to the core, which checks the user before it downloads anything. */
    Generate.Result generate(Generate.Request request) {
        try {
            return generate.submit(request);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Generate.Result.Refused(new Refusal.Restarting());
        }
    }

    /** The user's stored defaults left out of an accepted request, said once; empty when none was. */
    static Optional<String> unusedDefaults(Messages texts, Generate.Result.Accepted accepted) {
        if (accepted.unusedDefaults().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(
                "\n",
                accepted.unusedDefaults().stream().map(texts::unusedDefault).toList()));
    }

    static String rejected(Messages texts, Generate.Result.ImageRejected rejected) {
        return texts.imageRejected(rejected.position(), rejected.count(), rejected.name(), rejected.problem());
    }

    /** The attachments, to be downloaded from their URLs only when the core asks. */
    List<ImageFetcher> fetchers(List<Message.Attachment> files) {
        return files.stream()
                .<ImageFetcher>map(file -> new AttachmentFetcher(file, downloads))
                .toList();
    }
}
