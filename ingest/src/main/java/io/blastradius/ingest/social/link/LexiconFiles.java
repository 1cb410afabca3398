package io.blastradius.ingest.social.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON lexicons shipped beside this package. */
final class LexiconFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private LexiconFiles() {
    }

    static JsonNode resource(String name) {
        try (InputStream in = LexiconFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("lexicon resource " + name + " is missing from the classpath");
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon resource " + name, e);
        }
    }

    /** Lines of a text resource, trimmed, without blanks and {@code #} comments. */
    static List<String> lines(String name) {
        try (InputStream in = LexiconFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("lexicon resource " + name + " is missing from the classpath");
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (!l.isEmpty() && !l.startsWith("#")) {
                    out.add(l);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lexicon resource " + name, e);
        }
    }

    static JsonNode read(InputStream in, String what) {
        try {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what, e);
        }
    }

    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node != null && node.isArray()) {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
