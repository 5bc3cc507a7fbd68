package io.testlanes.benchmarks;

import static io.testlanes.benchmarks.RatiosTest.result;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ChartTest {
  @Test
  void drawsOneBarPerScenarioWithPhaseSegmentsProportionalToTime() throws Exception {
    String svg =
        Chart.svg(
            "before & after",
            List.of(result("s1-before", 400, 100, 20, 80), result("s4-lanes-4", 40, 4, 2, 0)));
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new InputSource(new StringReader(svg)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    NodeList rects = doc.getElementsByTagName("rect");
    double startWidth = -1;
    double testsWidth = -1;
    int segments = 0;
    for (int i = 0; i < rects.getLength(); i++) {
      Element r = (Element) rects.item(i);
      if (r.getElementsByTagName("title").getLength() == 0) {
        continue; // background, legend
      }
      segments++;
      String title = r.getElementsByTagName("title").item(0).getTextContent();
      if (segments == 1) {
        assertThat(title).isEqualTo("start services: 100 s");
        startWidth = Double.parseDouble(r.getAttribute("width"));
      }
      if (segments == 3) {
        assertThat(title).isEqualTo("run tests: 200 s");
        testsWidth = Double.parseDouble(r.getAttribute("width"));
      }
    }
    assertThat(segments).isEqualTo(4 + 3); // the second scenario stops nothing
    assertThat(testsWidth / startWidth)
        .isCloseTo(2.0, org.assertj.core.api.Assertions.within(1e-6));
    assertThat(svg).contains("before &amp; after").contains("(10.0x)").contains("stop services");
  }

  @Test
  void severalRunsDrawAWhiskerFromTheFastestToTheSlowest() {
    ScenarioResult one = result("s3-once-tmpfs", 50, 4, 1, 0);
    ScenarioResult three =
        ScenarioResult.median(
            List.of(
                one, result("s3-once-tmpfs", 60, 4, 1, 0), result("s3-once-tmpfs", 55, 4, 1, 0)));
    assertThat(Chart.svg("t", List.of(one))).doesNotContain("<title>runs");
    assertThat(Chart.svg("t", List.of(three))).contains("<title>runs 50–60 s</title>");
  }

  @Test
  void theAxisEndsAtARoundNumber() {
    assertThat(Chart.niceCeiling(400)).isEqualTo(500);
    assertThat(Chart.niceCeiling(38)).isEqualTo(50);
    assertThat(Chart.niceCeiling(100)).isEqualTo(100);
    assertThat(Chart.niceCeiling(101)).isEqualTo(200);
  }
}
