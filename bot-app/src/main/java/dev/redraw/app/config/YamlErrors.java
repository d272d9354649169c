package dev.redraw.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Condenses a YAML parse failure to {@code <source> line N: <problem>}. */
final class YamlErrors {

    private YamlErrors() {}

    static String describe(JsonProcessingException error, String sourceName) {
        // SnakeYAML knows where the problem is; Jackson's location is where the last good token
        // ended, which can be a line early. Its exception is found by walking the causes because
        // Jackson only wraps it.
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
                String context = marked.getContext() == null || marked.getContextMark() == null
                        ? ""
                        : " (" + marked.getContext() + " started on line "
                                + (marked.getContextMark().getLine() + 1) + ")";
                return sourceName + " line " + (marked.getProblemMark().getLine() + 1) + ": " + marked.getProblem()
                        + context;
            }
        }
        JsonLocation location = error.getLocation();
        String line = location == null || location.getLineNr() < 1 ? "" : " line " + location.getLineNr();
        return sourceName + line + ": " + error.getOriginalMessage();
    }
}
