package dev.redraw.discord;

import static dev.redraw.discord.SlashCommand.option;

import dev.redraw.core.request.Generate;
import dev.redraw.core.text.Flags;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.interactions.commands.OptionType;

/**
 * /imagine and /blend: a prompt with images, deferred and edited into the job's result. The ratio,
 * model, size and number of variations come from the command's options or, as in a message, from
 * {@code --ar}, {@code --model}, {@code --size} and {@code --n} in the prompt.
 */
final class ImagineCommand implements SlashCommand {

    private static final Pattern IMAGE_OPTION = Pattern.compile(CommandDefinitions.IMAGE + "(\\d{1,2})");

    private final String name;
    private final Submitter submitter;
    private final UserPreferences users;

    ImagineCommand(String name, Submitter submitter, UserPreferences users) {
        this.name = name;
        this.submitter = submitter;
        this.users = users;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void onSlash(SlashCommandInteractionEvent event, Messages texts) {
        Flags.Parsed flags;
        switch (Flags.parse(option(event, "prompt").orElse(""))) {
            case Flags.Invalid invalid -> {
                event.reply(texts.invalidFlag(invalid)).setEphemeral(true).queue();
                return;
            }
            case Flags.Parsed parsed -> flags = parsed;
        }
        if (flags.prompt().isBlank()) {
            event.reply(texts.emptyPrompt()).setEphemeral(true).queue();
            return;
        }
        Optional<Flags.Invalid> twice = givenTwice(event, flags);
        if (twice.isPresent()) {
            event.reply(texts.invalidFlag(twice.get())).setEphemeral(true).queue();
            return;
        }
        Optional<TypedNumber> count = count(event, flags);
        if (count.orElse(null) instanceof TypedNumber.Invalid invalid) {
            event.reply(texts.numberProblem(invalid)).setEphemeral(true).queue();
            return;
        }
        InteractionHook hook = users.defer(event);
        submitter.submit(
                event,
                hook,
                texts,
                new Submitter.Ask(
                        OptionalLong.empty(), flags.prompt(), images(event), options(event, flags, asked(count))));
    }

    /** The attached images, in the order of their options ({@code image1}, {@code image2} …). */
    static List<Message.Attachment> images(SlashCommandInteractionEvent event) {
        return event.getOptionsByType(OptionType.ATTACHMENT).stream()
                .filter(option -> IMAGE_OPTION.matcher(option.getName()).matches())
                .sorted(Comparator.comparingInt(
                        option -> Integer.parseInt(option.getName().substring(CommandDefinitions.IMAGE.length()))))
                .map(OptionMapping::getAsAttachment)
                .toList();
    }

    /**
     * The ratio, model and size asked for, each from its option or else from the prompt; the quality
     * from the prompt; {@code count} images.
     */
    static Generate.Options options(SlashCommandInteractionEvent event, Flags.Parsed flags, OptionalInt count) {
        return new Generate.Options(
                option(event, "model").or(flags::model),
                option(event, RequestAutocomplete.RATIO).or(flags::ratio),
                option(event, RequestAutocomplete.SIZE).or(flags::size),
                flags.quality(),
                count);
    }

    /**
     * How many images were asked for, from the count option or else {@code --n}, read as typed: a
     * client that ignores the option's range may send any integer.
     */
    private static Optional<TypedNumber> count(SlashCommandInteractionEvent event, Flags.Parsed flags) {
        return option(event, CommandDefinitions.COUNT)
                .map(TypedNumber::variations)
                .or(flags::variations);
    }

    /** The number of images a checked count asks for; empty (the user's default) when none was given. */
    static OptionalInt asked(Optional<TypedNumber> count) {
        return count.orElse(null) instanceof TypedNumber.Valid valid
                ? OptionalInt.of((int) valid.value())
                : OptionalInt.empty();
    }

    /** An option chosen in the command and written in the prompt as well, as the prompt spells it. */
    private static Optional<Flags.Invalid> givenTwice(SlashCommandInteractionEvent event, Flags.Parsed flags) {
        if (option(event, "model").isPresent() && flags.model().isPresent()) {
            return Optional.of(new Flags.Invalid("--model", Flags.Problem.REPEATED));
        }
        if (option(event, RequestAutocomplete.RATIO).isPresent()
                && flags.ratio().isPresent()) {
            return Optional.of(new Flags.Invalid("--ar", Flags.Problem.REPEATED));
        }
        if (option(event, RequestAutocomplete.SIZE).isPresent() && flags.size().isPresent()) {
            return Optional.of(new Flags.Invalid("--size", Flags.Problem.REPEATED));
        }
        if (option(event, CommandDefinitions.COUNT).isPresent() && flags.count().isPresent()) {
            return Optional.of(new Flags.Invalid("--n", Flags.Problem.REPEATED));
        }
        return Optional.empty();
    }
}
