package dev.contrastive4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The command line's promise for bad input, case by case through {@link CliRun}: every mistake in a data file,
 * a model folder, a loss expression or an argument ends with exit code 2 and one line on stderr that says
 * what is wrong and where, without a stack trace, and leaves no output behind (not even a partial or temporary
 * file). The only other lines allowed on stderr are the commands' own progress notes, which come before it.
 */
class BadInputTest {

    /** Progress notes the commands print before the work that may fail. */
    private static final List<String> PROGRESS_NOTES = List.of("c4j: loading model ", "c4j: loss ",
            "c4j: comparing ", "c4j: evaluating the base model ", "c4j: base model: ");

    private static Path root;
    private static BadInputs inputs;
    private static final AtomicInteger CASE_NUMBER = new AtomicInteger();

    @BeforeAll
    static void inputsFolder() throws IOException {
        root = Files.createTempDirectory("c4j-bad-input-");
        inputs = new BadInputs(root.resolve("inputs"));
    }

    @AfterAll
    static void deleteInputs() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * One bad input.
     *
     * @param category what kind of input is bad (the rows of docs/reliability.md)
     * @param name what is wrong with it
     * @param command the arguments, given the inputs and an empty folder for the outputs
     * @param mentions what the error line must contain: the place (file, line, option) and the problem
     */
    record BadInput(String category, String name, BiFunction<BadInputs, Path, List<String>> command,
            List<String> mentions) {

        @Override
        public String toString() {
            return category + ": " + name;
        }
    }

    private static BadInput data(String name, BiFunction<BadInputs, Path, List<String>> command, String... mentions) {
        return new BadInput("data file", name, command, List.of(mentions));
    }

    private static BadInput model(String name, BiFunction<BadInputs, Path, List<String>> command, String... mentions) {
        return new BadInput("model folder", name, command, List.of(mentions));
    }

    private static BadInput loss(String expression, String... mentions) {
        return new BadInput("loss expression", "'" + expression + "'",
                (in, out) -> train(in.model(), in.triplets(), out, "--loss", expression), List.of(mentions));
    }

    private static BadInput argument(String name, BiFunction<BadInputs, Path, List<String>> command,
            String... mentions) {
        return new BadInput("argument", name, command, List.of(mentions));
    }

    /**
     * {@code c4j train} for one step into {@code out/run}; {@code extra} options replace these (an option given
     * twice is itself an error), and a lone {@code --flag} is added as it is.
     */
    private static List<String> train(Path model, Path data, Path out, String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--model", model.toString());
        options.put("--train", data.toString());
        options.put("--output", out.resolve("run").toString());
        options.put("--max-steps", "1");
        options.put("--batch-size", "4");
        return command("train", options, extra, "--no-progress");
    }

    private static List<String> command(String name, Map<String, String> options, String[] extra,
            String... flags) {
        for (int i = 0; i < extra.length; i += 2) {
            options.put(extra[i], extra[i + 1]);
        }
        List<String> args = new ArrayList<>(List.of(name));
        options.forEach((option, value) -> args.addAll(List.of(option, value)));
        args.addAll(List.of(flags));
        return args;
    }

    private static List<String> trainOn(BadInputs in, Path data, Path out) {
        return train(in.model(), data, out);
    }

    /** {@code c4j evaluate} writing its report to {@code out/report.json}; {@code extra} options replace these. */
    private static List<String> evaluate(Path model, Path data, Path out, String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--model", model.toString());
        options.put("--eval", data.toString());
        options.put("--output", out.resolve("report.json").toString());
        return command("evaluate", options, extra);
    }

    private static List<String> evaluateModel(BadInputs in, Path model, Path out) {
        return evaluate(model, in.triplets(), out);
    }

