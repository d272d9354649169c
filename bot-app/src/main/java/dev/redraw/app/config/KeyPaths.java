package dev.redraw.app.config;

/** Builds the dotted key paths used in error messages, such as {@code providers[0].api-key}. */
final class KeyPaths {

    private KeyPaths() {}

    static String child(String parent, String key) {
        if (parent.isEmpty()) {
            return key;
        }
        return key.startsWith("[") ? parent + key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }
}
