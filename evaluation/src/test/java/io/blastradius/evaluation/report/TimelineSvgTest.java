package io.blastradius.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.blastradius.evaluation.score.Detection;
import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.score.Scorer;
import io.blastradius.evaluation.score.ScenarioScore;
import io.blastradius.evaluation.signal.SignalCollector;
import io.blastradius.evaluation.signal.SignalSeries;
import io.blastradius.evaluation.signal.SignalWindow;
import io.blastradius.evaluation.testing.Detectors;
import io.blastradius.evaluation.testing.OutageRecords;
import io.blastradius.evaluation.testing.Signals;
import io.blastradius.evaluation.testing.Truths;
import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.evaluation.truth.TrueOutage;
import io.blastradius.schemas.ComponentStatus;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageState;
import io.blastradius.schemas.scope.ScopeId;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class TimelineSvgTest {
    private final GroundTruth truth = Truths.twoDays();
    private final TrueOutage aws = truth.outages().get(0);

    @Test
    void escapesUntrustedTextSoNoMarkupOrScriptGetsIn() throws Exception {
        String evil = "<script>alert('x')</script> & \"quoted\" \u0001";
        SignalWindow window = SignalWindow.of(aws.onset().minus(Duration.ofHours(1)), aws.end(), aws.scope(),
                Set.copyOf(aws.hitServices()));
        SignalCollector collector = new SignalCollector();
        SignalSeries series = collector.add("k", window);
        collector.status(Signals.providerStatus("aws/us-east-1", aws.onset().plusSeconds(60),
                ComponentStatus.MAJOR_OUTAGE, evil));

        String svg = TimelineSvg.render(new TimelineSvg.Model(evil, evil, window, aws, List.of(), series));

        assertThat(svg).doesNotContain("<script").doesNotContain("\u0001");
        assertThat(svg).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("script").getLength()).isZero();
        assertThat(doc.getDocumentElement().getNodeName()).isEqualTo("svg");
    }

    @Test
    void drawsTheSignalsTruthAndDetectionOfAnOutage() throws Exception {
        ScenarioScore score = new Scorer().score(truth, Detectors.late(truth, Duration.ofMinutes(10)));
        SignalWindow window = SignalWindow.of(aws.onset().minus(Duration.ofHours(1)), aws.end(), aws.scope(),
                Set.copyOf(aws.hitServices()));
        SignalCollector collector = new SignalCollector();
        SignalSeries series = collector.add("k", window);
        for (int i = 0; i < 60; i++) {
            collector.probe(Signals.probe("coinbase", aws.onset().plus(Duration.ofMinutes(i)), i % 3 != 0, null));
            collector.social(Signals.complaint(aws.onset().plus(Duration.ofMinutes(i)), List.of("coinbase"), List.of(), 0.8));
        }

        String svg = TimelineSvg.render(new TimelineSvg.Model("t", "s", window, aws,
                List.of(score.detections().get(0).detection()), series));

        Document doc = parse(svg);
        // truth span + three phases + detection bands, then complaint bars
        assertThat(doc.getElementsByTagName("rect").getLength()).isGreaterThan(10);
        assertThat(titles(doc)).anyMatch(t -> t.startsWith("provider acknowledged 2025-10-20T07:11:00Z"));
        assertThat(titles(doc)).anyMatch(t -> t.startsWith("detected 2025-10-20T06:58:00Z"));
        assertThat(svg).contains("aws/us-east-1/nlb").doesNotContain("no signal data");
    }

    @Test
    void countsOnlyTheServicesOfTheDetectionsThePictureIsAbout() {
        Instant at = aws.onset().plusSeconds(600);
        Detection alarm = detection("alarm", at, List.of("kraken"));
        Detection other = detection("other", at, List.of("coinbase", "infura", "metamask"));
        SignalWindow window = SignalWindow.of(aws.onset(), aws.onset().plus(Duration.ofHours(2)), aws.scope(), Set.of());

        String aboutAlarm = TimelineSvg.render(new TimelineSvg.Model("t", "s", window, null, List.of(alarm, other), 1, null));
        String aboutBoth = TimelineSvg.render(new TimelineSvg.Model("t", "s", window, null, List.of(alarm, other), null));

        // the scale of the services lane is the largest count drawn
        assertThat(aboutAlarm).contains("text-anchor=\"end\">1</text>").doesNotContain("text-anchor=\"end\">4</text>");
        assertThat(aboutBoth).contains("text-anchor=\"end\">4</text>");
    }

    private static Detection detection(String id, Instant at, List<String> observed) {
        Outage v = OutageRecords.version(id, ScopeId.parse("aws/us-east-1"), at, at, OutageState.CONFIRMED, observed,
                List.of());
        return new PipelineOutput(List.of(v), List.of()).detections().get(0);
    }

    @Test
    void saysSoWhenThereAreNoSignals() {
        SignalWindow window = SignalWindow.of(aws.onset(), aws.end(), aws.scope(), Set.of());

        String svg = TimelineSvg.render(new TimelineSvg.Model("t", "s", window, null, List.of(), null));

        assertThat(svg).contains("no signal data for this run").contains("a false alarm");
    }

    private static List<String> titles(Document doc) {
        NodeList nodes = doc.getElementsByTagName("title");
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> nodes.item(i).getTextContent()).toList();
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
