package io.testlanes.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void roundTripsObjectsArraysStringsNumbersBooleansAndNull() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("quote\"back\\slash", "line\nbreak\ttab \u00e9 \u2603");
    inner.put("nothing", null);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("n", 42L);
    root.put("neg", -7L);
    root.put("d", 0.25);
    root.put("yes", true);
    root.put("no", false);
    root.put("list", Arrays.asList(1L, "two", null, List.of()));
    root.put("inner", inner);

    String text = Json.write(root);

    assertThat(Json.parse(text)).isEqualTo(root);
  }

  @Test
  void escapesWhatWouldEndAnHtmlScriptElement() {
    String text = Json.write(Map.of("k", "</script><script>alert(1)</script>&"));

    assertThat(text).doesNotContain("<").doesNotContain(">").doesNotContain("&");
    assertThat(Json.parseObject(text)).containsEntry("k", "</script><script>alert(1)</script>&");
  }

  @Test
  void rejectsTextThatIsNotJsonSayingWhereAndWhat() {
    assertThatThrownBy(() -> Json.parse("{\"a\": 1,, }"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not valid JSON: expected a string key at offset 8, found ', }'");
    assertThatThrownBy(() -> Json.parse("[1] x"))
        .hasMessage("not valid JSON: expected end of input at offset 4, found 'x'");
    assertThatThrownBy(() -> Json.parseObject("[1]"))
        .hasMessageStartingWith("expected a JSON object");
  }
}
