package dev.redraw.telegram;

import dev.redraw.core.request.Preferences;
import dev.redraw.core.text.Messages;
import dev.redraw.core.text.TypedNumber;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

/**
 * The /settings menu: the user's settings as text, and the buttons that change them (every ratio
 * and size the user's model takes, {@code auto} among the ratios where the model takes it, and how
 * many images each request makes), labelled in the user's language; and what a button's data asks
 * to change.
 */
record SettingsMenu(Preferences preferences) {

    /** The data prefix of every settings button. */
    static final String PREFIX = "s:";

    static final String SET_MODEL = PREFIX + "m:";
    static final String SET_RATIO = PREFIX + "r:";
    static final String SET_SIZE = PREFIX + "z:";
    /** How many images each request makes. */
    static final String SET_COUNT = PREFIX + "n:";
    /**
     * The data value that leaves a setting to the model's default: not {@code auto}, which is a
     * ratio some models take.
     */
    static final String DEFAULT = "-";

    /** Telegram's limit on a button's callback data, in bytes. */
    static final int MAX_DATA_BYTES = 64;

    /**
     * Ratio buttons in a row: Telegram shows at most 8, and 4 keep labels like {@code auto} and
     * {@code 21:9} whole on a phone. The longest ratio list (gpt-image-2-vip, 16) takes 4 rows.
     */
    static final int RATIOS_PER_ROW = 4;

    private static final Pattern DATA = Pattern.compile("s:([mrzn]):(\\S+)");

    /**
     * The settings (with the number of images each request makes when it is more than one), and a
     * note for each stored default the model does not take.
     */
    String text(Preferences.Shown current, Messages texts) {
        StringBuilder text =
                new StringBuilder(texts.settingsTitle(current.model(), current.aspectRatio(), current.imageSize()));
        if (current.variations() > 1) {
            text.append("\n").append(texts.settingsVariations(current.variations()));
        }
        current.unused().forEach(unused -> text.append("\n\n").append(texts.unusedDefault(unused)));
        return text.toString();
    }

    /** The buttons: every model, then the ratios and sizes {@code current}'s model takes, then the defaults. */
    InlineKeyboardMarkup buttons(Preferences.Shown current, Messages texts) {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        for (String model : preferences.models()) {
            if (fits(SET_MODEL + model)) {
                rows.add(List.of(Replies.button("🎨 " + model, SET_MODEL + model)));
            }
        }
        Preferences.Choices choices = preferences.choices(current.model());
        rows.addAll(ratioRows(choices.ratios()));
        List<InlineKeyboardButton> defaults = new ArrayList<>();
        defaults.add(Replies.button(texts.ratioDefaultButton(), SET_RATIO + DEFAULT));
        if (!choices.sizes().isEmpty()) {
            rows.add(choices.sizes().stream()
                    .map(s -> Replies.button(s, SET_SIZE + s))
                    .toList());
            defaults.add(Replies.button(texts.sizeDefaultButton(), SET_SIZE + DEFAULT));
        }
        countRow(choices.counts(), texts).ifPresent(rows::add);
        rows.add(defaults);
        return Replies.keyboard(rows);
    }

    /** One button per number of images a request may make, where the model can make several. */
    private static Optional<List<InlineKeyboardButton>> countRow(List<Integer> counts, Messages texts) {
        if (counts.size() < 2) {
            return Optional.empty();
        }
        return Optional.of(counts.stream()
                .map(count -> Replies.button(texts.variationsButton(count), SET_COUNT + count))
                .toList());
    }

    /** One button per ratio, {@link #RATIOS_PER_ROW} to a row. */
    private static List<List<InlineKeyboardButton>> ratioRows(List<String> ratios) {
        List<List<InlineKeyboardButton>> rows = new ArrayList<>();
        for (int start = 0; start < ratios.size(); start += RATIOS_PER_ROW) {
            rows.add(ratios.subList(start, Math.min(ratios.size(), start + RATIOS_PER_ROW)).stream()
                    .filter(ratio -> fits(SET_RATIO + ratio))
                    .map(ratio -> Replies.button(ratio, SET_RATIO + ratio))
                    .toList());
        }
        return rows;
    }

    /**
     * The change a settings button's data asks for; empty when the data is not of a settings
     * button's shape (or longer than Telegram lets a button carry), so it is never read further.
     */
    static Optional<Preferences.Change> change(String data) {
        Matcher matcher = DATA.matcher(data);
        if (!fits(data) || !matcher.matches()) {
            return Optional.empty();
        }
        String value = matcher.group(2);
        return switch (matcher.group(1)) {
            case "m" -> Optional.of(new Preferences.Change.Model(Optional.of(value)));
            case "r" -> Optional.of(new Preferences.Change.AspectRatio(orDefault(value)));
            case "n" -> count(value);
            default -> Optional.of(new Preferences.Change.ImageSize(orDefault(value)));
        };
    }

    /** A count button's change; a number no button carries (forged data) changes nothing. */
    private static Optional<Preferences.Change> count(String value) {
        return switch (TypedNumber.variations(value)) {
            case TypedNumber.Valid valid ->
                Optional.of(new Preferences.Change.Variations(OptionalInt.of((int) valid.value())));
            case TypedNumber.Invalid ignored -> Optional.empty();
        };
    }

    private static boolean fits(String data) {
        return data.getBytes(StandardCharsets.UTF_8).length <= MAX_DATA_BYTES;
    }

    private static Optional<String> orDefault(String value) {
        return value.equals(DEFAULT) ? Optional.empty() : Optional.of(value);
    }
}
