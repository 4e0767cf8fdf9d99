package dev.contrastive4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.contrastive4j.plugin.LoadedConverter;
import dev.contrastive4j.plugin.LoadedLoss;
import dev.contrastive4j.plugin.PluginProblem;
import dev.contrastive4j.plugin.PluginRegistry;
import dev.contrastive4j.spi.DataFormat;
import dev.contrastive4j.spi.LossDescriptor;
import dev.contrastive4j.spi.ParameterSpec;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code c4j losses}: every loss plugin found, with its formats and parameters, and every converter. */
@Command(name = "losses", mixinStandardHelpOptions = true,
        description = "List the loss and converter plugins found on the class path and in the plugin folders.")
final class LossesCommand implements Callable<Integer> {

    @ParentCommand
    C4j root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print machine-readable JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PluginRegistry registry = root.registry(spec.commandLine().getErr());
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(toJson(mapper, registry)));
        } else {
            printTable(out, registry);
        }
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, PluginRegistry registry) {
        if (registry.losses().isEmpty()) {
            out.println("No loss plugins found. Put plugin jars on the class path or in a --plugins folder.");
        }
        for (LoadedLoss loss : registry.losses()) {
            LossDescriptor d = loss.descriptor();
            out.printf("%s%s%n", d.name(), d.aliases().isEmpty() ? "" : "  (aliases: " + String.join(", ", d.aliases()) + ")");
            out.printf("    %s%n", d.summary());
            out.printf("    formats: %s%s%n", formats(d.formats()), d.needsGuideModel() ? "; needs a guide model" : "");
            if (!d.parameters().isEmpty()) {
                int width = d.parameters().stream().mapToInt(p -> p.name().length()).max().orElse(0);
                for (ParameterSpec p : d.parameters()) {
                    String allowed = p.allowedDescription().isEmpty() ? "" : ", " + p.allowedDescription();
                    out.printf("    %-" + width + "s  %s = %s%s  %s%n", p.name(), p.type().displayName(),
                            p.defaultValue(), allowed, p.doc());
                }
            }
            out.println();
        }
        if (!registry.converters().isEmpty()) {
            out.println("Converters:");
            for (LoadedConverter converter : registry.converters()) {
                out.printf("    %s: %s -> %s  %s%n", converter.descriptor().name(),
                        converter.descriptor().from().cliName(), converter.descriptor().to().cliName(),
                        converter.descriptor().summary());
            }
        }
    }

    private static String formats(Collection<DataFormat> formats) {
        return String.join(", ", formats.stream().sorted(Comparator.naturalOrder()).map(DataFormat::cliName).toList());
    }

    private static ObjectNode toJson(ObjectMapper mapper, PluginRegistry registry) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode losses = root.putArray("losses");
        for (LoadedLoss loss : registry.losses()) {
            LossDescriptor d = loss.descriptor();
            ObjectNode node = losses.addObject();
            node.put("name", d.name());
            d.aliases().forEach(node.putArray("aliases")::add);
            if (d.aliases().isEmpty()) {
                node.putArray("aliases");
            }
            node.put("summary", d.summary());
            ArrayNode formats = node.putArray("formats");
            d.formats().stream().sorted().map(DataFormat::cliName).forEach(formats::add);
            node.put("needsGuideModel", d.needsGuideModel());
            node.set("parameters", parameters(mapper, d.parameters()));
            node.put("source", loss.source());
        }
        ArrayNode converters = root.putArray("converters");
        for (LoadedConverter converter : registry.converters()) {
            ObjectNode node = converters.addObject();
            node.put("name", converter.descriptor().name());
            node.put("summary", converter.descriptor().summary());
            node.put("from", converter.descriptor().from().cliName());
            node.put("to", converter.descriptor().to().cliName());
            node.set("parameters", parameters(mapper, converter.descriptor().parameters()));
            node.put("source", converter.source());
        }
        ArrayNode problems = root.putArray("problems");
        for (PluginProblem problem : registry.problems()) {
            problems.addObject().put("source", problem.source()).put("message", problem.message());
        }
        return root;
    }

    private static ArrayNode parameters(ObjectMapper mapper, List<ParameterSpec> specs) {
        ArrayNode array = mapper.createArrayNode();
        for (ParameterSpec p : specs) {
            ObjectNode node = array.addObject();
            node.put("name", p.name());
            node.put("type", p.type().displayName());
            node.set("default", mapper.valueToTree(p.defaultValue()));
            node.put("doc", p.doc());
            if (p.min() != null) {
                node.put("min", p.min()).put("minInclusive", p.minInclusive());
            }
            if (p.max() != null) {
                node.put("max", p.max()).put("maxInclusive", p.maxInclusive());
            }
            if (!p.choices().isEmpty()) {
                p.choices().forEach(node.putArray("choices")::add);
            }
        }
        return array;
    }
}
