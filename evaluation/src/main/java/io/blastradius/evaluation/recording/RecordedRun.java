package io.blastradius.evaluation.recording;

import io.blastradius.evaluation.score.PipelineOutput;
import io.blastradius.evaluation.signal.SignalSink;
import io.blastradius.schemas.Outage;
import io.blastradius.schemas.OutageAlert;
import io.blastradius.schemas.ProbeResult;
import io.blastradius.schemas.SocialSignal;
import io.blastradius.schemas.StatusEvent;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.avro.specific.SpecificRecord;

/**
 * A run recorded as files, so it can be scored (again) without the stack: Avro container files named
 * after the topics, in one directory.
 *
 * <pre>
 * outages.avro         every Outage version, in topic order
 * outage-alerts.avro   every OutageAlert
 * status-events.avro   the input signals (optional; only needed for the timeline pictures)
 * social-signals.avro
 * probe-results.avro
 * </pre>
 */
public final class RecordedRun {
    public static final String OUTAGES = "outages.avro";
    public static final String ALERTS = "outage-alerts.avro";
    public static final String STATUS_EVENTS = "status-events.avro";
    public static final String SOCIAL_SIGNALS = "social-signals.avro";
    public static final String PROBE_RESULTS = "probe-results.avro";

    private RecordedRun() {
    }

    /** Writes the pipeline's output to {@code dir}. */
    public static void writeOutput(Path dir, PipelineOutput output) throws IOException {
        Files.createDirectories(dir);
        AvroFiles.write(dir.resolve(OUTAGES), Outage.class, output.outageVersions());
        AvroFiles.write(dir.resolve(ALERTS), OutageAlert.class, output.alerts());
    }

    /** Reads the pipeline's output recorded in {@code dir}; a missing alerts file reads as no alerts. */
    public static PipelineOutput readOutput(Path dir) throws IOException {
        Path outages = dir.resolve(OUTAGES);
        if (!Files.exists(outages)) {
            throw new IOException("no recorded output in " + dir + " (" + OUTAGES + " is missing)");
        }
        List<Outage> versions = new ArrayList<>();
        List<OutageAlert> alerts = new ArrayList<>();
        AvroFiles.read(outages, Outage.class, versions::add);
        if (Files.exists(dir.resolve(ALERTS))) {
            AvroFiles.read(dir.resolve(ALERTS), OutageAlert.class, alerts::add);
        }
        return new PipelineOutput(versions, alerts);
    }

    /** True when {@code dir} holds recorded signal streams. */
    public static boolean hasSignals(Path dir) {
        return Files.exists(dir.resolve(STATUS_EVENTS)) || Files.exists(dir.resolve(SOCIAL_SIGNALS))
                || Files.exists(dir.resolve(PROBE_RESULTS));
    }

    /** Feeds the recorded signal streams of {@code dir} (those present) to {@code sink}. */
    public static void replaySignals(Path dir, SignalSink sink) throws IOException {
        replay(dir.resolve(STATUS_EVENTS), StatusEvent.class, sink::status);
        replay(dir.resolve(SOCIAL_SIGNALS), SocialSignal.class, sink::social);
        replay(dir.resolve(PROBE_RESULTS), ProbeResult.class, sink::probe);
    }

    private static <T extends SpecificRecord> void replay(
            Path file, Class<T> type, Consumer<T> each) throws IOException {
        if (Files.exists(file)) {
            AvroFiles.read(file, type, each);
        }
    }

    /** A sink that records the signal streams into {@code dir}; close it to finish the files. */
    public static SignalWriter signalWriter(Path dir) throws IOException {
        Files.createDirectories(dir);
        return new SignalWriter(dir);
    }

    /** Writes each signal it receives to the matching file. */
    public static final class SignalWriter implements SignalSink, Closeable {
        private final AvroFiles.Writer<StatusEvent> status;
        private final AvroFiles.Writer<SocialSignal> social;
        private final AvroFiles.Writer<ProbeResult> probes;

        private SignalWriter(Path dir) throws IOException {
            status = new AvroFiles.Writer<>(dir.resolve(STATUS_EVENTS), StatusEvent.class);
            social = new AvroFiles.Writer<>(dir.resolve(SOCIAL_SIGNALS), SocialSignal.class);
            probes = new AvroFiles.Writer<>(dir.resolve(PROBE_RESULTS), ProbeResult.class);
        }

        @Override
        public void status(StatusEvent event) {
            append(status, event);
        }

        @Override
        public void social(SocialSignal signal) {
            append(social, signal);
        }

        @Override
        public void probe(ProbeResult result) {
            append(probes, result);
        }

        private static <T extends SpecificRecord> void append(AvroFiles.Writer<T> w, T r) {
            try {
                w.append(r);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            try (status; social; probes) {
                // closes all three, reporting the first failure
            }
        }
    }
}
