package dev.redraw.app.config;

import java.util.Map;
import java.util.Optional;

/**
 * What the file holds at a secret's key, read as written: a secret's key is never expanded, so the
 * value of the variable it names never enters the tree, and the reference is checked by
 * {@link SecretReference} when the record it belongs to is built.
 */
record SecretText(String text) {

    /** The reference written, or one to {@code defaultVariable} when the key is not given. */
    static SecretReference orVariable(SecretText written, String key, String defaultVariable) {
        return written == null
                ? new SecretReference(defaultVariable)
                : SecretReference.parse(written.text(), key, defaultVariable);
    }

    /**
     * A chat platform's token: read from the variable written, or from {@code defaultVariable}, and
     * required only when the platform is switched on.
     *
     * @param section the platform's section, for the message
     */
    static Optional<Secret> platformToken(
            SecretText written, boolean enabled, String section, String defaultVariable, Map<String, String> env) {
        SecretReference reference = orVariable(written, "token", defaultVariable);
        Optional<Secret> token = reference.resolve(env);
        if (enabled && token.isEmpty()) {
            throw ConfigException.at(
                    "token",
                    reference.variable() + " is not set (needed because " + KeyPaths.child(section, "enabled")
                            + " is true)");
        }
        return token;
    }
}
