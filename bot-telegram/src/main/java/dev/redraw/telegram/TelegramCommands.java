package dev.redraw.telegram;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/** The bot's commands by name; a command the bot does not know goes to {@code unknown}. */
final class TelegramCommands {

    private final Map<String, TelegramCommand> byName;
    private final TelegramCommand unknown;

    TelegramCommands(List<TelegramCommand> commands, TelegramCommand unknown) {
        this.byName =
                commands.stream().collect(Collectors.toUnmodifiableMap(TelegramCommand::name, Function.identity()));
        this.unknown = unknown;
    }

    void run(CommandContext context) throws TelegramApiException {
        byName.getOrDefault(context.command().name(), unknown).run(context);
    }
}
