package dev.redraw.core.request;

import java.util.OptionalLong;

/**
 * The ids of the buttons under a result, shared by the platforms: the action and the model turn
 * the result shows, such as {@code r:42}.
 */
public final class ResultButtons {

    public static final String REROLL = "r:";
    public static final String EDIT = "e:";
    public static final String ORIGINAL = "o:";
    public static final String SHARE = "g:";

    private ResultButtons() {}

    /** The turn a button id names; empty when the id is not a result button's. */
    public static OptionalLong turn(String buttonId) {
        if (buttonId == null || buttonId.length() < 3 || buttonId.charAt(1) != ':') {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(buttonId.substring(2)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
