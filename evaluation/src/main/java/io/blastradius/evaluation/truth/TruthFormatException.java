package io.blastradius.evaluation.truth;

import java.io.IOException;

/** A truth file that does not follow {@code docs/truth-format.md}; the message names the file and the field. */
public final class TruthFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TruthFormatException(String message) {
        super(message);
    }
}
