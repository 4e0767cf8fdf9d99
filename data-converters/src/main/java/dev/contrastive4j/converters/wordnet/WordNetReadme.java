package dev.contrastive4j.converters.wordnet;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Renders the dataset's README from a template: source, rules, counts and the WordNet license. */
final class WordNetReadme {

    private static final String TEMPLATE = "README.md.template";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

    private WordNetReadme() {}

    static String render(WordNetDataset dataset, RetrievalCollection retrieval, WordNetDatasetWriter.Provenance provenance) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("source", provenance.sourceDescription() + ".");
        values.put("seed", Long.toString(provenance.settings().seed()));
        values.put("maxExamplesPerSense", Integer.toString(provenance.settings().maxExamplesPerSense()));
        values.put("counts", countsTable(dataset) + "\n\n" + retrievalCounts(retrieval));
        values.put("license", String.join("\n", provenance.licenseLines()));

        Matcher matcher = PLACEHOLDER.matcher(template());
        StringBuilder readme = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalStateException("README template names an unknown value " + matcher.group());
            }
            matcher.appendReplacement(readme, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(readme);
        return readme.toString();
    }

    private static String countsTable(WordNetDataset dataset) {
        StringBuilder table = new StringBuilder("| Split | Triplets | Distinct positives |");
        for (NegativeKind kind : NegativeKind.values()) {
            table.append(" Negative: ").append(kind.label()).append(" |");
        }
        table.append("\n|---|---:|---:|");
        table.append("---:|".repeat(NegativeKind.values().length));
        for (Split split : Split.values()) {
            List<WordNetTriplet> triplets = dataset.triplets(split);
            Set<String> positives = new HashSet<>();
            Map<NegativeKind, Integer> byKind = new EnumMap<>(NegativeKind.class);
            for (WordNetTriplet triplet : triplets) {
                positives.add(triplet.positive());
                byKind.merge(triplet.negativeKind(), 1, Integer::sum);
            }
            table.append("\n| ").append(split.fileStem()).append(" | ").append(triplets.size()).append(" | ")
                    .append(positives.size()).append(" |");
            for (NegativeKind kind : NegativeKind.values()) {
                table.append(' ').append(byKind.getOrDefault(kind, 0)).append(" |");
            }
        }
        table.append("\n| all | ").append(dataset.size()).append(" | | | | | |");
        return table.toString();
    }

    private static String retrievalCounts(RetrievalCollection retrieval) {
        return "`test-ir`: " + retrieval.queries().size() + " queries, " + retrieval.corpus().size()
                + " corpus documents, " + retrieval.judgements().size() + " relevance judgements.";
    }

    private static String template() {
        try (InputStream in = WordNetReadme.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("the data-converters jar lacks its resource " + TEMPLATE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the README template " + TEMPLATE, e);
        }
    }
}
