package dev.redraw.discord;

import dev.redraw.core.admin.AdminRequests;
import dev.redraw.core.request.GenerationService;
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
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.interactions.DiscordLocale;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.CommandData;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.localization.LocalizationFunction;

/**
 * The slash commands and the message context-menu command. Names are English; descriptions (and the
 * context menu's name) are localised from the bot's text bundles for every language that has one.
 */
final class CommandDefinitions {

    static final String EDIT_IMAGE = "Edit image";
    static final String TREE_MENU = "Show edit tree";
    /** The name of the n-th image option: {@code image1}, {@code image2} … */
    static final String IMAGE = "image";
    /** The option of /imagine and /blend saying how many variations to make, as {@code --n} does in a prompt. */
    static final String COUNT = "count";
    /** Discord's limit on a command's options. */
    static final int MAX_OPTIONS = 25;
    /** /blend fuses at least this many images. */
    static final int BLEND_MINIMUM = 2;

    private static final Messages EN = Messages.forLanguage("en");

    private CommandDefinitions() {}

    /**
     * @param imageLimit how many image options /imagine and /blend have, from {@link #imageLimit}
     */
    static List<CommandData> all(int imageLimit) {
        var localization = new BundleLocalization();
        List<CommandData> commands = new ArrayList<>();
        commands.add(withImages(imagine(localization), "imagine", localization, 1, imageLimit));
        commands.add(withImages(blend(localization), "blend", localization, BLEND_MINIMUM + 1, imageLimit));
        commands.add(settings(localization));
        for (String name : List.of("usage", "forget", "tree", "help")) {
            commands.add(localization.slash(name, m -> m.commandMenu().get(name)));
        }
        commands.add(localization
                .slash("cancel", m -> m.commandMenu().get("cancel"))
                .addOptions(localization
                        .option("cancel", OptionType.INTEGER, "job", m -> m.optionDescription("job"), false)
                        .setRequiredRange(1, TypedNumber.MAX)));
        commands.add(admin(localization));
        commands.add(gallery(localization));
        commands.add(Commands.message(EDIT_IMAGE));
        localization.put(EDIT_IMAGE + ".name", m -> m.extra(Messages.Extra.EDIT_IMAGE));
        commands.add(Commands.message(TREE_MENU));
        localization.put(TREE_MENU + ".name", Messages::treeMenu);
        // Applied once every option is in place: JDA localises what the command holds at this point.
        commands.forEach(command -> command.setLocalizationFunction(localization));
        return commands;
    }

    /**
     * The most images /imagine and /blend can carry: what the configured model taking the most takes
     * (Gemini 3 Pro takes 14), at least the two /blend needs, and no more than Discord's
     * {@value #MAX_OPTIONS} options leave beside the commands' other options.
     */
    static int imageLimit(GenerationService generation) {
        return imageLimit(generation.models().stream()
                .mapToInt(model -> generation.capabilities(model).maxInputImages())
                .max()
                .orElse(0));
    }

    /** {@link #imageLimit(GenerationService)} where the configured model taking the most takes {@code most}. */
    static int imageLimit(int most) {
        var l = new BundleLocalization();
        int others =
                Math.max(imagine(l).getOptions().size(), blend(l).getOptions().size() - BLEND_MINIMUM);
        return Math.min(Math.max(most, BLEND_MINIMUM), MAX_OPTIONS - others);
    }

    /** /imagine's options but its images: a prompt and {@link #requestOptions}. */
    private static SlashCommandData imagine(BundleLocalization l) {
        var command = l.slash("imagine", m -> m.commandMenu().get("imagine"))
                .addOptions(l.option("imagine", OptionType.STRING, "prompt", m -> m.optionDescription("prompt"), true));
        return requestOptions(command, "imagine", l);
    }

    /** /blend's options but its images beyond the two it needs (Discord lists required options first). */
    private static SlashCommandData blend(BundleLocalization l) {
        var command = l.slash("blend", Messages::blendCommand)
                .addOptions(l.option("blend", OptionType.STRING, "prompt", m -> m.optionDescription("prompt"), true));
        for (int i = 1; i <= BLEND_MINIMUM; i++) {
            command.addOptions(image(l, "blend", i, true));
        }
        return requestOptions(command, "blend", l);
    }

