package dev.redraw.app.config;

/** Builds the dotted key paths used in error messages, such as {@code providers[0].api-key}. */
final class KeyPaths {

    private KeyPaths() {}

    /** The path of {@code key} inside {@code parent}; an empty key is the parent itself. */
    static String child(String parent, String key) {
        if (key.isEmpty()) {
            return parent;
        }
        if (parent.isEmpty()) {
            return key;
        }
        return key.startsWith("[") ? parent + key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
