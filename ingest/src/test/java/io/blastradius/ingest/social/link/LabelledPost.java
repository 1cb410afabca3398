package io.blastradius.ingest.social.link;

import com.fasterxml.jackson.databind.JsonNode;
import io.blastradius.ingest.social.text.HtmlText;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One hand-labelled post: its text (plain, or Mastodon-style HTML) and what it should link to. */
record LabelledPost(String text, boolean html, Set<String> services, Set<String> providers, boolean complaint) {

    /** The text the linker sees: HTML stripped the way the Mastodon connector strips it. */
    String plainText() {
        return html ? HtmlText.toPlainText(text) : text;
    }

    static List<LabelledPost> load(String part) {
        List<LabelledPost> out = new ArrayList<>();
        for (JsonNode n : TestCatalog.jsonLines("/social/labelled-posts-" + part + ".jsonl")) {
            out.add(new LabelledPost(n.get("text").asText(), n.path("html").asBoolean(false),
                    new TreeSet<>(TestCatalog.strings(n.get("services"))),
                    new TreeSet<>(TestCatalog.strings(n.get("providers"))),
                    n.get("complaint").asBoolean()));
        }
        return out;
    }
}
