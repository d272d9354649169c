package dev.redraw.app.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A string value split into literal text and environment references.
 *
 * <p>Syntax: {@code ${NAME}} is replaced by the variable's value and fails when it is unset; {@code
 * ${NAME:-fallback}} uses {@code fallback} when the variable is unset or empty, as a POSIX shell does;
 * {@code $${} stands for a literal {@code ${}. A fallback cannot contain {@code }}.
 */
record Template(List<Template.Segment> segments) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    sealed interface Segment permits Literal, Reference {}

    record Literal(String text) implements Segment {}

    record Reference(String variable, Optional<String> fallback) implements Segment {}

    Template {
        segments = List.copyOf(segments);
    }

    /**
     * Splits {@code raw} into segments.
     *
     * @throws IllegalArgumentException for an unterminated or malformed reference
     */
    static Template parse(String raw) {
        List<Segment> segments = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < raw.length()) {
            if (raw.startsWith("$${", i)) {
                literal.append("${");
                i += 3;
            } else if (raw.startsWith("${", i)) {
                int close = raw.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException(
                            "unterminated '${' (close it with '}', or write '$${' for a literal '${')");
                }
                if (!literal.isEmpty()) {
                    segments.add(new Literal(literal.toString()));
                    literal.setLength(0);
                }
                segments.add(reference(raw.substring(i + 2, close)));
                i = close + 1;
            } else {
                literal.append(raw.charAt(i));
                i++;
            }
        }
        if (!literal.isEmpty()) {
            segments.add(new Literal(literal.toString()));
        }
        return new Template(segments);
    }

    /**
     * Substitutes every reference from {@code env}.
     *
     * @throws IllegalArgumentException naming the first variable that is unset and has no fallback
     */
    String expand(Map<String, String> env) {
        StringBuilder out = new StringBuilder();
        for (Segment segment : segments) {
            switch (segment) {
                case Literal literal -> out.append(literal.text());
                case Reference reference -> out.append(resolve(reference, env));
            }
        }
        return out.toString();
    }

    private static String resolve(Reference reference, Map<String, String> env) {
        String value = env.get(reference.variable());
        if (reference.fallback().isPresent() && (value == null || value.isEmpty())) {
            return reference.fallback().get();
        }
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + reference.variable() + " is not set");
        }
        return value;
    }

    private static Reference reference(String body) {
        int separator = body.indexOf(":-");
        String name = separator < 0 ? body : body.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "'${" + body + "}' is not a valid reference like ${NAME} or ${NAME:-default}");
        }
        Optional<String> fallback = separator < 0 ? Optional.empty() : Optional.of(body.substring(separator + 2));
        return new Reference(name, fallback);
    }
}
