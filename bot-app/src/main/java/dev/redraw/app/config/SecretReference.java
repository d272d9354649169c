package dev.redraw.app.config;

import java.util.Map;
import java.util.Optional;

/**
 * Where a secret comes from: the name of an environment variable.
 *
 * <p>Secrets may only be written as {@code ${NAME}} (or {@code ${NAME:-}}, which reads the same), so
 * that a config file can be committed and shared without leaking credentials. None of the messages
 * here repeat what was written, since a refused value may itself be a pasted credential.
 */
record SecretReference(String variable) {

    /**
     * Reads the reference written at {@code keyPath}.
     *
     * @param suggestedVariable the variable name to show in the message when the value is refused
     */
    static SecretReference parse(String raw, String keyPath, String suggestedVariable) {
        Template template;
        try {
            template = Template.parse(raw.strip());
        } catch (IllegalArgumentException e) {
            throw literal(keyPath, suggestedVariable);
        }
        if (template.segments().size() != 1
                || !(template.segments().getFirst() instanceof Template.Reference reference)) {
            throw literal(keyPath, suggestedVariable);
        }
        if (reference.fallback().filter(fallback -> !fallback.isEmpty()).isPresent()) {
            throw ConfigException.at(
                    keyPath,
                    "a secret cannot have a default value in the file; write ${" + reference.variable()
                            + "} and set that environment variable");
        }
        return new SecretReference(reference.variable());
    }

    /** The secret, or empty when the variable is unset or blank. */
    Optional<Secret> resolve(Map<String, String> env) {
        String value = env.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(new Secret(value));
    }

    private static ConfigException literal(String keyPath, String suggestedVariable) {
        return ConfigException.at(
                keyPath,
                "secrets are read only from the environment; write a reference such as ${" + suggestedVariable
                        + "} instead of the value");
    }
}
