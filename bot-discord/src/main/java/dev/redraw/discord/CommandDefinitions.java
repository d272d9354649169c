package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/** The slash commands and the message context-menu command, in English with Simplified Chinese localisations. */
final class CommandDefinitions {

    static final String EDIT_IMAGE = "Edit image";
    static final int MAX_IMAGES = 5;
    /** Ratios offered as choices; /settings and models may still accept others. */
    static final List<String> RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9");

    private static final Messages EN = Messages.forLanguage("en");
    private static final Messages ZH = Messages.forLanguage("zh");

    private CommandDefinitions() {}

    static List<CommandData> all() {
        List<CommandData> commands = new ArrayList<>();
        commands.add(imagine());
        commands.add(blend());
        commands.add(settings());
        for (String name : List.of("usage", "forget", "help")) {
            commands.add(slash(name, m -> m.commandMenu().get(name)));
        }
        commands.add(slash("cancel", m -> m.commandMenu().get("cancel"))
                .addOptions(option(OptionType.INTEGER, "job", m -> m.optionDescription("job"), false)));
        commands.add(Commands.message(EDIT_IMAGE)
                .setNameLocalization(DiscordLocale.CHINESE_CHINA, ZH.extra(Messages.Extra.EDIT_IMAGE)));
        return commands;
    }

    private static SlashCommandData imagine() {
        var ratio = option(OptionType.STRING, "ratio", m -> m.optionDescription("ratio"), false);
        RATIOS.forEach(r -> ratio.addChoice(r, r));
        var command = slash("imagine", m -> m.commandMenu().get("imagine"))
                .addOptions(option(OptionType.STRING, "prompt", m -> m.optionDescription("prompt"), true), ratio)
                .addOptions(option(OptionType.STRING, "model", m -> m.optionDescription("model"), false)
                        .setAutoComplete(true));
        for (int i = 1; i <= MAX_IMAGES; i++) {
            command.addOptions(option(OptionType.ATTACHMENT, "image" + i, m -> m.optionDescription("image"), false));
        }
        return command;
    }

    /** /settings with no option shows your defaults; each option given changes one. */
    private static SlashCommandData settings() {
        var ratio = option(OptionType.STRING, "ratio", m -> m.optionDescription("ratio"), false);
        RATIOS.forEach(r -> ratio.addChoice(r, r));
        return slash("settings", m -> m.commandMenu().get("settings"))
                .addOptions(
                        ratio,
                        option(OptionType.STRING, "model", m -> m.optionDescription("model"), false)
                                .setAutoComplete(true),
                        option(OptionType.BOOLEAN, "private", m -> m.privateResults(true), false),
                        option(OptionType.BOOLEAN, "remix", m -> m.remixOn(), false));
    }

    private static SlashCommandData blend() {
        var command = slash("blend", Messages::blendCommand)
                .addOptions(option(OptionType.STRING, "prompt", m -> m.optionDescription("prompt"), true));
        for (int i = 1; i <= MAX_IMAGES; i++) {
            command.addOptions(option(OptionType.ATTACHMENT, "image" + i, m -> m.optionDescription("image"), i <= 2));
        }
        return command;
    }

    private static SlashCommandData slash(String name, Function<Messages, String> description) {
        return Commands.slash(name, description.apply(EN))
                .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, description.apply(ZH));
    }

    private static OptionData option(
            OptionType type, String name, Function<Messages, String> description, boolean required) {
        return new OptionData(type, name, description.apply(EN), required)
                .setDescriptionLocalization(DiscordLocale.CHINESE_CHINA, description.apply(ZH));
    }
}
