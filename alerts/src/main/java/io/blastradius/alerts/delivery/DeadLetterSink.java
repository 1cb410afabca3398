package io.blastradius.alerts.delivery;

import io.blastradius.schemas.AlertDeadLetter;

/** Where alerts that could not be delivered go: the alert dead-letter topic. */
public interface DeadLetterSink {

    /**
     * Stores {@code letter} durably; returns only once it is (retrying as long as it takes).
     *
     * @throws InterruptedException when the subscriber stops first; the alert is then not done, and its
     *     offset not committed, so it is read and tried again after the restart
     */
    void write(AlertDeadLetter letter) throws InterruptedException;
}
