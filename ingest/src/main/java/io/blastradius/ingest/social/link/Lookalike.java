package io.blastradius.ingest.social.link;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A name that is also an ordinary word ("signal", "base", "ring") or a verb ("venmo me"), with the
 * context that confirms or rejects it. Phrases are stored as token lists.
 */
record Lookalike(
        String word,
        boolean ambiguous,
        List<List<String>> cues,
        List<List<String>> notBefore,
        List<List<String>> notAfter,
        List<List<String>> notNear) {

    /**
     * The curated look-alikes, plus every other common English, Spanish, Portuguese, French, German,
     * Italian or Dutch word as a plain ambiguous entry
     * (no cues), less the brand names listed as distinctive.
     */
    static Map<String, Lookalike> defaults() {
        Map<String, Lookalike> byWord = new HashMap<>();
        JsonNode root = LexiconFiles.resource("lookalikes.json");
        Set<String> distinctive = new HashSet<>(LexiconFiles.strings(root.get("distinctive")));
        for (String file : List.of("common-words-en.txt", "common-words-other.txt")) {
            for (String word : LexiconFiles.lines(file)) {
                if (!distinctive.contains(word)) {
                    byWord.putIfAbsent(word, new Lookalike(word, true, List.of(), List.of(), List.of(), List.of()));
                }
            }
        }
        for (JsonNode n : root.path("lookalikes")) {
            String word = String.join(" ", Tokenizer.phrase(n.path("word").asText(), false));
            byWord.put(word, new Lookalike(word, n.path("ambiguous").asBoolean(true),
                    phrases(n.get("cues")), phrases(n.get("notBefore")), phrases(n.get("notAfter")),
                    phrases(n.get("notNear"))));
        }
        return byWord;
    }

    private static List<List<String>> phrases(JsonNode array) {
        List<List<String>> out = new ArrayList<>();
        for (String s : LexiconFiles.strings(array)) {
            List<String> p = Tokenizer.phrase(s, false);
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