    private static List<String> convert(Path data, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of("convert", "--to", "scored-pairs"));
        args.addAll(List.of(extra));
        args.addAll(List.of(data.toString(), out.resolve("converted.jsonl").toString()));
        return args;
    }

    private static BadInput config(String name, BiFunction<BadInputs, Path, List<String>> command, String... mentions) {
        return new BadInput("experiment config", name, command, List.of(mentions));
    }

    /** {@code c4j compare --config FILE} into {@code out/compare}. */
    private static List<String> compare(Path config, Path out) {
        return List.of("compare", "--config", config.toString(), "--output", out.resolve("compare").toString(),
                "--no-progress");
    }

    /**
     * A comparison file of one tiny model on the good triplets, one update per configuration, with the given
     * lines added at the top level (they must not repeat the fields here).
     */
    private static Path comparison(BadInputs in, String name, String extra, String configurations) {
        return in.text(name, "model: " + in.model() + "\ntrain: " + in.triplets() + "\ntest: " + in.triplets()
                + "\nmax_steps: 1\n" + extra + "configurations:\n" + configurations);
    }

    private static final String ONE_CONFIGURATION = "  - name: a\n    loss: mnrl\n";

    private static final String GOOD_ROW = "{\"anchor\": \"a cat\", \"positive\": \"a dog\"}\n";

    /** {@code c4j encode} of {@code texts} with the tiny model into {@code out/embeddings.jsonl}. */
    private static List<String> encode(Path model, Path texts, Path out, String... extra) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("--model", model.toString());
        options.put("--input", texts.toString());
        options.put("--output", out.resolve("embeddings.jsonl").toString());
        return command("encode", options, extra, "--no-progress");
    }

    static Stream<BadInput> badInputs() {
        return Stream.concat(badInputsOfTrainEvaluateConvert(), badInputsOfCompareAndEncode());
    }

    static Stream<BadInput> badInputsOfCompareAndEncode() {
        return Stream.of(
                // ---- experiment configs (c4j compare --config)
                config("YAML syntax error", (in, out) -> compare(in.text("syntax.yaml",
                        "configurations:\n  - name: a\n    loss: mnrl\n  bad indent: [\n"), out),
                        "syntax.yaml", "line 4", "YAML"),
                config("JSON syntax error", (in, out) -> compare(in.text("syntax.json",
                        "{\"configurations\": [{\"name\": \"a\", \"loss\": \"mnrl\"}\n"), out), "syntax.json", "JSON"),
                config("a number field holding a word", (in, out) -> compare(in.text("type.yaml", "lr: fast\n"), out),
                        "type.yaml", "line 1", "'lr'"),
                config("unknown field", (in, out) -> compare(in.text("unknown.yaml", "learning_rate: 0.1\n"), out),
                        "unknown.yaml", "'learning_rate'", "lr"),
                config("empty file", (in, out) -> compare(in.text("empty.yaml", ""), out), "empty.yaml", "empty"),
                config("binary file", (in, out) -> compare(in.bytes("binary.yaml", BadInputs.random(500, 5)), out),
                        "binary.yaml", "UTF-8"),
                config("neither YAML nor JSON by name", (in, out) -> compare(in.text("compare.txt", "seeds: 1\n"), out),
                        "compare.txt", ".yaml"),
                config("missing file", (in, out) -> compare(out.getParent().resolve("no-such.yaml"), out),
                        "no-such.yaml", "no such file"),
                config("no configurations", (in, out) -> compare(comparison(in, "none.yaml", "", "  []\n"), out),
                        "none.yaml", "at least one configuration"),
                config("two configurations with one name", (in, out) -> compare(comparison(in, "twice.yaml", "",
                        ONE_CONFIGURATION + "  - name: A\n    loss: triplet\n"), out), "twice.yaml", "named 'A'"),
                config("configuration without a loss", (in, out) -> compare(comparison(in, "noloss.yaml", "",
                        "  - name: a\n"), out), "noloss.yaml", "configurations[0]", "'loss'"),
                config("unknown loss", (in, out) -> compare(comparison(in, "loss.yaml", "",
                        "  - name: a\n    loss: tripplet\n"), out), "configuration 'a'", "tripplet", "triplet"),
                config("negative batch size", (in, out) -> compare(comparison(in, "batch.yaml", "batch_size: -3\n",
                        ONE_CONFIGURATION), out), "batch", "-3"),
                config("training file that does not exist", (in, out) -> compare(in.text("notrain.yaml",
                        "model: " + in.model() + "\ntrain: no-such-train.jsonl\ntest: " + in.triplets() + "\n"
                                + "configurations:\n" + ONE_CONFIGURATION), out), "no-such-train.jsonl"),
                config("test file with a bad row", (in, out) -> compare(in.text("badtest.yaml", "model: " + in.model()
                        + "\ntrain: " + in.triplets() + "\ntest: " + in.text("bad-test.jsonl",
                        "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"c\"}\n") + "\nmax_steps: 1\n"
                        + "configurations:\n" + ONE_CONFIGURATION), out), "bad-test.jsonl:2", "positive"),
                config("base model with broken weights", (in, out) -> compare(in.text("badmodel.yaml", "model: "
                        + in.brokenModel("compare-cut", BadInputs.truncate("model.safetensors", 20_000)) + "\ntrain: "
                        + in.triplets() + "\ntest: " + in.triplets() + "\nmax_steps: 1\nconfigurations:\n"
                        + ONE_CONFIGURATION), out), "compare-cut/model.safetensors"),
                config("a metric the test set does not report", (in, out) -> compare(comparison(in, "metric.yaml",
                        "metrics: [ir.ndcg@11]\n", ONE_CONFIGURATION), out), "ir.ndcg@11"),

                config("a key given twice (the second configurations: replaced the first)", (in, out) ->
                        compare(comparison(in, "duplicate.yaml", "", ONE_CONFIGURATION + "configurations:\n"
                                + "  - name: b\n    loss: triplet\n"), out), "duplicate.yaml", "line 8",
                        "'configurations'", "twice"),
                config("a fraction where an integer is expected", (in, out) -> compare(in.text("fraction.yaml",
                        "model: " + in.model() + "\ntrain: " + in.triplets() + "\ntest: " + in.triplets()
                                + "\nmax_steps: 1.5\nconfigurations:\n" + ONE_CONFIGURATION), out), "fraction.yaml",
                        "line 4", "'max_steps'", "1.5", "whole number"),

                // ---- parser limits (JSON nested too deeply, numbers too long), on the second line
                data("JSONL nested 1,001 levels deep", (in, out) -> trainOn(in, in.text("deep.jsonl", GOOD_ROW
                        + "{\"anchor\": " + "[".repeat(1001) + "]".repeat(1001) + ", \"positive\": \"b\"}\n"), out),
                        "deep.jsonl:2", "nested 1,001 levels deep"),
                data("JSONL number of 1,001 digits", (in, out) -> trainOn(in, in.text("long-number.jsonl", GOOD_ROW
                        + "{\"anchor\": \"a\", \"positive\": " + "9".repeat(1001) + "}\n"), out),
                        "long-number.jsonl:2", "1,001 digits"),
                data("evaluate: JSONL nested 1,001 levels deep", (in, out) -> evaluate(in.model(),
                        in.text("deep-eval.jsonl", GOOD_ROW + "[".repeat(1001) + "]".repeat(1001) + "\n"), out),
                        "deep-eval.jsonl:2", "nested 1,001 levels deep"),
                data("encode: JSONL number of 1,001 digits", (in, out) -> encode(in.model(),
                        in.text("long-number-texts.jsonl", "{\"text\": \"a\"}\n{\"text\": \"b\", \"id\": "
                                + "1".repeat(1001) + "}\n"), out), "long-number-texts.jsonl:2", "1,001 digits"),

                // ---- c4j encode
                data("encode: missing input", (in, out) -> encode(in.model(), out.getParent().resolve("no-texts.txt"),
                        out), "no-texts.txt"),
                data("encode: binary input", (in, out) -> encode(in.model(), in.bytes("texts.txt",
                        BadInputs.random(3000, 6)), out), "texts.txt", "UTF-8"),
                data("encode: JSONL input without the text field", (in, out) -> encode(in.model(),
                        in.text("texts.jsonl", "{\"text\": \"a\"}\n{\"body\": \"b\"}\n"), out), "texts.jsonl:2",
                        "text"),
                model("encode: model cut short", (in, out) -> encode(in.brokenModel("encode-cut",
                        BadInputs.truncate("model.safetensors", 20_000)), in.text("ok.txt", "a cat\n"), out),
                        "encode-cut/model.safetensors"),
                argument("encode: output of an unknown kind", (in, out) -> encode(in.model(), in.text("ok.txt",
                        "a cat\n"), out, "--output", out.resolve("embeddings.csv").toString()), "embeddings.csv",
                        ".npy"),
                argument("encode: output into a folder", (in, out) -> encode(in.model(), in.text("ok.txt", "a cat\n"),
                        out, "--output", existingFolder(out).toString()), "a-folder", "folder"),
                argument("encode: output under /proc", (in, out) -> encode(in.model(), in.text("ok.txt", "a cat\n"),
                        out, "--output", "/proc/c4j-embeddings.npy"), "/proc/c4j-embeddings.npy",
                        "cannot write in /proc"),
                argument("encode: batch size 0", (in, out) -> encode(in.model(), in.text("ok.txt", "a cat\n"), out,
                        "--batch-size", "0"), "--batch-size", "0"));
    }

    static Stream<BadInput> badInputsOfTrainEvaluateConvert() {
        return Stream.of(
                // ---- data files
                data("empty JSONL file", (in, out) -> trainOn(in, in.text("empty.jsonl", ""), out),
                        "empty.jsonl", "empty file"),
                data("empty CSV file", (in, out) -> trainOn(in, in.text("empty.csv", ""), out),
                        "empty.csv", "empty"),
                data("CSV header only", (in, out) -> trainOn(in, in.text("header.csv", "anchor,positive,negative\n"), out),
                        "header.csv:1", "no"),
                data("TSV header only", (in, out) -> trainOn(in, in.text("header.tsv", "anchor\tpositive\n"), out),
                        "header.tsv:1", "no"),
                data("binary file", (in, out) -> trainOn(in, in.bytes("binary.jsonl", BadInputs.random(4096, 1)), out),
                        "binary.jsonl:1", "UTF-8"),
                data("gzip-compressed binary", (in, out) -> trainOn(in, in.bytes("binary.jsonl.gz",
                        BadInputs.gzip(BadInputs.random(4096, 2))),
                        out), "binary.jsonl.gz", "UTF-8"),
                data("truncated gzip", (in, out) -> {
                    byte[] whole = BadInputs.gzip("{\"anchor\": \"a\", \"positive\": \"b\"}\n".repeat(200));
                    return trainOn(in, in.bytes("cut.jsonl.gz", java.util.Arrays.copyOf(whole, whole.length / 2)), out);
                }, "cut.jsonl.gz", "gzip"),
                data("Latin-1 text", (in, out) -> trainOn(in, in.bytes("latin1.csv",
                        "anchor,positive\ncaf\u00e9,th\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)), out),
                        "latin1.csv:2", "UTF-8"),
                data("UTF-16 text", (in, out) -> trainOn(in, in.bytes("utf16.jsonl",
                        "{\"anchor\": \"a\", \"positive\": \"b\"}\n".getBytes(java.nio.charset.StandardCharsets.UTF_16)),
                        out), "utf16.jsonl:1", "UTF-16"),
                data("JSONL then CSV lines", (in, out) -> trainOn(in, in.text("mixed.jsonl",
                        "{\"anchor\": \"a\", \"positive\": \"b\"}\nanchor,positive\nc,d\n"), out),
                        "mixed.jsonl:2", "JSON"),
                data("CSV then JSONL lines", (in, out) -> trainOn(in, in.text("mixed.csv",
                        "anchor,positive\na,b\n{\"anchor\": \"c\", \"positive\": \"d\"}\n"), out),
                        "mixed.csv:3"),
                data("JSONL row missing a column", (in, out) -> trainOn(in, in.text("missing.jsonl",
                        "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"c\"}\n"), out),
                        "missing.jsonl:2", "positive"),
                data("JSONL row with an extra column", (in, out) -> trainOn(in, in.text("extra.jsonl",
                        "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"c\", \"positive\": \"d\", \"x\": \"e\"}\n"),
                        out), "extra.jsonl:2", "x"),
                data("unknown column names", (in, out) -> trainOn(in, in.text("columns.csv", "question,answer\na,b\n"), out),
                        "columns.csv:1", "question"),
                data("blank text", (in, out) -> trainOn(in, in.text("blank.jsonl",
                        "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": \"  \", \"positive\": \"d\"}\n"), out),
                        "blank.jsonl:2", "anchor"),
                data("score above 1", (in, out) -> trainOn(in, in.text("scores.csv",
                        "sentence1,sentence2,score\na,b,0.5\nc,d,1.7\n"), out), "scores.csv:3", "score", "1.7"),
                data("score that is not a number", (in, out) -> trainOn(in, in.text("nan-score.tsv",
                        "sentence1\tsentence2\tscore\na\tb\thigh\n"), out), "nan-score.tsv:2", "score", "high"),
                data("CSV quote never closed", (in, out) -> trainOn(in, in.text("quote.csv",
                        "anchor,positive\n\"a,b\nc,d\n"), out), "quote.csv:2", "quote"),
                data("JSON array instead of an object", (in, out) -> trainOn(in, in.text("array.jsonl",
                        "{\"anchor\": \"a\", \"positive\": \"b\"}\n[\"c\", \"d\"]\n"), out), "array.jsonl:2", "object"),
                data("a 200 MB single line", (in, out) -> trainOn(in, in.oneLongLine("long-line.jsonl", 200), out),
                        "long-line.jsonl:1", "at most"),
                data("missing file", (in, out) -> trainOn(in, out.getParent().resolve("no-such.jsonl"), out),
                        "no-such.jsonl", "not found"),
                data("a folder instead of a file", (in, out) -> trainOn(in, in.model(), out), "tiny-model", "folder"),
                data("unknown file extension", (in, out) -> trainOn(in, in.text("rows.txt", "a b c\n"), out),
                        "rows.txt", ".jsonl"),
                data("mapping names a missing column", (in, out) -> train(in.model(), in.triplets(), out,
                        "--mapping", "anchor=question,positive=answer"), "triplets.jsonl", "question"),
                data("bad evaluation file for train", (in, out) -> train(in.model(), in.triplets(), out, "--eval",
                        in.text("bad-eval.jsonl", "{\"anchor\": \"a\", \"positive\": \"b\"}\n{\"anchor\": 3}\n").toString()),
                        "bad-eval.jsonl:2", "anchor"),
                data("bad file for evaluate", (in, out) -> evaluate(in.model(), in.text("bad-eval.csv",
                        "anchor,positive,negative\na,b\n"), out), "bad-eval.csv:2"),
                data("bad row in the middle of a conversion", (in, out) -> convert(in.text("late-bad.jsonl",
                        "{\"anchor\": \"a\", \"positive\": \"b\", \"negative\": \"c\"}\n".repeat(50)
                                + "{\"anchor\": \"a\", \"positive\": \"\", \"negative\": \"c\"}\n"), out),
                        "late-bad.jsonl:51", "positive"),
                data("converting data already in the target format", (in, out) -> convert(in.text("scored.csv",
                        "sentence1,sentence2,score\na,b,1\n"), out), "scored.csv", "nothing to convert"),

                // ---- model folders
                model("no config.json", (in, out) -> evaluateModel(in, in.brokenModel("no-config",
                        folder -> Files.delete(folder.resolve("config.json"))), out), "no-config", "config.json"),
                model("config.json is not JSON", (in, out) -> evaluateModel(in, in.brokenModel("config-syntax",
                        folder -> Files.writeString(folder.resolve("config.json"), "{\"hidden_size\": 32,")), out),
                        "config-syntax/config.json", "JSON"),
                model("config.json of another model type", (in, out) -> evaluateModel(in, in.brokenModel("roberta",
                        BadInputs.setJson("config.json", "model_type", "roberta")), out), "roberta/config.json", "bert"),
                model("hidden_size disagrees with the weights", (in, out) -> evaluateModel(in, in.brokenModel("wider",
                        BadInputs.setJson("config.json", "hidden_size", 64)), out),
                        "wider/config.json", "hidden_size 64", "model.safetensors"),
                model("layer count disagrees with the weights", (in, out) -> evaluateModel(in, in.brokenModel("deeper",
                        BadInputs.setJson("config.json", "num_hidden_layers", 3)), out),
                        "deeper/model.safetensors", "3-layer", "missing"),
                model("feed-forward width disagrees with the weights", (in, out) -> evaluateModel(in,
                        in.brokenModel("ffn", BadInputs.setJson("config.json", "intermediate_size", 48)), out),
                        "ffn/model.safetensors", "shape"),
                model("pooling width disagrees with the model", (in, out) -> evaluateModel(in, in.brokenModel("pooling",
                        BadInputs.setJson("1_Pooling/config.json", "word_embedding_dimension", 16)), out),
                        "pooling/1_Pooling/config.json", "16"),
                model("tokenizer vocabulary larger than the embedding table", (in, out) -> evaluateModel(in,
                        in.brokenModel("big-vocab", BadInputs.growVocabulary(50)), out),
                        "big-vocab/tokenizer.json", "vocab_size is 110"),
                model("no tokenizer.json", (in, out) -> evaluateModel(in, in.brokenModel("no-tokenizer",
                        folder -> Files.delete(folder.resolve("tokenizer.json"))), out), "no-tokenizer", "tokenizer.json"),
                model("tokenizer.json that is no tokenizer", (in, out) -> evaluateModel(in, in.brokenModel("bad-tokenizer",
                        folder -> Files.writeString(folder.resolve("tokenizer.json"), "{\"model\": 3}")), out),
                        "bad-tokenizer/tokenizer.json", "tokenizer"),
                model("model.safetensors cut in half", (in, out) -> evaluateModel(in, in.brokenModel("half-weights",
                        BadInputs.truncate("model.safetensors", 48_000)), out), "half-weights/model.safetensors", "end"),
                model("model.safetensors cut inside its header", (in, out) -> evaluateModel(in, in.brokenModel("cut-header",
                        BadInputs.truncate("model.safetensors", 100)), out), "cut-header/model.safetensors", "header"),
                model("model.safetensors of 3 bytes", (in, out) -> evaluateModel(in, in.brokenModel("three-bytes",
                        BadInputs.truncate("model.safetensors", 3)), out), "three-bytes/model.safetensors"),
                model("model.safetensors with bytes overwritten in its header", (in, out) -> evaluateModel(in,
                        in.brokenModel("fuzzed-weights", BadInputs.fuzz("model.safetensors", 20, 400, 3)), out),
                        "fuzzed-weights/model.safetensors"),
                model("ONNX file cut short", (in, out) -> evaluateModel(in, in.brokenModel("cut-onnx",
                        BadInputs.onnxInsteadOfSafetensors(BadInputs.truncatedMiniLmOnnx(1 << 20))), out),
                        "cut-onnx/model.onnx"),
                model("ONNX model that is not a BERT", (in, out) -> evaluateModel(in, in.brokenModel("matmul-onnx",
                        BadInputs.onnxInsteadOfSafetensors(BadInputs.matMulOnnx())), out), "matmul-onnx/model.onnx"),
                model("random bytes as model.onnx", (in, out) -> evaluateModel(in, in.brokenModel("random-onnx",
                        BadInputs.onnxInsteadOfSafetensors(BadInputs.random(5000, 4))), out), "random-onnx/model.onnx"),
                model("pytorch_model.bin only", (in, out) -> evaluateModel(in, in.brokenModel("pickle", folder ->
                        Files.move(folder.resolve("model.safetensors"), folder.resolve("pytorch_model.bin"))), out),
                        "pickle", "pytorch_model.bin", "refused"),
                model("a pytorch_model.bin file named as the model", (in, out) -> evaluateModel(in, in.brokenModel("pickle-file",
                        folder -> Files.write(folder.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2}))
                        .resolve("pytorch_model.bin"), out), "pytorch_model.bin", "refused"),
                model("modules.json path leading out with ..", (in, out) -> evaluateModel(in, in.brokenModel("climb",
                        BadInputs.modulePath("../../../etc")), out), "climb/modules.json", "../../../etc", "outside"),
                model("modules.json with an absolute path", (in, out) -> evaluateModel(in, in.brokenModel("absolute",
                        BadInputs.modulePath("/etc")), out), "absolute/modules.json", "/etc", "outside"),
                model("model that does not exist", (in, out) -> evaluateModel(in, out.getParent().resolve("no-model"), out),
                        "no-model", "no such file or folder"),
                model("model that is a text file", (in, out) -> evaluateModel(in, in.text("model.txt", "hello"), out),
                        "model.txt", "folder"),
                model("base model for train with broken weights", (in, out) -> train(in.brokenModel("train-cut",
                        BadInputs.truncate("model.safetensors", 20_000)), in.triplets(), out), "train-cut/model.safetensors"),

                // ---- loss expressions
                loss("0.5*mnrl + 0.5*tripplet", "column 16", "tripplet", "triplet"),
                loss("mnrl(", "column", "never closed"),
                loss("-1*mnrl", "column 1", "weight"),
                loss("mnrl(scale=abc)", "column 12", "scale", "abc"),
                loss("mnrl(scale=1e400)", "scale", "finite"),
                loss("mnrl(foo=1)", "column 6", "foo", "scale"),
                loss("", "column 1", "loss name"),
                loss("mnrl + mnrl", "column 8", "repeats"),
                new BadInput("loss expression", "pair loss on pairs with no converter", (in, out) ->
                        train(in.model(), in.pairs(), out, "--loss", "cosent"), List.of("cosent", "pair")),

                // ---- arguments
                argument("negative batch size", (in, out) -> train(in.model(), in.triplets(), out, "--batch-size", "-1"),
                        "--batch-size", "-1"),
                argument("learning rate 0", (in, out) -> train(in.model(), in.triplets(), out, "--lr", "0"), "--lr", "0"),
                argument("learning rate not a number", (in, out) -> train(in.model(), in.triplets(), out, "--lr", "fast"),
                        "--lr", "fast"),
                argument("warm-up ratio above 1", (in, out) -> train(in.model(), in.triplets(), out, "--warmup-ratio", "2"),
                        "--warmup-ratio", "2"),
                argument("zero epochs", (in, out) -> train(in.model(), in.triplets(), out, "--epochs", "0",
                        "--max-steps", "0"), "--epochs", "0"),
                argument("negative max steps", (in, out) -> train(in.model(), in.triplets(), out, "--max-steps", "-5"),
                        "--max-steps", "-5"),
                argument("max sequence length 1", (in, out) -> train(in.model(), in.triplets(), out,
                        "--max-seq-length", "1"), "--max-seq-length", "1"),
                argument("train size 0", (in, out) -> train(in.model(), in.triplets(), out, "--train-size", "0"),
                        "--train-size", "0"),
                argument("output folder that is a file", (in, out) -> train(in.model(), in.triplets(), out,
                        "--output", existingFile(out).toString()), "--output", "a-file", "is a file"),
                argument("output folder under a file", (in, out) -> train(in.model(), in.triplets(), out,
                        "--output", existingFile(out).resolve("run").toString()), "--output", "a-file", "not a folder"),
                argument("output folder the system refuses (/proc)", (in, out) -> train(in.model(), in.triplets(), out,
                        "--output", "/proc/c4j-run"), "--output", "/proc/c4j-run", "cannot write in /proc"),
                argument("output that already holds a run", (in, out) -> train(in.model(), in.triplets(), out,
                        "--output", existingRun(out).toString()), "--output", "already holds a run"),
                argument("--keep-best without --eval", (in, out) -> train(in.model(), in.triplets(), out,
                        "--keep-best", "ir.ndcg@10"), "--keep-best", "--eval"),
                argument("unknown option", (in, out) -> train(in.model(), in.triplets(), out, "--learning-rate", "1"),
                        "--learning-rate"),
                argument("missing plugins folder", (in, out) -> train(in.model(), in.triplets(), out, "--plugins",
                        out.getParent().resolve("no-plugins").toString()), "no-plugins", "plugins folder"),
                argument("evaluate batch size 0", (in, out) -> evaluate(in.model(), in.triplets(), out,
                        "--batch-size", "0"), "--batch-size", "0"),
                argument("evaluate report into a folder", (in, out) -> evaluate(in.model(), in.triplets(), out,
                        "--output", existingFolder(out).toString()), "--output", "a-folder"),
                argument("evaluate report under /proc", (in, out) -> evaluate(in.model(), in.triplets(), out,
                        "--output", "/proc/c4j-report.json"), "--output", "/proc/c4j-report.json", "/proc"),
                argument("evaluate with --queries alone", (in, out) -> evaluate(in.model(), in.triplets(), out,
                        "--queries", in.triplets().toString()), "--queries", "--corpus"),
                argument("convert to an unknown format", (in, out) -> List.of("convert", "--to", "quadruplets",
                        in.triplets().toString(), out.resolve("x.jsonl").toString()), "--to", "quadruplets"),
                argument("convert with an unknown parameter", (in, out) -> convert(in.triplets(), out, "-P", "margin=1"),
                        "margin", "positive_score"),
                argument("convert into a folder", (in, out) -> List.of("convert", "--to", "pairs",
                        in.triplets().toString(), existingFolder(out).toString()), "OUT", "a-folder"),
                argument("convert into /proc", (in, out) -> List.of("convert", "--to", "pairs",
                        in.triplets().toString(), "/proc/c4j-pairs.jsonl"), "/proc/c4j-pairs.jsonl", "cannot write in /proc"));
    }

    /** A file in the output folder, there before the run (and expected to stay as it is). */
    private static Path existingFile(Path out) {
        return write(out.resolve("a-file"), "not a folder");
    }

    private static Path existingFolder(Path out) {
        try {
            return Files.createDirectories(out.resolve("a-folder"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A folder holding a run's record, as an earlier {@code c4j train} leaves it. */
    private static Path existingRun(Path out) {
        write(out.resolve("earlier/run.json"), "{}");
        return out.resolve("earlier");
    }

    private static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void endsWithOneLineAndExitCode2AndLeavesNoOutput(BadInput bad) throws IOException {
        Path out = Files.createDirectories(root.resolve("outputs").resolve("case-" + CASE_NUMBER.incrementAndGet()));
        List<String> args = bad.command().apply(inputs, out);
        Map<String, Long> before = listing(out);

        CliRun run = CliRun.of(args.toArray(String[]::new));

        List<String> lines = run.err().lines().filter(line -> !line.isBlank()).toList();
        assertThat(run.exitCode()).as("exit code; stderr:%n%s", run.err()).isEqualTo(2);
        assertThat(lines).as("stderr").isNotEmpty();
        String error = lines.get(lines.size() - 1);
        assertThat(error).as("the last line of stderr").startsWith("c4j: error: ");
        assertThat(lines.subList(0, lines.size() - 1)).as("the lines before the error: progress notes only")
                .allMatch(line -> PROGRESS_NOTES.stream().anyMatch(line::startsWith));
        assertThat(run.err()).as("no stack trace").doesNotContain("\tat ", "Exception:", "Caused by");
        assertThat(error).as("what and where").contains(bad.mentions());
        assertThat(listing(out)).as("the output folder after the run: nothing added, nothing changed")
                .isEqualTo(before);
    }

    /** Every file and folder under {@code folder} with its size (-1 for folders). */
    private static Map<String, Long> listing(Path folder) throws IOException {
        Map<String, Long> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.toList()) {
                entries.put(folder.relativize(path).toString(), Files.isDirectory(path) ? -1 : Files.size(path));
            }
        }
        return entries;
    }
}