    /**
     * The options a request may name, as in a prompt's {@code --ar}, {@code --model}, {@code
     * --size} and {@code --n}: the first three suggested as the chosen model takes them ({@link RequestAutocomplete}), since fixed
     * choices would offer what a model cannot make and leave out what it can.
     */
    private static SlashCommandData requestOptions(SlashCommandData command, String name, BundleLocalization l) {
        return command.addOptions(
                l.option(name, OptionType.STRING, RequestAutocomplete.RATIO, m -> m.optionDescription("ratio"), false)
                        .setAutoComplete(true),
                l.option(name, OptionType.STRING, "model", m -> m.optionDescription("model"), false)
                        .setAutoComplete(true),
                l.option(name, OptionType.STRING, RequestAutocomplete.SIZE, m -> m.optionDescription("size"), false)
                        .setAutoComplete(true),
                // Discord keeps the number in range; the core checks it again, as typed.
                l.option(name, OptionType.INTEGER, COUNT, Messages::variationsOption, false)
                        .setRequiredRange(1, TypedNumber.MAX_VARIATIONS));
    }

    /** Optional image options numbered {@code from} to {@code limit}, after the command's others. */
    private static SlashCommandData withImages(
            SlashCommandData command, String name, BundleLocalization l, int from, int limit) {
        for (int i = from; i <= limit; i++) {
            command.addOptions(image(l, name, i, false));
        }
        return command;
    }

    private static OptionData image(BundleLocalization l, String command, int number, boolean required) {
        return l.option(command, OptionType.ATTACHMENT, IMAGE + number, m -> m.optionDescription("image"), required);
    }

    /**
     * /settings with no option shows your defaults; each option given changes one. The ratios and
     * sizes are suggested as the model takes them ({@link RequestAutocomplete}), since fixed
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
                                        RequestAutocomplete.RATIO,
                                        m -> m.optionDescription("ratio"),
                                        false)
                                .setAutoComplete(true),
                        l.option(
                                        "settings",
                                        OptionType.STRING,
                                        RequestAutocomplete.SIZE,
                                        m -> m.optionDescription("size"),
                                        false)
                                .setAutoComplete(true),
                        l.option("settings", OptionType.BOOLEAN, "private", m -> m.optionDescription("private"), false),
                        l.option("settings", OptionType.BOOLEAN, "remix", m -> m.optionDescription("remix"), false),
                        l.option(
                                "settings",
                                OptionType.ROLE,
                                SettingsCommand.REMIX_ROLE,
                                m -> m.optionDescription("remix-role"),
                                false),
                        l.option(
                                "settings",
                                OptionType.BOOLEAN,
                                SettingsCommand.AUTO_SHARE,
                                m -> m.optionDescription("auto-share"),
                                false),
                        l.option(
                                        "settings",
                                        OptionType.INTEGER,
                                        SettingsCommand.COUNT,
                                        m -> m.optionDescription("count"),
                                        false)
                                .setRequiredRange(1, TypedNumber.MAX_VARIATIONS));
    }

    /** /gallery set channel:#c, /gallery off and /gallery show: a server's gallery; in servers only. */
    private static SlashCommandData gallery(BundleLocalization l) {
        return l.slash("gallery", m -> m.galleryCommand(""))
                .setContexts(InteractionContextType.GUILD)
                .addSubcommands(
                        l.subcommand("gallery", "set", m -> m.galleryCommand("set"))
                                .addOptions(l.option(
                                                "gallery.set",
                                                OptionType.CHANNEL,
                                                GalleryCommand.CHANNEL,
                                                m -> m.optionDescription("channel"),
                                                true)
                                        .setChannelTypes(ChannelType.TEXT, ChannelType.NEWS)),
                        l.subcommand("gallery", "off", m -> m.galleryCommand("off")),
                        l.subcommand("gallery", "show", m -> m.galleryCommand("show")));
    }

    /**
     * /admin, one subcommand per action of the core's administrators' commands. Everyone sees it
     * (administrators are the operator's list, not a server's roles); only they may run it.
     */
    private static SlashCommandData admin(BundleLocalization l) {
        var command = l.slash("admin", m -> m.admin().command());
        for (String action : AdminRequests.ACTIONS) {
            var sub = l.subcommand("admin", action, m -> m.admin().action(action));
            String path = "admin." + action;
            if (action.equals("grant")) {
                // Discord lists required options first, and keeps the number in range; the core checks it again.
                sub.addOptions(l.option(
                                path,
                                OptionType.INTEGER,
                                AdministrationCommand.IMAGES,
                                m -> m.admin().option("images"),
                                true)
                        .setRequiredRange(1, AdminRequests.MAX_GRANT));
            }
            if (List.of("ban", "unban", "grant").contains(action)) {
                sub.addOptions(
                        l.option(
                                path,
                                OptionType.USER,
                                AdministrationCommand.USER,
                                m -> m.admin().option("user"),
                                false),
                        l.option(
                                path,
                                OptionType.STRING,
                                AdministrationCommand.ID,
                                m -> m.admin().option("id"),
                                false));
            }
            command.addSubcommands(sub);
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

        SubcommandData subcommand(String command, String name, Function<Messages, String> description) {
            put(command + "." + name + ".description", description);
            return new SubcommandData(name, description.apply(EN));
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
