package io.blastradius.evaluation.testing;

import io.blastradius.evaluation.truth.GroundTruth;
import io.blastradius.evaluation.truth.TruthReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The hand-written truth files under {@code src/test/resources/truth}. */
public final class Truths {
    private Truths() {
    }

    /** {@code two-days.json}: an AWS regional outage in three phases, a silent GCP global one, an oscillating CDN one. */
    public static GroundTruth twoDays() {
        return load("two-days.json");
    }

    public static GroundTruth load(String name) {
        try (InputStream in = Truths.class.getResourceAsStream("/truth/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test truth " + name);
            }
            return TruthReader.read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
