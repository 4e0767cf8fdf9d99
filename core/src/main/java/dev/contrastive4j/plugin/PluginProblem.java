package dev.contrastive4j.plugin;

/**
 * A plugin that was found but skipped, and why; the others still load.
 *
 * @param source the jar or class that failed
 * @param message what went wrong, in one line
 */
public record PluginProblem(String source, String message) {
}
