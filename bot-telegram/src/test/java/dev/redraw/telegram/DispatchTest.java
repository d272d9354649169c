package dev.redraw.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Commands found by name, button kinds by the prefix of their data. */
class DispatchTest {

    private final List<String> ran = new ArrayList<>();

    private TelegramCommand named(String name) {
        return new TelegramCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void run(CommandContext context) {
                ran.add(name + ":" + context.rest());
            }
        };
    }

    private static CommandContext sent(String name, String rest) {
        return new CommandContext(
                new Incoming.Command(name, rest, false), new Message(), Messages.forLanguage("en"), null);
    }

    @Test
    void aCommandRunsTheCommandOfItsNameAndAnUnknownOneTheFallback() throws Exception {
        var commands = new TelegramCommands(List.of(named("start"), named("help")), named("unknown"));

        commands.run(sent("help", "me"));
        commands.run(sent("nope", "x"));

        assertThat(ran).containsExactly("help:me", "unknown:x");
    }

    private static TelegramButton prefixed(String prefix) {
        return new TelegramButton() {
            @Override
            public String prefix() {
                return prefix;
            }

            @Override
            public void press(ButtonPress press) {}
        };
    }

    @Test
    void noButtonKindsPrefixMayStartAnothers() {
        assertThatThrownBy(() -> new TelegramButtons(null, null, List.of(prefixed("s:"), prefixed("s:m:"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
