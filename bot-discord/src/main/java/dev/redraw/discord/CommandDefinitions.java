package dev.redraw.discord;

import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.localization.LocalizationFunction;

/**
 * The slash commands and the message context-menu command. Names are English; descriptions (and the
 * context menu's name) are localised from the bot's text bundles for every language that has one.
 */
final class CommandDefinitions {

    static final String EDIT_IMAGE = "Edit image";
    static final int MAX_IMAGES = 5;
    /** Ratios offered as choices; /settings and models may still accept others. */
    static final List<String> RATIOS = List.of("1:1", "16:9", "9:16", "4:3", "3:4", "3:2", "2:3", "21:9");

    private static final Messages EN = Messages.forLanguage("en");

    private CommandDefinitions() {}

    static List<CommandData> all() {
        var localization = new BundleLocalization();
        List<CommandData> commands = new ArrayList<>();
        commands.add(imagine(localization));
        commands.add(blend(localization));
        commands.add(settings(localization));
        for (String name : List.of("usage", "forget", "help")) {
            commands.add(localization.slash(name, m -> m.commandMenu().get(name)));
        }
        commands.add(localization
                .slash("cancel", m -> m.commandMenu().get("cancel"))
                .addOptions(localization
                        .option("cancel", OptionType.INTEGER, "job", m -> m.optionDescription("job"), false)
                        .setRequiredRange(1, TypedNumber.MAX)));
        commands.add(Commands.message(EDIT_IMAGE));
        localization.put(EDIT_IMAGE + ".name", m -> m.extra(Messages.Extra.EDIT_IMAGE));
        // Applied once every option is in place: JDA localises what the command holds at this point.
        commands.forEach(command -> command.setLocalizationFunction(localization));
        return commands;
    }

    private static SlashCommandData imagine(BundleLocalization l) {
        var ratio = l.option("imagine", OptionType.STRING, "ratio", m -> m.optionDescription("ratio"), false);
        RATIOS.forEach(r -> ratio.addChoice(r, r));
        var command = l.slash("imagine", m -> m.commandMenu().get("imagine"))
                .addOptions(
                        l.option("imagine", OptionType.STRING, "prompt", m -> m.optionDescription("prompt"), true),
                        ratio)
                .addOptions(l.option("imagine", OptionType.STRING, "model", m -> m.optionDescription("model"), false)
                        .setAutoComplete(true));
        for (int i = 1; i <= MAX_IMAGES; i++) {
            command.addOptions(
                    l.option("imagine", OptionType.ATTACHMENT, "image" + i, m -> m.optionDescription("image"), false));
        }
        return command;
    }

    /**
     * /settings with no option shows your defaults; each option given changes one. The ratios and
     * sizes are suggested as the model takes them ({@link SettingsAutocomplete}), since fixed
     * choices would offer what a model cannot make.
     */
    private static SlashCommandData settings(BundleLocalization l) {
        return l.slash("settings", m -> m.commandMenu().get("settings"))
                .addOptions(
                        l.option("settings", OptionType.STRING, "model", m -> m.optionDescription("model"), false)
                                .setAutoComplete(true),
                        l.option(
                                        "settings",
                                        OptionType.STRING,
                                        SettingsAutocomplete.RATIO,
                                        m -> m.optionDescription("ratio"),
                                        false)
                                .setAutoComplete(true),
                        l.option(
                                        "settings",
                                        OptionType.STRING,
                                        SettingsAutocomplete.SIZE,
                                        m -> m.optionDescription("size"),
                                        false)
                                .setAutoComplete(true),
                        l.option("settings", OptionType.BOOLEAN, "private", m -> m.optionDescription("private"), false),
                        l.option("settings", OptionType.BOOLEAN, "remix", m -> m.optionDescription("remix"), false));
    }

    private static SlashCommandData blend(BundleLocalization l) {
        var command = l.slash("blend", Messages::blendCommand)
                .addOptions(l.option("blend", OptionType.STRING, "prompt", m -> m.optionDescription("prompt"), true));
        for (int i = 1; i <= MAX_IMAGES; i++) {
            command.addOptions(
                    l.option("blend", OptionType.ATTACHMENT, "image" + i, m -> m.optionDescription("image"), i <= 2));
        }
        return command;
    }

    /** The Discord locales of a language of the bundles: {@code zh} is both zh-CN and zh-TW. */
    static List<DiscordLocale> discordLocales(String language) {
        return Arrays.stream(DiscordLocale.values())
                .filter(locale -> locale != DiscordLocale.UNKNOWN)
                .filter(locale -> locale.toLocale().getLanguage().equals(language))
                .toList();
    }

    /**
     * JDA's {@link LocalizationFunction} over the text bundles: for each localisation key a command
     * definition registered (JDA's keys: {@code imagine.description}, {@code imagine.options.prompt.description},
     * {@code edit_image.name}), the text in every language of {@link Messages#languages()}. Keys
     * nobody registered (command and option names, choices) stay English.
     */
    static final class BundleLocalization implements LocalizationFunction {
        private final Map<String, Function<Messages, String>> texts = new HashMap<>();

        void put(String key, Function<Messages, String> text) {
            texts.put(key.replace(' ', '_').toLowerCase(Locale.ROOT), text);
        }

        SlashCommandData slash(String name, Function<Messages, String> description) {
            put(name + ".description", description);
            return Commands.slash(name, description.apply(EN));
        }

        OptionData option(
                String command,
                OptionType type,
                String name,
                Function<Messages, String> description,
                boolean required) {
            put(command + ".options." + name + ".description", description);
            return new OptionData(type, name, description.apply(EN), required);
        }

        @Override
        public Map<DiscordLocale, String> apply(String localizationKey) {
            Function<Messages, String> text = texts.get(localizationKey);
            Map<DiscordLocale, String> translations = new EnumMap<>(DiscordLocale.class);
            if (text == null) {
                return translations;
            }
            for (String language : Messages.languages()) {
                String translated = text.apply(Messages.forLanguage(language));
                discordLocales(language).forEach(locale -> translations.put(locale, translated));
            }
            return translations;
        }
    }
}
