package dev.contrastive4j.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.contrastive4j.train.TrainingConfig;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The report files from a known summary (see {@link ComparisonSummaryTest#records()}): the HTML page's structure
 * checked in plain Java (scripts/check-report-html.sh checks the same page in a real browser), the Markdown
 * tables and the CSV.
 */
class ComparisonReportTest {

    private static ComparisonReport report() {
        ComparePlan plan = new ComparePlan("minilm", OptionalInt.empty(), Path.of("train.jsonl"), OptionalInt.of(100),
                new TestSet(Path.of("test.jsonl"), Optional.empty()), 50,
                List.of(ComparisonSummaryTest.ACCURACY, ComparisonSummaryTest.NDCG), 2,
                TrainingConfig.defaults().withEvalSteps(2),
                List.of(new CompareConfiguration("good", "good"), new CompareConfiguration("flaky", "flaky"),
                        new CompareConfiguration("broken", "nonsense")), List.of());
        return new ComparisonReport(plan, ComparisonSummaryTest.summary(), ComparisonSummaryTest.records(),
                new ComparisonReport.Facts(Instant.parse("2026-01-02T03:04:05Z"), 61.5, 100, "triplet", 2));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Element root, String tag, String cssClass) {
        NodeList nodes = root.getElementsByTagName(tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (cssClass == null || element.getAttribute("class").equals(cssClass)) {
                found.add(element);
            }
        }
        return found;
    }

    @Test
    void theHtmlPageIsWellFormedAndDrawsACurveChartAndABarChartPerMetric() throws Exception {
        Document page = parse(new HtmlReport(report()).render());
        List<Element> charts = elements(page.getDocumentElement(), "svg", "chart");

        // Two metrics: a learning-curve chart and a bar chart each.
        assertThat(charts).hasSize(4);
        for (Element curveChart : charts.subList(0, 2)) {
            // good and flaky have results; broken has none and no line. The base model is the dashed reference.
            assertThat(elements(curveChart, "path", "curve")).hasSize(2);
            assertThat(elements(curveChart, "line", "reference")).hasSize(1);
            assertThat(elements(curveChart, "path", "curve").get(0).getAttribute("d")).startsWith("M").contains(" L");
            assertThat(elements(curveChart, "text", "legend")).extracting(Element::getTextContent)
                    .containsExactly("base (untrained)", "good", "flaky");
        }
        for (Element barChart : charts.subList(2, 4)) {
            // base, good, flaky have bars; broken says it has no result.
            assertThat(elements(barChart, "rect", "bar")).hasSize(3);
            assertThat(elements(barChart, "text", "label")).extracting(Element::getTextContent)
                    .containsExactly("base (untrained)", "good", "flaky", "broken");
            assertThat(elements(barChart, "text", "note")).extracting(Element::getTextContent).contains("no result");
            // good has two seeds: an error bar.
            assertThat(elements(barChart, "path", "error")).hasSize(1);
        }
        assertThat(charts.get(2).getAttribute("aria-label")).isEqualTo("triplet.cosine_accuracy (whole test set)");
    }

    @Test
    void theHtmlPageNeedsNothingOutsideItself() throws Exception {
        String html = new HtmlReport(report()).render();
        Document page = parse(html);

        for (String tag : List.of("script", "link", "img", "iframe", "object")) {
            assertThat(page.getElementsByTagName(tag).getLength()).as(tag).isZero();
        }
        assertThat(html).doesNotContain("src=", "href=", "url(", "@import");
        assertThat(html.replace("http://www.w3.org/1999/xhtml", "").replace("http://www.w3.org/2000/svg", ""))
                .doesNotContain("http");
    }

    @Test
    void theHtmlTablesShowEveryRowAndMarkFailures() throws Exception {
        Document page = parse(new HtmlReport(report()).render());
        List<Element> tables = elements(page.getDocumentElement(), "table", null);

        assertThat(tables).hasSize(2);
        List<Element> rows = elements(tables.get(0), "tr", null);
        assertThat(rows).hasSize(1 + 4);
        assertThat(elements(tables.get(0), "tr", "failed")).hasSize(2);
        assertThat(rows.get(4).getTextContent()).contains("broken", "nonsense", "failed: unknown loss 'nonsense'");
        assertThat(rows.get(2).getTextContent()).contains("0.7750 ± 0.0354");
    }

    @Test
    void theMarkdownReportHasTheTableTheDifferencesAndTheRuns() {
        String markdown = report().markdown();

        assertThat(markdown).contains("# Loss comparison", "seeds 42, 43", "a fixed subset of 50 test examples",
                "every 2 steps", "The runs took 1m 20s", "this process ran 1m 02s, on 2 processors");
        assertThat(markdown).contains("| configuration    | loss     | triplet.cosine_accuracy |");
        assertThat(markdown).contains("| good             | good     |         0.7750 ± 0.0354 |");
        assertThat(markdown).contains("| broken           | nonsense |                       – |");
        assertThat(markdown).contains("failed: unknown loss 'nonsense'");
        // base − good = −0.275 with an interval far from 0; good itself is the best.
        assertThat(markdown).containsPattern("\\| base \\(untrained\\) +\\| +-0\\.2750 \\[-0\\.\\d{4}, -0\\.\\d{4}\\]"
                + " \\| +yes \\|");
        assertThat(markdown).containsPattern("\\| good +\\| +best \\|");
    }

    @Test
    void theCsvHasOneLinePerRunAndQuotesCellsWithCommas(@TempDir Path folder) throws Exception {
        report().writeAll(folder);
        List<String> lines = Files.readAllLines(folder.resolve(ComparisonReport.CSV_FILE));

        assertThat(lines).hasSize(1 + 6);
        assertThat(lines.get(0)).isEqualTo("configuration,loss,overrides,seed,status,reason,seconds,steps,"
                + "training_seconds,rows_per_second,final_loss,triplet.cosine_accuracy,ir.ndcg@10,ir.mrr@10");
        assertThat(lines.get(1)).startsWith("base,,,,ok,,20.0,3,");
        assertThat(lines.get(5)).isEqualTo("flaky,flaky,,43,failed,training diverged at step 2,,0,,,,,,");
        assertThat(folder.resolve(ComparisonReport.MARKDOWN_FILE)).exists();
        assertThat(folder.resolve(ComparisonReport.JSON_FILE)).exists();
        assertThat(folder.resolve(ComparisonReport.HTML_FILE)).exists();
    }
}
